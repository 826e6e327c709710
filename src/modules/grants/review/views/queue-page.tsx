// /ufficio/bandi/:callId/domande: the queue in arrival order, with filters and search (GET, no JavaScript).
import { formatArrival } from '../../../../italian/dates.js';
import { formatEuro } from '../../../../italian/money.js';
import { Layout, type TPageContext } from '../../../../layout/layout.js';
import { type TGrantCall } from '../../calls/call.js';
import type { TBudgetStatus } from '../../calls/queries.js';
import { OFFICE_FUNDING, OFFICE_STATUSES, type TQueueRow } from '../queries.js';
import { CallNav, FundingText, GrantStatusBadge } from './parts.js';

export function QueuePage(p: {
  ctx: TPageContext;
  call: TGrantCall;
  budget: TBudgetStatus;
  filter: { q: string; status: string; funding: string };
  rows: readonly TQueueRow[];
  more: boolean;
  canPay: boolean;
}) {
  const { call, filter } = p;
  const base = `/ufficio/bandi/${call.id}/domande`;
  return (
    <Layout ctx={p.ctx} title={`Domande – ${call.title}`}>
      <p>
        <a href="/ufficio/bandi">Torna ai bandi</a>
      </p>
      <h1 class="h2" safe>
        {call.title}
      </h1>
      <CallNav call={call} current="domande" canPay={p.canPay} />
      <p>
        Budget <strong safe>{formatEuro(p.budget.budgetCents)}</strong>, disponibili{' '}
        <strong safe>{formatEuro(p.budget.availableCents)}</strong>, prenotati{' '}
        <strong safe>{formatEuro(p.budget.reservedCents)}</strong>.
      </p>
      <form method="get" action={base} class="mb-4" role="search">
        <div class="row align-items-end">
          <div class="col-md-5">
            <div class="form-group">
              <label for="f-q" class="active">
                Cerca
              </label>
              <input
                type="search"
                id="f-q"
                name="q"
                value={filter.q}
                class="form-control"
                maxlength="100"
                aria-describedby="f-q-hint"
              />
              <small id="f-q-hint" class="form-text">
                Protocollo, codice fiscale, cognome e nome del richiedente
              </small>
            </div>
          </div>
          <div class="col-md-3">
            <div class="select-wrapper mb-4">
              <label for="f-status">Stato</label>
              <select id="f-status" name="status">
                <option value="tutti" selected={filter.status === 'tutti'}>
                  Tutti gli stati
                </option>
                {Object.entries(OFFICE_STATUSES).map(([value, label]) => (
                  <option value={value} selected={value === filter.status} safe>
                    {label}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <div class="col-md-3">
            <div class="select-wrapper mb-4">
              <label for="f-funding">Fondi</label>
              <select id="f-funding" name="funding">
                <option value="tutti" selected={filter.funding === 'tutti'}>
                  Qualsiasi
                </option>
                {Object.entries(OFFICE_FUNDING).map(([value, label]) => (
                  <option value={value} selected={value === filter.funding} safe>
                    {label}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <div class="col-md-1 mb-4">
            <button type="submit" class="btn btn-primary">
              Cerca
            </button>
          </div>
        </div>
      </form>
      <p>
        Scarica l'elenco completo: <a href={`/ufficio/bandi/${call.id}/domande.csv`}>CSV</a> ·{' '}
        <a href={`/ufficio/bandi/${call.id}/domande.xlsx`}>Excel (XLSX)</a>
      </p>
      {p.rows.length === 0 ? (
        <p>Nessuna domanda corrisponde alla ricerca.</p>
      ) : (
        <div class="table-responsive">
          <table class="table table-sm">
            <caption safe>
              {`Domande in ordine di arrivo: ${p.rows.length}${p.more ? ' (elenco limitato: affina la ricerca)' : ''}`}
            </caption>
            <thead>
              <tr>
                <th scope="col">N.</th>
                <th scope="col">Protocollo</th>
                <th scope="col">Arrivo</th>
                <th scope="col">Richiedente</th>
                <th scope="col">Richiesto</th>
                <th scope="col">Prenotato</th>
                <th scope="col">Stato</th>
                <th scope="col">Fondi</th>
              </tr>
            </thead>
            <tbody>
              {p.rows.map((r) => (
                <tr>
                  <td safe>{String(r.seq)}</td>
                  <td>
                    <a href={`/ufficio/domande/${r.id}`} safe>
                      {r.protocol}
                    </a>
                  </td>
                  <td safe>{formatArrival(r.submittedAt)}</td>
                  <td>
                    <span safe>{r.applicant}</span>
                    <br />
                    <small safe>{r.taxCode}</small>
                  </td>
                  <td safe>{formatEuro(r.requestedCents)}</td>
                  <td safe>{formatEuro(r.reservedCents)}</td>
                  <td>
                    <GrantStatusBadge status={r.status} />
                    {r.paidAt ? <span class="badge bg-info text-dark ms-1">Pagata</span> : ''}
                  </td>
                  <td>
                    <FundingText funding={r.funding} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}
