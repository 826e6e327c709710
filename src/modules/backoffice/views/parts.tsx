import { formatItalianDate } from '../../../italian/dates.js';
import { CsrfField, ErrorSummary, fieldId, type TFormState } from '../../../layout/form-kit.js';
import { Layout, type TPageContext } from '../../../layout/layout.js';
import { CERTIFICATION_LABELS } from '../../companies/certifications.js';
import { DECISIONS, type TDecisionSlug } from '../decisions.js';

/** Pieces shared by the back-office pages. */

export const dateTime = (d: Date | null | undefined) =>
  d ? d.toLocaleString('it-IT', { timeZone: 'Europe/Rome', dateStyle: 'short', timeStyle: 'short' }) : '';

export const JOB_TYPE_LABELS: Record<string, string> = {
  tecnico: 'Tecnico',
  amministrativo: 'Amministrativo',
};
export const USER_TYPE_LABELS: Record<string, string> = { privato: 'Privato', supervisore: 'Supervisore' };

const STATUS_BADGE: Record<string, string> = {
  pending_signature: 'bg-secondary',
  registered: 'bg-warning text-dark',
  awaiting_activation: 'bg-warning text-dark',
  active: 'bg-success',
  rejected: 'bg-danger',
  suspended: 'bg-danger',
};

export function StatusBadge({ status, labels }: { status: string; labels: Record<string, string> }) {
  return (
    <span class={`badge ${STATUS_BADGE[status] ?? 'bg-secondary'}`} safe>
      {labels[status] ?? status}
    </span>
  );
}

/** "Scaduta" before today, "In scadenza" within 30 days, "Valida" otherwise (dates compared as yyyy-mm-dd). */
export function ExpiryBadge({ date, today, soon }: { date: string; today: string; soon: string }) {
  if (date < today) return <span class="badge bg-danger">Scaduta</span>;
  if (date <= soon) return <span class="badge bg-warning text-dark">In scadenza</span>;
  return <span class="badge bg-success">Valida</span>;
}

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

/** A link that downloads a stored file (Content-Disposition: attachment). */
export function FileLink({ id, filename }: { id: string; filename: string }) {
  return (
    <a href={`/ufficio/file/${id}`}>
      <span safe>{filename}</span>
    </a>
  );
}

/** The decisions allowed in the current status, each its own form; Rifiuta and Sospendi need a reason. */
export function DecisionForms({
  csrfToken,
  base,
  allowed,
  form,
  problem,
  subject,
}: {
  csrfToken: string;
  base: string;
  allowed: readonly TDecisionSlug[];
  form: TFormState;
  problem?: string | undefined;
  subject: string;
}) {
  const reasonError = form.errors.reason;
  const id = fieldId('reason');
  return (
    <section class="mt-5" aria-labelledby="decisione">
      <h2 id="decisione" class="h4">
        Decisione
      </h2>
      {problem ? (
        <div class="alert alert-danger" role="alert">
          <span safe>{problem}</span>
        </div>
      ) : (
        ''
      )}
      {allowed.length === 0 ? <p>Nessuna decisione possibile in questo stato.</p> : ''}
      {allowed.map((slug) => {
        const withReason = slug === 'rifiuta' || slug === 'sospendi';
        return (
          <form method="post" action={`${base}/${slug}`} class="mb-4" novalidate>
            <CsrfField token={csrfToken} />
            {withReason ? (
              <div class="form-group">
                <label for={id} class="active">
                  <span safe>{`Motivazione (${DECISIONS[slug].button.toLowerCase()})`}</span>
                  <span aria-hidden="true"> *</span>
                </label>
                <textarea
                  id={id}
                  name="reason"
                  rows="3"
                  maxlength="1000"
                  class={reasonError ? 'form-control is-invalid' : 'form-control'}
                  required
                  aria-required="true"
                  aria-invalid={reasonError ? 'true' : undefined}
                  aria-describedby={reasonError ? `${id}-hint ${id}-error` : `${id}-hint`}
                  safe
                >
                  {form.values.reason ?? ''}
                </textarea>
                <small id={`${id}-hint`} class="form-text">
                  La motivazione è inviata per e-mail al Legale Rappresentante e registrata.
                </small>
                {reasonError ? (
                  <div id={`${id}-error`} class="invalid-feedback d-block" safe>
                    {reasonError}
                  </div>
                ) : (
                  ''
                )}
              </div>
            ) : (
              ''
            )}
            <button
              type="submit"
              class={withReason ? 'btn btn-outline-danger' : 'btn btn-primary'}
              aria-label={`${DECISIONS[slug].button} ${subject}`}
            >
              <span>{DECISIONS[slug].button}</span>
            </button>
          </form>
        );
      })}
    </section>
  );
}

