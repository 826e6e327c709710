import { formatItalianDate } from '../../../italian/dates.js';
import { CERTIFICATION_LABELS } from '../../companies/certifications.js';
import { ExpiryBadge } from './parts.js';

/** The certifications of a company or a person, with their dates and whether they expired. */

export type TCertRow = {
  kind: string;
  reference_date: string;
  expiry_date: string;
  last_check_expiry_date: string | null;
};

export function CertificationsTable({
  certifications,
  today,
  soon,
  caption,
}: {
  certifications: readonly TCertRow[];
  today: string;
  soon: string;
  caption: string;
}) {
  if (certifications.length === 0) return <p>Nessuna abilitazione dichiarata.</p>;
  return (
    <table class="table">
      <caption safe>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Abilitazione/Certificazione</th>
          <th scope="col">Data riferimento</th>
          <th scope="col">Data scadenza</th>
          <th scope="col">Data scadenza ultima verifica</th>
          <th scope="col">Stato</th>
        </tr>
      </thead>
      <tbody>
        {certifications.map((c) => {
          const expired = c.expiry_date < today;
          const checkExpired = c.last_check_expiry_date !== null && c.last_check_expiry_date < today;
          return (
            <tr class={expired ? 'table-danger' : undefined}>
              <th scope="row" safe>
                {CERTIFICATION_LABELS[c.kind] ?? c.kind}
              </th>
              <td safe>{formatItalianDate(c.reference_date)}</td>
              <td safe>{formatItalianDate(c.expiry_date)}</td>
              <td>
                <span>{c.last_check_expiry_date ? formatItalianDate(c.last_check_expiry_date) : '–'}</span>
                {checkExpired ? <span class="badge bg-danger ms-2">Verifica scaduta</span> : ''}
              </td>
              <td>
                <ExpiryBadge date={c.expiry_date} today={today} soon={soon} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** The "Abilitazioni/Certificazioni" section of a detail page, optionally warning about expired ones. */
export function CertificationsSection({
  certifications,
  today,
  soon,
  of,
  warnExpired = false,
}: {
  certifications: readonly TCertRow[];
  today: string;
  soon: string;
  /** Whose they are, for the caption: "della ditta", "della persona". */
  of: string;
  warnExpired?: boolean;
}) {
  const expired = warnExpired ? certifications.filter((x) => x.expiry_date < today).length : 0;
  return (
    <section class="mt-4" aria-labelledby="abilitazioni">
      <h2 id="abilitazioni" class="h4">
        Abilitazioni/Certificazioni
      </h2>
      {expired > 0 ? (
        <div class="alert alert-danger" role="status">
          <span safe>
            {expired === 1 ? '1 abilitazione è scaduta.' : `${expired} abilitazioni sono scadute.`}
          </span>
        </div>
      ) : (
        ''
      )}
      <CertificationsTable
        certifications={certifications}
        today={today}
        soon={soon}
        caption={`Abilitazioni ${of} al ${formatItalianDate(today)}`}
      />
    </section>
  );
}
