import { DataTableOrEmpty } from '../../../layout/data-table.js';
import { Layout, type TPageContext } from '../../../layout/layout.js';
import { SearchForm } from '../../../layout/search-form.js';

/** A queue of the back office (companies, staff): the search form and the table of what was found. */

/** What a queue page gets: the filter as shown and the rows found (at most LIST_LIMIT; `more` if cut). */
export type TQueuePageProps<Row> = {
  ctx: TPageContext;
  q: string;
  status: string;
  rows: readonly Row[];
  more: boolean;
};

/** The filter of a queue: free text and status. */
type TQueueSearch = {
  action: string;
  q: string;
  status: string;
  statuses: Record<string, string>;
  hint: string;
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
  search: TQueueSearch;
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
      <SearchForm
        action={search.action}
        q={search.q}
        hint={search.hint}
        qCol="col-md-6"
        buttonCol="col-md-2"
        selects={[
          {
            name: 'status',
            label: 'Stato',
            all: 'Tutti gli stati',
            value: search.status,
            options: search.statuses,
            col: 'col-md-4',
          },
        ]}
      />
      <DataTableOrEmpty
        count={count}
        empty={empty}
        emptyStatus
        caption={`${found}: ${count}${more ? ' (sono mostrate le prime; restringi la ricerca)' : ''}`}
        columns={columns}
      >
        {children as 'safe'}
      </DataTableOrEmpty>
    </Layout>
  );
}
