/** The GET filter of an office list: free text, some selects and "Cerca"; works without JavaScript. */

export type TSearchSelect = {
  /** The query parameter; the control's id is `f-<name>`. */
  name: string;
  label: string;
  /** The label of the "tutti" option. */
  all: string;
  value: string;
  options: Readonly<Record<string, string>>;
  /** Bootstrap column class, e.g. `col-md-4`. */
  col: string;
};

export function SearchForm(p: {
  action: string;
  q: string;
  hint: string;
  /** Bootstrap column classes of the text field and of the button. */
  qCol: string;
  buttonCol: string;
  selects: readonly TSearchSelect[];
}) {
  return (
    <form method="get" action={p.action} class="mb-4" role="search">
      <div class="row align-items-end">
        <div class={p.qCol}>
          <div class="form-group">
            <label for="f-q" class="active">
              Cerca
            </label>
            <input
              type="search"
              id="f-q"
              name="q"
              value={p.q}
              class="form-control"
              aria-describedby="f-q-hint"
              maxlength="100"
            />
            <small id="f-q-hint" class="form-text" safe>
              {p.hint}
            </small>
          </div>
        </div>
        {p.selects.map((s) => (
          <div class={s.col}>
            <div class="select-wrapper mb-4">
              <label for={`f-${s.name}`} safe>
                {s.label}
              </label>
              <select id={`f-${s.name}`} name={s.name}>
                <option value="tutti" selected={s.value === 'tutti'} safe>
                  {s.all}
                </option>
                {Object.entries(s.options).map(([value, label]) => (
                  <option value={value} selected={value === s.value} safe>
                    {label}
                  </option>
                ))}
              </select>
            </div>
          </div>
        ))}
        <div class={`${p.buttonCol} mb-4`}>
          <button type="submit" class="btn btn-primary">
            Cerca
          </button>
        </div>
      </div>
    </form>
  );
}
