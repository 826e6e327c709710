import {
  CsrfField,
  ErrorSummary,
  FileField,
  RequiredNote,
  SelectField,
  TextField,
  type TFormState,
} from '../../../layout/form-kit.js';
import { Layout, type TPageContext } from '../../../layout/layout.js';
import {
  COMPANY_DOCUMENT_TYPES,
  DOCUMENT_TYPE_LABELS,
  type TCompanyDocumentRow,
} from '../company-documents.js';
import { COMPANY_STATUS } from '../company-status.js';

export const DOCUMENT_FORM_LABELS = {
  doc_type: 'Tipo documento',
  description: 'Descrizione',
  file: 'File PDF',
} as const;

const dateTime = (d: Date) =>
  d.toLocaleString('it-IT', { timeZone: 'Europe/Rome', dateStyle: 'short', timeStyle: 'short' });

export const fileSize = (bytes: number) =>
  bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} kB`;

/** The activation documents of a company; `fileCell` renders the file column's cell. */
export function DocumentsTable({
  documents,
  caption,
  fileCell,
}: {
  documents: readonly TCompanyDocumentRow[];
  /** Fixed text of the caller (not escaped). */
  caption: JSX.Element;
  fileCell: (d: TCompanyDocumentRow) => JSX.Element;
}) {
  return (
    <table class="table">
      <caption>{caption as 'safe'}</caption>
      <thead>
        <tr>
          <th scope="col">Tipo documento</th>
          <th scope="col">Descrizione</th>
          <th scope="col">File</th>
          <th scope="col">Caricato il</th>
        </tr>
      </thead>
      <tbody>
        {documents.map((d) => (
          <tr>
            <td safe>{DOCUMENT_TYPE_LABELS[d.doc_type] ?? d.doc_type}</td>
            <td safe>{d.description ?? '–'}</td>
            {fileCell(d) as 'safe'}
            <td safe>{dateTime(d.uploaded_at)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function CompanyDocumentsPage({
  ctx,
  token,
  company,
  documents,
  form,
}: {
  ctx: TPageContext;
  token: string;
  company: { business_name: string; registration_number: string; vat_number: string; status: string };
  documents: readonly TCompanyDocumentRow[];
  form: TFormState;
}) {
  return (
    <Layout ctx={ctx} title="Documenti per l'attivazione">
      <h1>Documenti per l'attivazione</h1>
      <p>
        Ditta <strong safe>{company.business_name}</strong> – partita IVA{' '}
        <span safe>{company.vat_number}</span> – registrazione n.{' '}
        <strong safe>{company.registration_number}</strong>
        <br />
        Stato:{' '}
        <span safe>{COMPANY_STATUS[company.status as keyof typeof COMPANY_STATUS] ?? company.status}</span>
      </p>
      <p>
        Carica qui i documenti richiesti dall'autorità competente per l'attivazione, invece di inviarli per
        e-mail: Visura Camerale aggiornata, DURC in corso di validità, quietanza e polizza assicurativa in
        corso di validità, certificato di taratura dell'analizzatore aggiornato, eventuali abilitazioni per
        FER e/o FGAS ed eventuali altre abilitazioni (certificazioni, attestati…). Un documento per volta, in
        formato PDF, al massimo 5 MB.
      </p>

      <h2 class="h4 mt-4">Documenti caricati</h2>
      {documents.length === 0 ? (
        <p>Nessun documento caricato finora.</p>
      ) : (
        <DocumentsTable
          documents={documents}
          caption="Documenti caricati per questa ditta"
          fileCell={(d) => <td safe>{`${d.filename} (${fileSize(d.size_bytes)})`}</td>}
        />
      )}

      <h2 class="h4 mt-5">Carica un documento</h2>
      <ErrorSummary form={form} labels={DOCUMENT_FORM_LABELS} />
      <form method="post" action="/ditte/documenti" enctype="multipart/form-data" novalidate>
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="token" value={token} />
        <RequiredNote />
        <SelectField
          form={form}
          name="doc_type"
          label={DOCUMENT_FORM_LABELS.doc_type}
          required
          options={COMPANY_DOCUMENT_TYPES}
        />
        <TextField
          form={form}
          name="description"
          label={DOCUMENT_FORM_LABELS.description}
          hint="Obbligatoria per «Altre abilitazioni»: indica di quale certificazione o attestato si tratta"
          maxlength={200}
        />
        <FileField
          form={form}
          name="file"
          label={DOCUMENT_FORM_LABELS.file}
          hint="File PDF, al massimo 5 MB"
          accept="application/pdf"
          required
        />
        <button type="submit" class="btn btn-primary">
          Carica documento
        </button>
      </form>
    </Layout>
  );
}
