import { Layout, type TPageContext } from '../../../layout/layout.js';

/** A queue of the back office (companies, staff): the search form and the table of what was found. */

/** What a queue page gets: the filter as shown and the rows found (at most LIST_LIMIT; `more` if cut). */
export type TQueuePageProps<Row> = {
  ctx: TPageContext;
  q: string;
  status: string;
  rows: readonly Row[];
  more: boolean;
};

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
