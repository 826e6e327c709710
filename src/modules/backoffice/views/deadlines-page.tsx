import { daysBetween, formatItalianDate } from '../../../italian/dates.js';
import { Layout, type TPageContext } from '../../../layout/layout.js';
import { CERTIFICATION_LABELS } from '../../companies/certifications.js';
import { COMPANY_STATUS } from '../../companies/company-status.js';
import type { upcomingExpiries } from '../queries.js';
import { StatusBadge } from './parts.js';

type TExpiryRow = Awaited<ReturnType<typeof upcomingExpiries>>[number];

function when(date: string, today: string): string {
  const d = daysBetween(today, date);
  if (d < 0) return d === -1 ? 'Scaduta da 1 giorno' : `Scaduta da ${-d} giorni`;
  if (d === 0) return 'Scade oggi';
  return d === 1 ? 'Scade domani' : `Scade tra ${d} giorni`;
}

export function DeadlinesPage({
  ctx,
  rows,
  today,
}: {
  ctx: TPageContext;
  rows: readonly TExpiryRow[];
  today: string;
}) {
  return (
    <Layout ctx={ctx} title="Scadenze">
      <h1>Scadenze delle abilitazioni</h1>
      <p>
        Abilitazioni e certificazioni delle ditte e del loro personale già scadute o in scadenza nei prossimi
        30 giorni (al <span safe>{formatItalianDate(today)}</span>), dalla più vicina. Le registrazioni
        rifiutate non sono mostrate.
      </p>
      {rows.length === 0 ? (
        <p role="status">Nessuna abilitazione scaduta o in scadenza.</p>
      ) : (
        <table class="table">
          <caption safe>{`Abilitazioni scadute o in scadenza: ${rows.length}`}</caption>
          <thead>
            <tr>
              <th scope="col">Data scadenza</th>
              <th scope="col">Situazione</th>
              <th scope="col">Abilitazione/Certificazione</th>
              <th scope="col">Ditta</th>
              <th scope="col">Persona</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const expired = r.expiry_date < today;
              return (
                <tr class={expired ? 'table-danger' : undefined}>
                  <td safe>{formatItalianDate(r.expiry_date)}</td>
                  <td>
                    {expired ? <span class="badge bg-danger me-2">Scaduta</span> : ''}
                    <span safe>{when(r.expiry_date, today)}</span>
                  </td>
                  <td safe>{CERTIFICATION_LABELS[r.kind] ?? r.kind}</td>
                  <td>
                    <a href={`/ufficio/ditte/${r.company_id}`} safe>
                      {r.business_name}
                    </a>{' '}
                    <StatusBadge status={r.company_status} labels={COMPANY_STATUS} />
                  </td>
                  <td>
                    {r.staff_id ? (
                      <a href={`/ufficio/personale/${r.staff_id}`} safe>
                        {r.staff_name ?? ''}
                      </a>
                    ) : (
                      'Ditta'
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </Layout>
  );
}