/** The GET filter of a queue: free text and status, works without JavaScript. */
export function SearchForm({
  action,
  q,
  status,
  statuses,
  hint,
}: {
  action: string;
  q: string;
  status: string;
  statuses: Record<string, string>;
  hint: string;
}) {
  return (
    <form method="get" action={action} class="mb-4" role="search">
      <div class="row align-items-end">
        <div class="col-md-6">
          <div class="form-group">
            <label for="f-q" class="active">
              Cerca
            </label>
            <input
              type="search"
              id="f-q"
              name="q"
              value={q}
              class="form-control"
              aria-describedby="f-q-hint"
              maxlength="100"
            />
            <small id="f-q-hint" class="form-text" safe>
              {hint}
            </small>
          </div>
        </div>
        <div class="col-md-4">
          <div class="select-wrapper mb-4">
            <label for="f-status">Stato</label>
            <select id="f-status" name="status">
              <option value="tutti" selected={status === 'tutti'}>
                Tutti gli stati
              </option>
              {Object.entries(statuses).map(([value, label]) => (
                <option value={value} selected={value === status} safe>
                  {label}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div class="col-md-2 mb-4">
          <button type="submit" class="btn btn-primary">
            Cerca
          </button>
        </div>
      </div>
    </form>
  );
}

/** "Tecnico / Privato": the job type and the user type of a staff member. */
export const jobAndUserType = (jobType: string, userType: string) =>
  `${JOB_TYPE_LABELS[jobType] ?? jobType} / ${USER_TYPE_LABELS[userType] ?? userType}`;

/** What a queue page gets: the filter as shown and the rows found (at most LIST_LIMIT; `more` if cut). */
export type TQueuePageProps<Row> = {
  ctx: TPageContext;
  q: string;
  status: string;
  rows: readonly Row[];
  more: boolean;
};

/** What a detail page with decisions gets besides its subject. */
export type TDecisionPageProps = {
  ctx: TPageContext;
  certifications: readonly TCertRow[];
  today: string;
  soon: string;
  allowed: readonly TDecisionSlug[];
  form: TFormState;
  problem?: string | undefined;
};

/** A queue of the back office: heading, intro, the search form and the table of what was found. */
export function QueuePage({
  ctx,
  title,
  heading,
  intro,
  search,
  count,
  more,
  found,
  empty,
  columns,
  children,
}: {
  ctx: TPageContext;
  title: string;
  heading: string;
  intro: JSX.Element;
  search: Parameters<typeof SearchForm>[0];
  count: number;
  more: boolean;
  /** The caption's start, e.g. "Ditte trovate". */
  found: string;
  /** What is said when nothing is found. */
  empty: string;
  columns: readonly string[];
  children?: JSX.Element | JSX.Element[];
}) {
  return (
    <Layout ctx={ctx} title={title}>
      <h1 safe>{heading}</h1>
      <p>{intro as 'safe'}</p>
      <SearchForm {...search} />
      {count === 0 ? (
        <p role="status" safe>
          {empty}
        </p>
      ) : (
        <table class="table">
          <caption
            safe
          >{`${found}: ${count}${more ? ' (sono mostrate le prime; restringi la ricerca)' : ''}`}</caption>
          <thead>
            <tr>
              {columns.map((c) => (
                <th scope="col" safe>
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>{children as 'safe'}</tbody>
        </table>
      )}
    </Layout>
  );
}

/** The reason of the last decision, if any, and the summary of the decision form's errors. */
export function DecisionNotes({ reason, form }: { reason: string | null; form: TFormState }) {
  return (
    <>
      {reason ? (
        <p>
          Motivazione dell'ultima decisione: <span safe>{reason}</span>
        </p>
      ) : (
        ''
      )}
      <ErrorSummary form={form} labels={{ reason: 'Motivazione' }} />
    </>
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
