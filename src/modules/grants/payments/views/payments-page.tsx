// /ufficio/bandi/:callId/pagamenti (grants:pay): admitted unpaid applications to group in a payment order,
// the orders with their SEPA (pain.001) and CSV files, "Segna come pagato".
import { formatDateTime } from '../../../../italian/dates.js';
import { formatEuro } from '../../../../italian/money.js';
import { CsrfField, ErrorSummary, fieldId, type TFormState } from '../../../../layout/form-kit.js';
import { DataTable, DataTableOrEmpty } from '../../../../layout/data-table.js';
import { Layout, type TPageContext } from '../../../../layout/layout.js';
import { type TGrantCall } from '../../calls/call.js';
import { CallNav, CallPageHeader, Problem } from '../../review/views/parts.js';
import { ORDER_STATUS_LABELS, type TOrderItem } from '../payment-order-queries.js';
import type { TSepaParty } from '../sepa-pain001.js';

type TPayable = {
  id: string;
  protocol: string;
  seq: number;
  amountCents: number;
  beneficiary: string;
  iban: string;
};
type TOrderRow = {
  id: string;
  number: string;
  status: string;
  totalCents: number;
  createdBy: string;
  createdAt: Date;
  paidAt: Date | null;
  items: number;
};

const maskIban = (iban: string) => {
  const c = iban.replace(/\s/g, '');
  return c.length > 8 ? `${c.slice(0, 4)} … ${c.slice(-4)}` : c;
};

export function PaymentsPage(p: {
  ctx: TPageContext;
  call: TGrantCall;
  payable: readonly TPayable[];
  orders: readonly TOrderRow[];
  treasury: TSepaParty & { isDefault: boolean };
  form: TFormState;
  problem?: string | undefined;
}) {
  const { call } = p;
  const error = p.form.errors.applications;
  return (
    <Layout ctx={p.ctx} title={`Pagamenti – ${call.title}`}>
      <CallPageHeader call={call} current="pagamenti" canPay />
      <h2 class="h3">Ordini di pagamento</h2>
      <p>
        Il contributo è erogato in un'unica soluzione con bonifico sull'IBAN indicato nella domanda: un
        bonifico per beneficiario, raggruppati in ordini di pagamento periodici. L'elenco pubblico degli
        ordini (solo protocolli e importi) è alla pagina{' '}
        <a href={`/bandi/${encodeURIComponent(call.code)}/pagamenti`} safe>
          {`/bandi/${call.code}/pagamenti`}
        </a>
        .
      </p>
      <p>
        Conto di addebito (tesoreria): <strong safe>{p.treasury.name}</strong>, IBAN{' '}
        <code safe>{p.treasury.iban}</code>, BIC <code safe>{p.treasury.bic}</code>.
      </p>
      {p.treasury.isDefault ? (
        <div class="alert alert-warning" role="status">
          Conto di tesoreria non configurato per questo bando: sono usati i valori predefiniti di
          configurazione, a solo scopo dimostrativo. Prima di inviare i file alla banca indica il conto reale
          nelle regole del bando (treasury: name, iban, bic).
        </div>
      ) : (
        ''
      )}
      <Problem text={p.problem} />

      <section class="mt-4" aria-labelledby="da-pagare">
        <h3 id="da-pagare" class="h4">
          Domande ammesse da pagare
        </h3>
        {p.payable.length === 0 ? (
          <p>Nessuna domanda ammessa in attesa di pagamento.</p>
        ) : (
          <>
            <ErrorSummary form={p.form} labels={{ applications: 'Domande' }} />
            <form method="post" action={`/ufficio/bandi/${call.id}/pagamenti/ordini`} novalidate>
              <CsrfField token={p.ctx.csrfToken} />
              <fieldset
                id={fieldId('applications')}
                aria-describedby={error ? `${fieldId('applications')}-error` : undefined}
              >
                <legend class="h6">Seleziona le domande da includere nel nuovo ordine</legend>
                {error ? (
                  <div id={`${fieldId('applications')}-error`} class="invalid-feedback d-block" safe>
                    {error}
                  </div>
                ) : (
                  ''
                )}
                <DataTable
                  caption="Domande ammesse e non ancora pagate, in ordine di arrivo"
                  columns={['Includi', 'N.', 'Protocollo', 'Intestatario del conto', 'IBAN', 'Importo']}
                  small
                >
                  {p.payable.map((a) => (
                    <tr>
                      <td>
                        <div class="form-check mb-0">
                          <input type="checkbox" id={`app-${a.id}`} name="applications" value={a.id} />
                          <label for={`app-${a.id}`}>
                            <span class="visually-hidden" safe>{`Includi la domanda ${a.protocol}`}</span>
                          </label>
                        </div>
                      </td>
                      <td safe>{String(a.seq)}</td>
                      <td>
                        <a href={`/ufficio/domande/${a.id}`} safe>
                          {a.protocol}
                        </a>
                      </td>
                      <td safe>{a.beneficiary}</td>
                      <td>
                        <code safe>{maskIban(a.iban)}</code>
                      </td>
                      <td safe>{formatEuro(a.amountCents)}</td>
                    </tr>
                  ))}
                </DataTable>
              </fieldset>
              <button type="submit" class="btn btn-primary">
                Crea l'ordine di pagamento
              </button>
            </form>
          </>
        )}
      </section>

      <section class="mt-5" aria-labelledby="ordini">
        <h3 id="ordini" class="h4">
          Ordini
        </h3>
        <DataTableOrEmpty
          count={p.orders.length}
          empty="Nessun ordine di pagamento."
          caption="Ordini di pagamento del bando"
          columns={['Numero', 'Creato', 'Domande', 'Totale', 'Stato']}
        >
          {p.orders.map((o) => (
            <tr>
              <td>
                <a href={`/ufficio/bandi/${call.id}/pagamenti/ordini/${o.id}`} safe>
                  {o.number}
                </a>
              </td>
              <td safe>{`${formatDateTime(o.createdAt)} (${o.createdBy})`}</td>
              <td safe>{String(o.items)}</td>
              <td safe>{formatEuro(o.totalCents)}</td>
              <td safe>
                {`${ORDER_STATUS_LABELS[o.status] ?? o.status}${o.paidAt ? ` il ${formatDateTime(o.paidAt)}` : ''}`}
              </td>
            </tr>
          ))}
        </DataTableOrEmpty>
      </section>
    </Layout>
  );
}

