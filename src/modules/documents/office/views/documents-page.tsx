import {
  CsrfField,
  ErrorSummary,
  FileField,
  RequiredNote,
  TextField,
  type TFormState,
} from '../../../../layout/form-kit.js';
import { DataTable } from '../../../../layout/data-table.js';
import { Layout, type TPageContext } from '../../../../layout/layout.js';
import { formatItalianDate } from '../../../../italian/dates.js';
import type { TManifestReport } from '../publish-manifest.js';

export const PUBLISH_FORM_LABELS = {
  customer_code: 'Codice cliente',
  doc_type: 'Tipo documento',
  title: 'Titolo',
  issued_on: 'Data documento',
  file: 'File PDF',
  external_id: 'Identificativo',
} as const;

export const BULK_FORM_LABELS = { archive: 'Archivio zip' } as const;

export type TOfficeDocumentRow = {
  id: string;
  customer_code: string;
  customer_name: string;
  doc_type: string;
  title: string;
  issued_on: string;
  published_at: Date;
  notices_sent: number;
  first_downloaded_at: Date | null;
};

const dateTime = (d: Date) =>
  d.toLocaleString('it-IT', { timeZone: 'Europe/Rome', dateStyle: 'short', timeStyle: 'short' });

function RecentDocuments({ documents }: { documents: readonly TOfficeDocumentRow[] }) {
  if (documents.length === 0) return <p>Nessun documento pubblicato finora.</p>;
  return (
    <DataTable
      caption="Ultimi documenti pubblicati"
      columns={['Cliente', 'Tipo', 'Titolo', 'Data', 'Pubblicato il', 'Avvisi inviati', 'Letto']}
      responsive
    >
      {documents.map((d) => (
        <tr>
          <td safe>{`${d.customer_code} – ${d.customer_name}`}</td>
          <td safe>{d.doc_type}</td>
          <td safe>{d.title}</td>
          <td safe>{formatItalianDate(d.issued_on)}</td>
          <td safe>{dateTime(d.published_at)}</td>
          <td>{d.notices_sent}</td>
          <td>{d.first_downloaded_at ? `sì, il ${dateTime(d.first_downloaded_at)}` : 'no'}</td>
        </tr>
      ))}
    </DataTable>
  );
}

/** The report of a bulk publication: published, already published, errors by row. */
export function ManifestReport({ report }: { report: TManifestReport }) {
  if (report.manifestError)
    return (
      <div class="alert alert-danger" role="alert" id="manifest-report">
        <h2 class="h5">Nessun documento pubblicato</h2>
        <p class="mb-0" safe>
          {report.manifestError}
        </p>
      </div>
    );
  return (
    <div
      class={report.errors.length > 0 ? 'alert alert-warning' : 'alert alert-success'}
      role="status"
      id="manifest-report"
    >
      <h2 class="h5">Esito della pubblicazione</h2>
      <p safe>
        {`Righe nel manifesto: ${report.rows}. Pubblicati: ${report.published.length}. Già pubblicati: ${report.alreadyPublished.length}. Con errori: ${report.errors.length}.`}
      </p>
      {report.errors.length > 0 ? (
        <>
          <h3 class="h6">Righe non pubblicate</h3>
          <ul id="manifest-errors">
            {report.errors.map((e) => (
              <li safe>{`riga ${e.line}: ${e.message}`}</li>
            ))}
          </ul>
        </>
      ) : (
        ''
      )}
      {report.alreadyPublished.length > 0 ? (
        <>
          <h3 class="h6">Già pubblicati in precedenza</h3>
          <ul id="manifest-already">
            {report.alreadyPublished.map((e) => (
              <li safe>{`riga ${e.line}: già pubblicato (id_esterno ${e.externalId})`}</li>
            ))}
          </ul>
        </>
      ) : (
        ''
      )}
      {report.published.length > 0 ? (
        <>
          <h3 class="h6">Pubblicati ora</h3>
          <ul id="manifest-published">
            {report.published.map((e) => (
              <li safe>{`riga ${e.line}: ${e.title} (id_esterno ${e.externalId})`}</li>
            ))}
          </ul>
        </>
      ) : (
        ''
      )}
    </div>
  );
}

