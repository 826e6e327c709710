/** A Bootstrap Italia table: caption, `<th scope="col">` headers, the rows given as children. */
export function DataTable(p: {
  /** Read by screen readers as the table's name; escaped. */
  caption: string;
  columns: readonly string[];
  /** `table-sm`: the denser office tables. */
  small?: boolean;
  /** Wrapped in `.table-responsive`, for tables wider than a phone. */
  responsive?: boolean;
  children?: JSX.Element | JSX.Element[];
}) {
  const table = (
    <table class={p.small ? 'table table-sm' : 'table'}>
      <caption safe>{p.caption}</caption>
      <thead>
        <tr>
          {p.columns.map((c) => (
            <th scope="col" safe>
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{p.children as 'safe'}</tbody>
    </table>
  );
  return p.responsive ? <div class="table-responsive">{table as 'safe'}</div> : table;
}

/** The table, or a paragraph saying there is nothing to show when `count` is 0. */
export function DataTableOrEmpty(
  p: Parameters<typeof DataTable>[0] & {
    count: number;
    /** Said when there are no rows (escaped). */
    empty: string;
    /** The empty message is announced as a status (the result of a search). */
    emptyStatus?: boolean;
  },
) {
  if (p.count > 0) return <DataTable {...p} />;
  return (
    <p role={p.emptyStatus ? 'status' : undefined} safe>
      {p.empty}
    </p>
  );
}
