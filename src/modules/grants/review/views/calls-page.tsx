// /ufficio/bandi: the calls of the tenant with the counts of their applications.
import { formatDateTime } from '../../../../italian/dates.js';
import { Layout, type TPageContext } from '../../../../layout/layout.js';
import type { callsWithCounts } from '../queries.js';

type TRow = Awaited<ReturnType<typeof callsWithCounts>>[number];

export function OfficeCallsPage({ ctx, rows }: { ctx: TPageContext; rows: readonly TRow[] }) {
  return (
    <Layout ctx={ctx} title="Domande di contributo">
      <h1>Domande di contributo</h1>
      <p>
        I bandi dell'ente e le domande ricevute. Apri un bando per istruire le domande nell'ordine di arrivo,
        per i controlli a campione, le revoche e i pagamenti.
      </p>
      {rows.length === 0 ? (
        <p>Nessun bando.</p>
      ) : (
        <div class="table-responsive">
          <table class="table">
            <caption>Bandi e domande ricevute</caption>
            <thead>
              <tr>
                <th scope="col">Bando</th>
                <th scope="col">Periodo</th>
                <th scope="col">Domande</th>
                <th scope="col">Da istruire</th>
                <th scope="col">Integrazione richiesta</th>
                <th scope="col">Ammesse</th>
                <th scope="col">Non ammesse</th>
                <th scope="col">In lista d'attesa</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr>
                  <th scope="row">
                    <a href={`/ufficio/bandi/${r.call.id}/domande`} safe>
                      {r.call.title}
                    </a>
                    {r.call.published ? '' : <span class="badge bg-secondary ms-2">Non pubblicato</span>}
                  </th>
                  <td safe>{`${formatDateTime(r.call.opensAt)} – ${formatDateTime(r.call.closesAt)}`}</td>
                  <td safe>{String(r.total)}</td>
                  <td safe>{String(r.toReview)}</td>
                  <td safe>{String(r.integration)}</td>
                  <td safe>{String(r.admitted)}</td>
                  <td safe>{String(r.rejected)}</td>
                  <td safe>{String(r.waiting)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}
