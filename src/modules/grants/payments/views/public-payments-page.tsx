// /bandi/:code/pagamenti (public, no login): the payment orders of a call with, for each transfer, only the
// protocol number and the amount — no names (Avviso § 6, "determinazioni di erogazione").
import { formatDateTime } from '../../../../italian/dates.js';
import { formatEuro } from '../../../../italian/money.js';
import { Layout, type TPageContext } from '../../../../layout/layout.js';
import { type TGrantCall } from '../../calls/call.js';
import { ORDER_STATUS_LABELS } from '../payment-order-queries.js';

export type TPublicOrder = {
  number: string;
  status: string;
  createdAt: Date;
  paidAt: Date | null;
  totalCents: number;
  items: ReadonlyArray<{ protocol: string; amountCents: number }>;
};

export function PublicPaymentsPage({
  ctx,
  call,
  orders,
}: {
  ctx: TPageContext;
  call: TGrantCall;
  orders: readonly TPublicOrder[];
}) {
  const total = orders.reduce((s, o) => s + o.totalCents, 0);
  return (
    <Layout ctx={ctx} title={`Pagamenti – ${call.title}`}>
      <p>
        <a href={`/bandi/${encodeURIComponent(call.code)}`}>Torna al bando</a>
      </p>
      <h1 class="h2">Ordini di pagamento dei contributi</h1>
      <p class="lead" safe>
        {call.title}
      </p>
      <p>
        Per ogni ordine sono indicati il numero, la data e, per ogni bonifico, il numero di protocollo della
        domanda e l'importo. Il richiedente riconosce la propria domanda dal numero di protocollo della
        ricevuta.
      </p>
      <p safe>{`Totale disposto: ${formatEuro(total)} in ${orders.length} ordini.`}</p>
      {orders.length === 0 ? <p>Nessun ordine di pagamento pubblicato.</p> : ''}
      <>
        {orders.map((o) => (
          <section class="mb-4" aria-labelledby={`ordine-${o.number}`}>
            <h2 class="h4" id={`ordine-${o.number}`} safe>
              {`Ordine n. ${o.number} del ${formatDateTime(o.createdAt)}`}
            </h2>
            <p safe>
              {`${ORDER_STATUS_LABELS[o.status] ?? o.status}${o.paidAt ? ` il ${formatDateTime(o.paidAt)}` : ''} – totale ${formatEuro(o.totalCents)}`}
            </p>
            <table class="table table-sm">
              <caption safe>{`Bonifici dell'ordine n. ${o.number}`}</caption>
              <thead>
                <tr>
                  <th scope="col">Protocollo della domanda</th>
                  <th scope="col">Importo</th>
                </tr>
              </thead>
              <tbody>
                {o.items.map((i) => (
                  <tr>
                    <td safe>{i.protocol}</td>
                    <td safe>{formatEuro(i.amountCents)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ))}
      </>
    </Layout>
  );
}
