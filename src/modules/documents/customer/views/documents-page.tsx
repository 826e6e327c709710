import { formatItalianDate } from '../../../../italian/dates.js';
import {
  CsrfField,
  ErrorSummary,
  SelectField,
  TextField,
  type TFormState,
} from '../../../../layout/form-kit.js';
import { DataTable } from '../../../../layout/data-table.js';
import { Layout, type TPageContext } from '../../../../layout/layout.js';
import type { TCustomerDocumentRow } from '../customer-documents.js';

const LABELS: Record<string, string> = { tipo: 'Tipo', dal: 'Dal', al: 'Al', q: 'Testo' };

export type TDocumentsView = {
  customer: { id: string; name: string; customer_code: string };
  /** The search form as typed (tipo, dal, al, q), with errors for wrong dates. */
  search: TFormState;
  types: readonly string[];
  rows: readonly TCustomerDocumentRow[];
  total: number;
  page: number;
  pages: number;
  /** Query string of the current search without the page, for the pager links. */
  query: string;
};

function pageHref(base: string, query: string, page: number): string {
  const q = [query, page > 1 ? `pagina=${page}` : ''].filter(Boolean).join('&');
  return q ? `${base}?${q}` : base;
}

export function CustomerDocumentsPage({ ctx, v }: { ctx: TPageContext; v: TDocumentsView }) {
  const base = `/area-clienti/clienti/${v.customer.id}/documenti`;
  return (
    <Layout ctx={ctx} title={`Documenti – ${v.customer.name}`}>
      <h1>
        Area cliente <span safe>{v.customer.name}</span>
      </h1>
      <p>
        Codice cliente: <strong safe>{v.customer.customer_code}</strong>.{' '}
        <a href="/area-clienti/associazione">Torna ai tuoi clienti</a>
      </p>
      <h2 class="h4">Ricerca documenti</h2>
      <ErrorSummary form={v.search} labels={LABELS} />
      <form method="get" action={base} novalidate class="mb-3">
        <div class="row">
          <div class="col-md-3">
            <SelectField
              form={v.search}
              name="tipo"
              label="Tipo"
              options={v.types.map((t) => ({ value: t, label: t }))}
            />
          </div>
          <div class="col-md-3">
            <TextField form={v.search} name="dal" label="Dal" hint="gg/mm/aaaa" inputmode="numeric" />
          </div>
          <div class="col-md-3">
            <TextField form={v.search} name="al" label="Al" hint="gg/mm/aaaa" inputmode="numeric" />
          </div>
          <div class="col-md-3">
            <TextField form={v.search} name="q" label="Testo" hint="Nel titolo o nel tipo" />
          </div>
        </div>
        <button type="submit" class="btn btn-primary">
          ricerca
        </button>
      </form>
      <form method="post" action={`${base}/scarica`} novalidate>
        <CsrfField token={ctx.csrfToken} />
        <p>
          <button type="submit" class="btn btn-outline-primary">
            Scarica i documenti
          </button>
          <span class="small ms-2">
            Seleziona i documenti nella tabella: li riceverai in un unico file zip.
          </span>
        </p>
        <p role="status" safe>
          {v.total === 0
            ? 'Nessun documento trovato.'
            : v.total === 1
              ? '1 documento trovato.'
              : `${v.total} documenti trovati.`}
        </p>
        {v.rows.length > 0 ? (
          <DataTable
            caption={`Documenti, pagina ${v.page} di ${v.pages}`}
            columns={['Seleziona', 'Tipo', 'Titolo', 'Data', 'Stato', 'Scarica']}
            responsive
          >
            {v.rows.map((d) => (
              <tr>
                <td>
                  <div class="form-check my-0">
                    <input type="checkbox" id={`doc-${d.id}`} name="doc" value={d.id} />
                    <label for={`doc-${d.id}`}>
                      <span class="visually-hidden" safe>{`Seleziona ${d.title}`}</span>
                    </label>
                  </div>
                </td>
                <td safe>{d.doc_type}</td>
                <td safe>{d.title}</td>
                <td safe>{formatItalianDate(d.issued_on)}</td>
                <td>
                  {d.first_downloaded_at ? (
                    <span class="badge bg-secondary">Letto</span>
                  ) : (
                    <span class="badge bg-primary">Non letto</span>
                  )}
                </td>
                <td>
                  <a href={`${base}/${d.id}/scarica`}>
                    scarica<span class="visually-hidden" safe>{` ${d.title}`}</span>
                  </a>
                </td>
              </tr>
            ))}
          </DataTable>
        ) : (
          ''
        )}
      </form>
      {v.pages > 1 ? (
        <nav aria-label="Pagine dei documenti" class="pagination-wrapper">
          <ul class="pagination">
            {v.page > 1 ? (
              <li class="page-item">
                <a class="page-link" href={pageHref(base, v.query, v.page - 1)}>
                  Pagina precedente
                </a>
              </li>
            ) : (
              ''
            )}
            <li class="page-item">
              <span class="page-link" aria-current="page" safe>{`Pagina ${v.page} di ${v.pages}`}</span>
            </li>
            {v.page < v.pages ? (
              <li class="page-item">
                <a class="page-link" href={pageHref(base, v.query, v.page + 1)}>
                  Pagina successiva
                </a>
              </li>
            ) : (
              ''
            )}
          </ul>
        </nav>
      ) : (
        ''
      )}
    </Layout>
  );
}