export function OrderPage(p: {
  ctx: TPageContext;
  call: TGrantCall;
  order: Omit<TOrderRow, 'items'> & { items: readonly TOrderItem[] };
  problem?: string | undefined;
}) {
  const { call, order } = p;
  const base = `/ufficio/bandi/${call.id}/pagamenti/ordini/${order.id}`;
  return (
    <Layout ctx={p.ctx} title={`Ordine di pagamento ${order.number}`}>
      <p>
        <a href={`/ufficio/bandi/${call.id}/pagamenti`}>Torna ai pagamenti del bando</a>
      </p>
      <h1 class="h2" safe>{`Ordine di pagamento ${order.number}`}</h1>
      <CallNav call={call} current="pagamenti" canPay />
      <Problem text={p.problem} />
      <p safe>
        {`Creato il ${formatDateTime(order.createdAt)} da ${order.createdBy}. Stato: ${ORDER_STATUS_LABELS[order.status] ?? order.status}${order.paidAt ? ` il ${formatDateTime(order.paidAt)}` : ''}. Totale ${formatEuro(order.totalCents)} in ${order.items.length} bonifici.`}
      </p>
      {order.items.length > 0 ? (
        <p>
          Scarica: <a href={`${base}/sepa.xml`}>file SEPA per la banca (pain.001.001.03, XML)</a> ·{' '}
          <a href={`${base}/ordine.csv`}>elenco (CSV)</a>
        </p>
      ) : (
        ''
      )}
      <DataTable
        caption={`Bonifici dell'ordine ${order.number}`}
        columns={['Protocollo', 'Intestatario del conto', 'IBAN', 'Importo']}
      >
        {order.items.map((i) => (
          <tr>
            <td>
              <a href={`/ufficio/domande/${i.applicationId}`} safe>
                {i.protocol}
              </a>
            </td>
            <td safe>{i.beneficiary}</td>
            <td>
              <code safe>{i.iban}</code>
            </td>
            <td safe>{formatEuro(i.amountCents)}</td>
          </tr>
        ))}
      </DataTable>
      {order.status === 'open' && order.items.length > 0 ? (
        <form method="post" action={`${base}/pagato`}>
          <CsrfField token={p.ctx.csrfToken} />
          <p>
            Segna l'ordine come pagato quando la banca ha eseguito i bonifici: le domande risulteranno pagate
            e ogni beneficiario riceverà una e-mail.
          </p>
          <button type="submit" class="btn btn-primary">
            Segna come pagato
          </button>
        </form>
      ) : (
        ''
      )}
    </Layout>
  );
}
