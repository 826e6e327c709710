/**
 * The form kit every page uses: labelled fields with hint and per-field error, an error summary at the
 * top that links to each field, and the values the user typed kept on error (never passwords).
 */
export type TFormState = {
  values: Record<string, string | undefined>;
  errors: Record<string, string | undefined>;
};

export const emptyForm = (values: Record<string, string | undefined> = {}): TFormState => ({
  values,
  errors: {},
});

export const fieldId = (name: string) => `f-${name}`;

export function ErrorSummary({ form, labels }: { form: TFormState; labels: Record<string, string> }) {
  const entries = Object.entries(form.errors).filter((e): e is [string, string] => Boolean(e[1]));
  if (entries.length === 0) return '';
  return (
    <div
      class="alert alert-danger"
      role="alert"
      tabindex="-1"
      id="error-summary"
      aria-labelledby="error-summary-title"
    >
      <h2 class="h5" id="error-summary-title">
        <span safe>
          {entries.length === 1
            ? 'Il modulo contiene un errore'
            : `Il modulo contiene ${entries.length} errori`}
        </span>
      </h2>
      <ul class="mb-0">
        {entries.map(([name, message]) => (
          <li>
            <a href={`#${fieldId(name)}`} safe>
              {labels[name] ? `${labels[name]}: ${message}` : message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

type TFieldProps = {
  form: TFormState;
  name: string;
  label: string;
  hint?: string;
  required?: boolean;
  type?: 'text' | 'email' | 'password' | 'tel' | 'date' | 'number';
  autocomplete?: string;
  inputmode?: 'numeric' | 'text' | 'email' | 'tel';
  maxlength?: number;
};

function Described({
  hintId,
  hint,
  errorId,
  error,
}: {
  hintId: string;
  hint?: string;
  errorId: string;
  error?: string;
}) {
  return (
    <>
      {hint ? (
        <small id={hintId} class="form-text" safe>
          {hint}
        </small>
      ) : (
        ''
      )}
      {error ? (
        <div id={errorId} class="invalid-feedback" safe>
          {error}
        </div>
      ) : (
        ''
      )}
    </>
  );
}

export function TextField(p: TFieldProps) {
  const id = fieldId(p.name);
  const error = p.form.errors[p.name];
  const value = p.type === 'password' ? '' : (p.form.values[p.name] ?? '');
  const describedBy = [p.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class="form-group">
      <label for={id} class="active">
        <span safe>{p.label}</span>
        {p.required ? <span aria-hidden="true"> *</span> : ''}
      </label>
      <input
        type={p.type ?? 'text'}
        class={error ? 'form-control is-invalid' : 'form-control'}
        id={id}
        name={p.name}
        value={value}
        required={p.required}
        aria-required={p.required ? 'true' : undefined}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy || undefined}
        autocomplete={p.autocomplete}
        inputmode={p.inputmode}
        maxlength={p.maxlength}
      />
      <Described hintId={`${id}-hint`} hint={p.hint} errorId={`${id}-error`} error={error} />
    </div>
  );
}

export function SelectField(
  p: Omit<TFieldProps, 'type' | 'autocomplete' | 'inputmode' | 'maxlength'> & {
    options: ReadonlyArray<{ value: string; label: string }>;
  },
) {
  const id = fieldId(p.name);
  const error = p.form.errors[p.name];
  const current = p.form.values[p.name] ?? '';
  const describedBy = [p.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class="select-wrapper mb-4">
      <label for={id}>
        <span safe>{p.label}</span>
        {p.required ? <span aria-hidden="true"> *</span> : ''}
      </label>
      <select
        id={id}
        name={p.name}
        class={error ? 'is-invalid' : undefined}
        required={p.required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy || undefined}
      >
        <option value="">Seleziona un'opzione</option>
        {p.options.map((o) => (
          <option value={o.value} selected={o.value === current}>
            <span safe>{o.label}</span>
          </option>
        ))}
      </select>
      <Described hintId={`${id}-hint`} hint={p.hint} errorId={`${id}-error`} error={error} />
    </div>
  );
}

export function CheckboxField(p: {
  form: TFormState;
  name: string;
  label: JSX.Element;
  hint?: string;
  required?: boolean;
}) {
  const id = fieldId(p.name);
  const error = p.form.errors[p.name];
  const describedBy = [p.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class="form-check mb-4">
      <input
        type="checkbox"
        id={id}
        name={p.name}
        value="1"
        checked={p.form.values[p.name] === '1'}
        aria-required={p.required ? 'true' : undefined}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy || undefined}
      />
      <label for={id}>
        {p.label as 'safe'}
        {p.required ? <span aria-hidden="true"> *</span> : ''}
      </label>
      <Described hintId={`${id}-hint`} hint={p.hint} errorId={`${id}-error`} error={error} />
    </div>
  );
}

/** The required "Informativa sulla privacy" checkbox of the registration forms. */
export function PrivacyField({ form, privacyUrl }: { form: TFormState; privacyUrl: string | null }) {
  return (
    <CheckboxField
      form={form}
      name="privacy"
      required
      label={
        <>
          Accetto le condizioni secondo l'
          <a href={privacyUrl ?? '/privacy'}>Informativa sulla privacy</a>
        </>
      }
    />
  );
}

export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}

export function RequiredNote() {
  return <p class="small">I campi contrassegnati con * sono obbligatori.</p>;
}

/**
 * The error summary followed by a POST form (checked by the server, `novalidate`) with the CSRF token,
 * the given fields and one primary submit button (`submit` is a fixed text).
 */
export function PostForm(p: {
  form: TFormState;
  labels: Record<string, string>;
  action: string;
  csrfToken: string;
  submit: string;
  children: JSX.Element | JSX.Element[];
}) {
  return (
    <>
      <ErrorSummary form={p.form} labels={p.labels} />
      <form method="post" action={p.action} novalidate>
        <CsrfField token={p.csrfToken} />
        {p.children as 'safe'}
        <button type="submit" class="btn btn-primary" safe>
          {p.submit}
        </button>
      </form>
    </>
  );
}

/** A file input (multipart forms). The chosen file cannot be kept on error: the hint says so. */
export function FileField(p: {
  form: TFormState;
  name: string;
  label: string;
  hint?: string;
  required?: boolean;
  accept?: string;
  multiple?: boolean;
}) {
  const id = fieldId(p.name);
  const error = p.form.errors[p.name];
  const describedBy = [p.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class="form-group">
      <label for={id} class="active d-block">
        <span safe>{p.label}</span>
        {p.required ? <span aria-hidden="true"> *</span> : ''}
      </label>
      <input
        type="file"
        class={error ? 'form-control is-invalid' : 'form-control'}
        id={id}
        name={p.name}
        accept={p.accept}
        multiple={p.multiple}
        required={p.required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy || undefined}
      />
      {p.hint ? (
        <small id={`${id}-hint`} class="form-text" safe>
          {error ? `${p.hint}. Se c'è un errore nel modulo, scegli di nuovo il file.` : p.hint}
        </small>
      ) : (
        ''
      )}
      {error ? (
        <div id={`${id}-error`} class="invalid-feedback" safe>
          {error}
        </div>
      ) : (
        ''
      )}
    </div>
  );
}

/**
 * A group of radio buttons in a fieldset whose legend is the question. The explanations (hints) are
 * listed under the legend and, with the error, describe every option. The chosen value is kept on error.
 */
export function RadioField(p: {
  form: TFormState;
  name: string;
  label: string;
  options: ReadonlyArray<{ value: string; label: string }>;
  hints?: readonly string[];
  required?: boolean;
}) {
  const id = fieldId(p.name);
  const error = p.form.errors[p.name];
  const current = p.form.values[p.name] ?? '';
  const hasHints = Boolean(p.hints && p.hints.length > 0);
  const describedBy = [hasHints ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <fieldset class="mb-4" id={id}>
      <legend class="h6">
        <span safe>{p.label}</span>
        {p.required ? <span aria-hidden="true"> *</span> : ''}
      </legend>
      {hasHints ? (
        <ul id={`${id}-hint`} class="form-text small mb-2">
          {p.hints!.map((h) => (
            <li safe>{h}</li>
          ))}
        </ul>
      ) : (
        ''
      )}
      {p.options.map((o) => (
        <div class="form-check form-check-inline">
          <input
            type="radio"
            id={`${id}-${o.value}`}
            name={p.name}
            value={o.value}
            checked={o.value === current}
            required={p.required}
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={describedBy || undefined}
          />
          <label for={`${id}-${o.value}`}>
            <span safe>{o.label}</span>
          </label>
        </div>
      ))}
      {error ? (
        <div id={`${id}-error`} class="invalid-feedback d-block" safe>
          {error}
        </div>
      ) : (
        ''
      )}
    </fieldset>
  );
}

/** A labelled multi-line text field (values kept on error, like TextField). */
export function TextAreaField(p: {
  form: TFormState;
  name: string;
  /** Key of the field's id, value and error when several forms on a page post the same name. */
  fieldKey?: string;
  label: string;
  hint?: string;
  required?: boolean;
  rows?: number;
  maxlength?: number;
}) {
  const k = p.fieldKey ?? p.name;
  const id = fieldId(k);
  const error = p.form.errors[k];
  const describedBy = [p.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class="form-group">
      <label for={id} class="active">
        <span safe>{p.label}</span>
        {p.required ? <span aria-hidden="true"> *</span> : ''}
      </label>
      <textarea
        id={id}
        name={p.name}
        rows={String(p.rows ?? 4)}
        maxlength={p.maxlength ? String(p.maxlength) : undefined}
        class={error ? 'form-control is-invalid' : 'form-control'}
        aria-required={p.required ? 'true' : undefined}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy || undefined}
        safe
      >
        {p.form.values[k] ?? ''}
      </textarea>
      <Described hintId={`${id}-hint`} hint={p.hint} errorId={`${id}-error`} error={error} />
    </div>
  );
}
