// The pieces every wizard step's form is made of: a fieldset with its legend, rows of two fields.

export const DATE_HINT = 'gg/mm/aaaa';

export function Fieldset({ legend, children }: { legend: string; children: JSX.Element | JSX.Element[] }) {
  return (
    <fieldset class="mb-4">
      <legend class="h4" safe>
        {legend}
      </legend>
      {children as 'safe'}
    </fieldset>
  );
}

export function Row({ children }: { children: JSX.Element | JSX.Element[] }) {
  const list = Array.isArray(children) ? children : [children];
  return (
    <div class="row">
      {list.map((c) => (
        <div class="col-md-6">{c as 'safe'}</div>
      ))}
    </div>
  );
}
