import { isRole, ROLES } from '../../../auth/permissions.js';
import { formatItalianDate } from '../../../italian/dates.js';
import { ErrorSummary, type TFormState } from '../../../layout/form-kit.js';
import { Layout, type TPageContext } from '../../../layout/layout.js';
import { COMPANY_STATUS, STAFF_STATUS } from '../../companies/company-status.js';
import type { TDecisionSlug } from '../decisions.js';
import type { searchStaff } from '../queries.js';
import {
  CertificationsTable,
  DecisionForms,
  dateTime,
  JOB_TYPE_LABELS,
  SearchForm,
  StatusBadge,
  type TCertRow,
  USER_TYPE_LABELS,
} from './parts.js';

type TStaffListRow = Awaited<ReturnType<typeof searchStaff>>['rows'][number];

const ACCOUNT_STATUS: Record<string, string> = {
  pending_email: 'In attesa di verifica e-mail',
  awaiting_activation: 'In attesa di attivazione',
  active: 'Attivo',
  disabled: 'Disattivato',
};

export function StaffQueuePage({
  ctx,
  q,
  status,
  rows,
  more,
}: {
  ctx: TPageContext;
  q: string;
  status: string;
  rows: readonly TStaffListRow[];
  more: boolean;
}) {
  return (
    <Layout ctx={ctx} title="Personale delle ditte">
      <h1>Tecnici e personale amministrativo</h1>
      <p>
        Persone registrate dai legali rappresentanti delle ditte. Per impostazione predefinita sono mostrate
        quelle in attesa di attivazione.
      </p>
      <SearchForm
        action="/ufficio/personale"
        q={q}
        status={status}
        statuses={STAFF_STATUS}
        hint="Cognome e nome, codice fiscale, e-mail, numero di registrazione, ragione sociale o partita IVA della ditta"
      />
      {rows.length === 0 ? (
        <p role="status">Nessuna persona corrisponde alla ricerca.</p>
      ) : (
        <table class="table">
          <caption
            safe
          >{`Persone trovate: ${rows.length}${more ? ' (sono mostrate le prime; restringi la ricerca)' : ''}`}</caption>
          <thead>
            <tr>
              <th scope="col">N. registrazione</th>
              <th scope="col">Cognome e Nome</th>
              <th scope="col">Codice Fiscale</th>
              <th scope="col">Ditta</th>
              <th scope="col">Tipo Impiego / Tipo Utente</th>
              <th scope="col">Confermato dal LR</th>
              <th scope="col">Stato</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <td safe>{r.registration_number}</td>
                <td>
                  <a href={`/ufficio/personale/${r.id}`} safe>
                    {r.full_name}
                  </a>
                </td>
                <td safe>{r.tax_code}</td>
                <td>
                  <a href={`/ufficio/ditte/${r.company_id}`} safe>
                    {r.business_name}
                  </a>{' '}
                  <StatusBadge status={r.company_status} labels={COMPANY_STATUS} />
                </td>
                <td
                  safe
                >{`${JOB_TYPE_LABELS[r.job_type] ?? r.job_type} / ${USER_TYPE_LABELS[r.user_type] ?? r.user_type}`}</td>
                <td>{r.lr_confirmed_at ? dateTime(r.lr_confirmed_at) : 'Non ancora'}</td>
                <td>
                  <StatusBadge status={r.status} labels={STAFF_STATUS} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}

export type TStaffDetail = {
  id: string;
  registration_number: string;
  full_name: string;
  tax_code: string;
  email: string;
  job_type: string;
  user_type: string;
  status: string;
  send_email_to_user: boolean;
  lr_confirmed_at: Date | null;
  decision_reason: string | null;
  receipt_hash: string;
  created_at: Date;
};

export function StaffDetailPage({
  ctx,
  staff,
  company,
  account,
  certifications,
  today,
  soon,
  allowed,
  form,
  problem,
}: {
  ctx: TPageContext;
  staff: TStaffDetail;
  company: {
    id: string;
    business_name: string;
    registration_number: string;
    status: string;
    lr_full_name: string;
  };
  account: { username: string; role: string; status: string; must_change_password: boolean } | undefined;
  certifications: readonly TCertRow[];
  today: string;
  soon: string;
  allowed: readonly TDecisionSlug[];
  form: TFormState;
  problem?: string | undefined;
}) {
  const s = staff;
  const rows: Array<[string, string]> = [
    ['Cognome e Nome', s.full_name],
    ['Codice Fiscale', s.tax_code],
    ['Email Utente', s.email],
    ['Tipo Impiego', JOB_TYPE_LABELS[s.job_type] ?? s.job_type],
    ['Tipo Utente', USER_TYPE_LABELS[s.user_type] ?? s.user_type],
    ['Registrata il', dateTime(s.created_at)],
    [
      'Confermata dal Legale Rappresentante',
      s.lr_confirmed_at ? `Sì, il ${dateTime(s.lr_confirmed_at)}` : 'Non ancora confermata',
    ],
    ["Invia Email di registrazione all'utente", s.send_email_to_user ? 'Sì' : 'No'],
    ['Impronta SHA-256 della ricevuta', s.receipt_hash],
  ];
  const accountRows: Array<[string, string]> = account
    ? [
        ['Nome Utente', account.username],
        ['Profilo', isRole(account.role) ? ROLES[account.role].label : account.role],
        [
          "Stato dell'account",
          `${ACCOUNT_STATUS[account.status] ?? account.status}${account.must_change_password ? ' – al primo accesso dovrà cambiare la password' : ''}`,
        ],
      ]
    : [];
  return (
    <Layout ctx={ctx} title={s.full_name}>
      <p>
        <a href="/ufficio/personale">Torna all'elenco del personale</a>
      </p>
      <h1 safe>{s.full_name}</h1>
      <p>
        Registrazione n. <strong safe>{s.registration_number}</strong> – stato{' '}
        <StatusBadge status={s.status} labels={STAFF_STATUS} />
      </p>
      <p>
        Ditta:{' '}
        <a href={`/ufficio/ditte/${company.id}`} safe>
          {company.business_name}
        </a>{' '}
        (registrazione n. <span safe>{company.registration_number}</span>, Legale Rappresentante{' '}
        <span safe>{company.lr_full_name}</span>) –{' '}
        <StatusBadge status={company.status} labels={COMPANY_STATUS} />
      </p>
      {company.status !== 'active' && (s.status === 'awaiting_activation' || s.status === 'suspended') ? (
        <div class="alert alert-info" role="status">
          La ditta non è attiva: la persona potrà essere attivata dopo l'attivazione della ditta.
        </div>
      ) : (
        ''
      )}
      {s.decision_reason ? (
        <p>
          Motivazione dell'ultima decisione: <span safe>{s.decision_reason}</span>
        </p>
      ) : (
        ''
      )}
      <ErrorSummary form={form} labels={{ reason: 'Motivazione' }} />

      <table class="table table-sm mt-4">
        <caption>Dati dichiarati dal Legale Rappresentante</caption>
        <tbody>
          {[...rows, ...accountRows].map(([label, value]) => (
            <tr>
              <th scope="row" class="w-50" safe>
                {label}
              </th>
              <td safe>{value || '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <section class="mt-4" aria-labelledby="abilitazioni">
        <h2 id="abilitazioni" class="h4">
          Abilitazioni/Certificazioni
        </h2>
        <CertificationsTable
          certifications={certifications}
          today={today}
          soon={soon}
          caption={`Abilitazioni della persona al ${formatItalianDate(today)}`}
        />
      </section>

      <DecisionForms
        csrfToken={ctx.csrfToken}
        base={`/ufficio/personale/${s.id}`}
        allowed={allowed}
        form={form}
        problem={problem}
        subject={s.full_name}
      />
    </Layout>
  );
}