export function OfficeDocumentsPage({
  ctx,
  single,
  bulk,
  externalId,
  report,
  documents,
}: {
  ctx: TPageContext;
  single: TFormState;
  bulk: TFormState;
  /** Idempotency key of the single form: the same form sent twice publishes once. */
  externalId: string;
  report: TManifestReport | null;
  documents: readonly TOfficeDocumentRow[];
}) {
  return (
    <Layout ctx={ctx} title="Pubblicazione documenti">
      <h1>Pubblicazione documenti</h1>
      <p>
        Pubblica documenti (bollette, avvisi, provvedimenti) ai clienti dell'ente. Alla pubblicazione il
        cliente riceve un'e-mail; se non legge il documento, riceve un promemoria dopo dieci giorni e un
        ultimo promemoria dopo altri dieci.
      </p>

      {report ? <ManifestReport report={report} /> : ''}

      <h2 class="h4 mt-4">Pubblica un documento</h2>
      <ErrorSummary form={single} labels={PUBLISH_FORM_LABELS} />
      <form method="post" action="/ufficio/documenti" enctype="multipart/form-data" novalidate>
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="external_id" value={externalId} />
        <RequiredNote />
        <TextField
          form={single}
          name="customer_code"
          label={PUBLISH_FORM_LABELS.customer_code}
          hint="Il codice cliente riportato sulle bollette"
          required
          maxlength={60}
        />
        <TextField
          form={single}
          name="doc_type"
          label={PUBLISH_FORM_LABELS.doc_type}
          hint="Per esempio Bolletta, Avviso, Provvedimento"
          required
          maxlength={60}
        />
        <TextField form={single} name="title" label={PUBLISH_FORM_LABELS.title} required maxlength={200} />
        <TextField
          form={single}
          name="issued_on"
          label={PUBLISH_FORM_LABELS.issued_on}
          hint="gg/mm/aaaa"
          required
          inputmode="numeric"
          maxlength={10}
        />
        <FileField
          form={single}
          name="file"
          label={PUBLISH_FORM_LABELS.file}
          hint="File PDF, al massimo 5 MB"
          accept="application/pdf"
          required
        />
        <button type="submit" class="btn btn-primary">
          Pubblica documento
        </button>
      </form>

      <h2 class="h4 mt-5">Pubblicazione massiva da archivio zip</h2>
      <p>
        L'archivio contiene i PDF e un manifesto CSV (manifest.csv) con l'intestazione{' '}
        <code>codice_cliente;tipo;titolo;data;file;id_esterno</code>: una riga per documento, data nel formato
        gg/mm/aaaa, <code>file</code> è il nome del PDF nell'archivio, <code>id_esterno</code> un
        identificativo univoco del documento. Le righe valide vengono pubblicate, quelle con errori sono
        elencate; un documento con un id_esterno già pubblicato non viene pubblicato di nuovo.
      </p>
      <ErrorSummary form={bulk} labels={BULK_FORM_LABELS} />
      <form method="post" action="/ufficio/documenti/archivio" enctype="multipart/form-data" novalidate>
        <CsrfField token={ctx.csrfToken} />
        <FileField
          form={bulk}
          name="archive"
          label={BULK_FORM_LABELS.archive}
          hint="File zip, al massimo 5 MB; per caricamenti più grandi usa la riga di comando o l'API"
          accept=".zip,application/zip"
          required
        />
        <button type="submit" class="btn btn-primary">
          Pubblica l'archivio
        </button>
      </form>

      <h2 class="h4 mt-5">Ultimi documenti pubblicati</h2>
      <RecentDocuments documents={documents} />
    </Layout>
  );
}
