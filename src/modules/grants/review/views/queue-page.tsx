// /ufficio/bandi/:callId/domande: the queue in arrival order, with filters and search (GET, no JavaScript).
import { formatArrival } from '../../../../italian/dates.js';
import { formatEuro } from '../../../../italian/money.js';
import { DataTableOrEmpty } from '../../../../layout/data-table.js';
import { Layout, type TPageContext } from '../../../../layout/layout.js';
import { SearchForm } from '../../../../layout/search-form.js';
import { type TGrantCall } from '../../calls/call.js';
import type { TBudgetStatus } from '../../calls/queries.js';
import { OFFICE_FUNDING, OFFICE_STATUSES, type TQueueRow } from '../queries.js';
import { CallPageHeader, FundingText, GrantStatusBadge } from './parts.js';

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
      <CallPageHeader call={call} current="domande" canPay={p.canPay} />
      <p>
        Budget <strong safe>{formatEuro(p.budget.budgetCents)}</strong>, disponibili{' '}
        <strong safe>{formatEuro(p.budget.availableCents)}</strong>, prenotati{' '}
        <strong safe>{formatEuro(p.budget.reservedCents)}</strong>.
      </p>
      <SearchForm
        action={base}
        q={filter.q}
        hint="Protocollo, codice fiscale, cognome e nome del richiedente"
        qCol="col-md-5"
        buttonCol="col-md-1"
        selects={[
          {
            name: 'status',
            label: 'Stato',
            all: 'Tutti gli stati',
            value: filter.status,
            options: OFFICE_STATUSES,
            col: 'col-md-3',
          },
          {
            name: 'funding',
            label: 'Fondi',
            all: 'Qualsiasi',
            value: filter.funding,
            options: OFFICE_FUNDING,
            col: 'col-md-3',
          },
        ]}
      />
      <p>
        Scarica l'elenco completo: <a href={`/ufficio/bandi/${call.id}/domande.csv`}>CSV</a> ·{' '}
        <a href={`/ufficio/bandi/${call.id}/domande.xlsx`}>Excel (XLSX)</a>
      </p>
      <DataTableOrEmpty
        count={p.rows.length}
        empty="Nessuna domanda corrisponde alla ricerca."
        responsive
        small
        caption={`Domande in ordine di arrivo: ${p.rows.length}${p.more ? ' (elenco limitato: affina la ricerca)' : ''}`}
        columns={['N.', 'Protocollo', 'Arrivo', 'Richiedente', 'Richiesto', 'Prenotato', 'Stato', 'Fondi']}
      >
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
      </DataTableOrEmpty>
    </Layout>
  );
}
