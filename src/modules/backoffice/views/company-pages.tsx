import type { TDeclarationSection } from '../../../db/schema.js';
import { Layout } from '../../../layout/layout.js';
import type { TCompanyDocumentRow } from '../../companies/company-documents.js';
import { COMPANY_STATUS, STAFF_STATUS } from '../../companies/company-status.js';
import { DocumentsTable, fileSize } from '../../companies/views/documents-page.js';
import { DeclarationTable } from '../../companies/views/signing-page.js';
import type { searchCompanies } from '../queries.js';
import { CertificationsSection } from './certifications.js';
import { DecisionForms, DecisionNotes, type TDecisionPageProps } from './decision-forms.js';
import { dateTime, FileLink, jobAndUserType, StatusBadge } from './parts.js';
import { QueuePage, type TQueuePageProps } from './queue-page.js';

type TCompanyListRow = Awaited<ReturnType<typeof searchCompanies>>['rows'][number];

export function CompanyQueuePage({ ctx, q, status, rows, more }: TQueuePageProps<TCompanyListRow>) {
  return (
    <QueuePage
      ctx={ctx}
      title="Ditte manutentrici"
      heading="Ditte manutentrici"
      intro={
        <>
          Registrazioni delle ditte. Per impostazione predefinita sono mostrate quelle con l'autodichiarazione
          firmata, in attesa di attivazione.
        </>
      }
      search={{
        action: '/ufficio/ditte',
        q,
        status,
        statuses: COMPANY_STATUS,
        hint: 'Ragione sociale, partita IVA, codice fiscale (ditta o legale rappresentante), nome del legale rappresentante o numero di registrazione',
      }}
      count={rows.length}
      more={more}
      found="Ditte trovate"
      empty="Nessuna ditta corrisponde alla ricerca."
      columns={[
        'N. registrazione',
        'Ragione sociale',
        'Partita IVA',
        'Legale rappresentante',
        'Comune',
        'Firmata il',
        'Documenti',
        'Stato',
      ]}
    >
      {rows.map((r) => (
        <tr>
          <td safe>{r.registration_number}</td>
          <td>
            <a href={`/ufficio/ditte/${r.id}`} safe>
              {r.business_name}
            </a>
          </td>
          <td safe>{r.vat_number}</td>
          <td safe>{`${r.lr_full_name} (${r.lr_tax_code})`}</td>
          <td safe>{r.municipality_name}</td>
          <td>{r.signed_at ? dateTime(r.signed_at) : '–'}</td>
          <td safe>{String(r.documents ?? 0)}</td>
          <td>
            <StatusBadge status={r.status} labels={COMPANY_STATUS} />
          </td>
        </tr>
      ))}
    </QueuePage>
  );
}

export type TCompanyDetail = {
  id: string;
  registration_number: string;
  business_name: string;
  vat_number: string;
  status: string;
  decision_reason: string | null;
  created_at: Date;
  updated_at: Date;
  signed_at: Date | null;
  signed_ip: string | null;
  signed_receipt_hash: string | null;
  receipt_hash: string;
  declaration_sections: TDeclarationSection[];
};

export type TFileInfo = { id: string; filename: string; size_bytes: number };

export type TStaffSummary = {
  id: string;
  registration_number: string;
  full_name: string;
  tax_code: string;
  job_type: string;
  user_type: string;
  status: string;
  lr_confirmed_at: Date | null;
};

