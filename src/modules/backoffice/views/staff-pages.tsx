import { isRole, ROLES } from '../../../auth/permissions.js';
import { Layout } from '../../../layout/layout.js';
import { COMPANY_STATUS, STAFF_STATUS } from '../../companies/company-status.js';
import type { searchStaff } from '../queries.js';
import { userStatusLabel } from '../../accounts/users.js';
import { CertificationsSection } from './certifications.js';
import { DecisionForms, DecisionNotes, type TDecisionPageProps } from './decision-forms.js';
import { dateTime, JOB_TYPE_LABELS, jobAndUserType, StatusBadge, USER_TYPE_LABELS } from './parts.js';
import { QueuePage, type TQueuePageProps } from './queue-page.js';

type TStaffListRow = Awaited<ReturnType<typeof searchStaff>>['rows'][number];

export function StaffQueuePage({ ctx, q, status, rows, more }: TQueuePageProps<TStaffListRow>) {
  return (
    <QueuePage
      ctx={ctx}
      title="Personale delle ditte"
      heading="Tecnici e personale amministrativo"
      intro={
        <>
          Persone registrate dai legali rappresentanti delle ditte. Per impostazione predefinita sono mostrate
          quelle in attesa di attivazione.
        </>
      }
      search={{
        action: '/ufficio/personale',
        q,
        status,
        statuses: STAFF_STATUS,
        hint: 'Cognome e nome, codice fiscale, e-mail, numero di registrazione, ragione sociale o partita IVA della ditta',
      }}
      count={rows.length}
      more={more}
      found="Persone trovate"
      empty="Nessuna persona corrisponde alla ricerca."
      columns={[
        'N. registrazione',
        'Cognome e Nome',
        'Codice Fiscale',
        'Ditta',
        'Tipo Impiego / Tipo Utente',
        'Confermato dal LR',
        'Stato',
      ]}
    >
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
          <td safe>{jobAndUserType(r.job_type, r.user_type)}</td>
          <td>{r.lr_confirmed_at ? dateTime(r.lr_confirmed_at) : 'Non ancora'}</td>
          <td>
            <StatusBadge status={r.status} labels={STAFF_STATUS} />
          </td>
        </tr>
      ))}
    </QueuePage>
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
}: TDecisionPageProps & {
  staff: TStaffDetail;
  company: {
    id: string;
    business_name: string;
    registration_number: string;
    status: string;
    lr_full_name: string;
  };
  account: { username: string; role: string; status: string; must_change_password: boolean } | undefined;
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
          `${userStatusLabel(account.status)}${account.must_change_password ? ' – al primo accesso dovrà cambiare la password' : ''}`,
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
      <DecisionNotes reason={s.decision_reason} form={form} />

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

      <CertificationsSection certifications={certifications} today={today} soon={soon} of="della persona" />

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
