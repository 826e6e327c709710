import { CsrfField, ErrorSummary, FileField, type TFormState } from '../../../../layout/form-kit.js';
import { Layout, type TPageContext } from '../../../../layout/layout.js';
import { CUSTOMER_COLUMNS, type TImportResult } from '../import-customers.js';

export function CustomerImportPage({
  ctx,
  form,
  customers,
  result,
}: {
  ctx: TPageContext;
  form: TFormState;
  customers: number;
  result?: TImportResult | undefined;
}) {
  return (
    <Layout ctx={ctx} title="Anagrafica clienti">
      <h1>Anagrafica clienti</h1>
      <p safe>{`Clienti in anagrafica: ${customers}.`}</p>
      {result?.ok ? (
        <div class="alert alert-success" role="status" safe>
          {`Importazione completata: ${result.rows} righe lette, ${result.inserted} clienti nuovi, ${result.updated} aggiornati, ${result.unchanged} invariati.`}
        </div>
      ) : (
        ''
      )}
      {result && !result.ok ? (
        <div class="alert alert-danger" role="alert" id="import-errors">
          <h2 class="h5">Il file non è stato importato: nessun cliente è stato modificato</h2>
          <ul class="mb-0">
            {result.errors.map((e) => (
              <li safe>{e}</li>
            ))}
          </ul>
        </div>
      ) : (
        ''
      )}
      <h2 class="h4">Importa da file CSV</h2>
      <p>
        Prima riga: <code safe>{CUSTOMER_COLUMNS.join(';')}</code>. Separatore punto e virgola o virgola.
        Tipo: privato o partita_iva. I clienti già presenti (stesso codice cliente) vengono aggiornati.
      </p>
      <ErrorSummary form={form} labels={{ file: 'File CSV' }} />
      <form method="post" action="/ufficio/clienti" enctype="multipart/form-data" novalidate>
        <CsrfField token={ctx.csrfToken} />
        <FileField
          form={form}
          name="file"
          label="File CSV"
          hint="Al massimo 5 MB, codifica UTF-8"
          accept=".csv,text/csv"
          required
        />
        <button type="submit" class="btn btn-primary">
          Importa
        </button>
      </form>
    </Layout>
  );
}