export function CompanyDetailPage({
  ctx,
  company,
  certifications,
  documents,
  registrationFiles,
  staff,
  today,
  soon,
  allowed,
  form,
  problem,
}: TDecisionPageProps & {
  company: TCompanyDetail;
  documents: readonly TCompanyDocumentRow[];
  registrationFiles: ReadonlyArray<{ label: string; file: TFileInfo | undefined }>;
  staff: readonly TStaffSummary[];
}) {
  const c = company;
  const signatureMatches = c.signed_receipt_hash !== null && c.signed_receipt_hash === c.receipt_hash;
  return (
    <Layout ctx={ctx} title={`Ditta ${c.business_name}`}>
      <p>
        <a href="/ufficio/ditte">Torna all'elenco delle ditte</a>
      </p>
      <h1 safe>{c.business_name}</h1>
      <p>
        Registrazione n. <strong safe>{c.registration_number}</strong> – partita IVA{' '}
        <span safe>{c.vat_number}</span> – stato <StatusBadge status={c.status} labels={COMPANY_STATUS} />
      </p>
      <DecisionNotes reason={c.decision_reason} form={form} />

      <section class="mt-4" aria-labelledby="firma">
        <h2 id="firma" class="h4">
          Firma dell'autodichiarazione
        </h2>
        <table class="table table-sm">
          <caption>Dati della firma</caption>
          <tbody>
            <tr>
              <th scope="row" class="w-50">
                Registrazione inviata il
              </th>
              <td safe>{dateTime(c.created_at)}</td>
            </tr>
            <tr>
              <th scope="row">Firmata il</th>
              <td>{c.signed_at ? dateTime(c.signed_at) : 'Non ancora firmata'}</td>
            </tr>
            <tr>
              <th scope="row">Indirizzo IP della firma</th>
              <td safe>{c.signed_ip ?? '–'}</td>
            </tr>
            <tr>
              <th scope="row">Impronta SHA-256 firmata</th>
              <td>
                <code safe>{c.signed_receipt_hash ?? '–'}</code>
                {c.signed_receipt_hash ? (
                  signatureMatches ? (
                    <span class="badge bg-success ms-2">Corrisponde alla ricevuta</span>
                  ) : (
                    <span class="badge bg-danger ms-2">Non corrisponde alla ricevuta</span>
                  )
                ) : (
                  ''
                )}
              </td>
            </tr>
            <tr>
              <th scope="row">Impronta SHA-256 della ricevuta</th>
              <td>
                <code safe>{c.receipt_hash}</code>
              </td>
            </tr>
          </tbody>
        </table>
      </section>

      <section class="mt-4" aria-labelledby="dati">
        <h2 id="dati" class="h4">
          Dati dichiarati
        </h2>
        <DeclarationTable sections={c.declaration_sections} />
      </section>

      <CertificationsSection
        certifications={certifications}
        today={today}
        soon={soon}
        of="della ditta"
        warnExpired
      />

      <section class="mt-4" aria-labelledby="documenti">
        <h2 id="documenti" class="h4">
          Documenti
        </h2>
        <table class="table">
          <caption>Allegati della registrazione</caption>
          <tbody>
            {registrationFiles.map((r) => (
              <tr>
                <th scope="row" class="w-50" safe>
                  {r.label}
                </th>
                <td>
                  {r.file ? (
                    <>
                      <FileLink id={r.file.id} filename={r.file.filename} />{' '}
                      <span safe>{`(${fileSize(r.file.size_bytes)})`}</span>
                    </>
                  ) : (
                    'non allegato'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {documents.length === 0 ? (
          <p>Nessun documento per l'attivazione caricato dalla ditta.</p>
        ) : (
          <DocumentsTable
            documents={documents}
            caption="Documenti per l'attivazione caricati dalla ditta"
            fileCell={(d) => (
              <td>
                <FileLink id={d.file_id} filename={d.filename} />{' '}
                <span safe>{`(${fileSize(d.size_bytes)})`}</span>
              </td>
            )}
          />
        )}
      </section>

      <section class="mt-4" aria-labelledby="personale">
        <h2 id="personale" class="h4">
          Tecnici e personale amministrativo
        </h2>
        {staff.length === 0 ? (
          <p>Nessuna persona registrata per questa ditta.</p>
        ) : (
          <table class="table">
            <caption>Personale registrato dal Legale Rappresentante</caption>
            <thead>
              <tr>
                <th scope="col">Cognome e Nome</th>
                <th scope="col">Codice Fiscale</th>
                <th scope="col">Tipo Impiego / Tipo Utente</th>
                <th scope="col">Confermato dal Legale Rappresentante</th>
                <th scope="col">Stato</th>
              </tr>
            </thead>
            <tbody>
              {staff.map((s) => (
                <tr>
                  <td>
                    <a href={`/ufficio/personale/${s.id}`} safe>
                      {s.full_name}
                    </a>
                  </td>
                  <td safe>{s.tax_code}</td>
                  <td safe>{jobAndUserType(s.job_type, s.user_type)}</td>
                  <td>{s.lr_confirmed_at ? `Sì, il ${dateTime(s.lr_confirmed_at)}` : 'Non ancora'}</td>
                  <td>
                    <StatusBadge status={s.status} labels={STAFF_STATUS} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <DecisionForms
        csrfToken={ctx.csrfToken}
        base={`/ufficio/ditte/${c.id}`}
        allowed={allowed}
        form={form}
        problem={problem}
        subject={`la ditta ${c.business_name}`}
      />
    </Layout>
  );
}
