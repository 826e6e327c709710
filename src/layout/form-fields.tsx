import { fieldId, type TFormState } from './form-state.js';

/**
 * The labelled inputs of the form kit: each with its hint and its error, described for screen readers,
 * and the typed value kept on error (never a password, never a file).
 */

/** The ids of a field's hint and error, for aria-describedby ('' when it has neither). */
const describedByOf = (id: string, hasHint: boolean, hasError: boolean) =>
  [hasHint ? `${id}-hint` : '', hasError ? `${id}-error` : ''].filter(Boolean).join(' ');

/** The asterisk of a required field (the note at the top of the form explains it). */
function RequiredMark({ required }: { required?: boolean | undefined }) {
  return required ? <span aria-hidden="true"> *</span> : '';
}

/** A field's label text and, when required, its asterisk. */
function LabelText({ label, required }: { label: string; required?: boolean | undefined }) {
  return (
    <>
      <span safe>{label}</span>
      <RequiredMark required={required} />
    </>
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

/** A field's id and error, and the aria attributes that point at its hint and error. */
function fieldState(form: TFormState, key: string, hasHint: boolean) {
  const id = fieldId(key);
  const error = form.errors[key];
  const describedBy = describedByOf(id, hasHint, Boolean(error));
  const aria = {
    'aria-invalid': error ? 'true' : undefined,
    'aria-describedby': describedBy || undefined,
  } as const;
  return { id, error, aria };
}

/** A field's hint and error under it (`block`: shown even when not next to an invalid input). */
function Described({
  id,
  hint,
  error,
  block,
}: {
  id: string;
  hint?: string;
  error?: string;
  block?: boolean;
}) {
  return (
    <>
      {hint ? (
        <small id={`${id}-hint`} class="form-text" safe>
          {hint}
        </small>
      ) : (
        ''
      )}
      {error ? (
        <div id={`${id}-error`} class={block ? 'invalid-feedback d-block' : 'invalid-feedback'} safe>
          {error}
        </div>
      ) : (
        ''
      )}
    </>
  );
}

export function TextField(p: TFieldProps) {
  const { id, error, aria } = fieldState(p.form, p.name, Boolean(p.hint));
  const value = p.type === 'password' ? '' : (p.form.values[p.name] ?? '');
  return (
    <div class="form-group">
      <label for={id} class="active">
        <LabelText label={p.label} required={p.required} />
      </label>
      <input
        type={p.type ?? 'text'}
        class={error ? 'form-control is-invalid' : 'form-control'}
        id={id}
        name={p.name}
        value={value}
        required={p.required}
        aria-required={p.required ? 'true' : undefined}
        {...aria}
        autocomplete={p.autocomplete}
        inputmode={p.inputmode}
        maxlength={p.maxlength}
      />
      <Described id={id} hint={p.hint} error={error} />
    </div>
  );
}

export function SelectField(
  p: Omit<TFieldProps, 'type' | 'autocomplete' | 'inputmode' | 'maxlength'> & {
    options: ReadonlyArray<{ value: string; label: string }>;
  },
) {
  const { id, error, aria } = fieldState(p.form, p.name, Boolean(p.hint));
  const current = p.form.values[p.name] ?? '';
  return (
    <div class="select-wrapper mb-4">
      <label for={id}>
        <LabelText label={p.label} required={p.required} />
      </label>
      <select id={id} name={p.name} class={error ? 'is-invalid' : undefined} required={p.required} {...aria}>
        <option value="">Seleziona un'opzione</option>
        {p.options.map((o) => (
          <option value={o.value} selected={o.value === current}>
            <span safe>{o.label}</span>
          </option>
        ))}
      </select>
      <Described id={id} hint={p.hint} error={error} />
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
  const { id, error, aria } = fieldState(p.form, p.name, Boolean(p.hint));
  return (
    <div class="form-check mb-4">
      <input
        type="checkbox"
        id={id}
        name={p.name}
        value="1"
        checked={p.form.values[p.name] === '1'}
        aria-required={p.required ? 'true' : undefined}
        {...aria}
      />
      <label for={id}>
        {p.label as 'safe'}
        <RequiredMark required={p.required} />
      </label>
      <Described id={id} hint={p.hint} error={error} />
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
  const { id, error, aria } = fieldState(p.form, p.name, Boolean(p.hint));
  return (
    <div class="form-group">
      <label for={id} class="active d-block">
        <LabelText label={p.label} required={p.required} />
      </label>
      <input
        type="file"
        class={error ? 'form-control is-invalid' : 'form-control'}
        id={id}
        name={p.name}
        accept={p.accept}
        multiple={p.multiple}
        required={p.required}
        {...aria}
      />
      <Described
        id={id}
        hint={p.hint && error ? `${p.hint}. Se c'è un errore nel modulo, scegli di nuovo il file.` : p.hint}
        error={error}
      />
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
  const current = p.form.values[p.name] ?? '';
  const hasHints = Boolean(p.hints && p.hints.length > 0);
  const { id, error, aria } = fieldState(p.form, p.name, hasHints);
  return (
    <fieldset class="mb-4" id={id}>
      <legend class="h6">
        <LabelText label={p.label} required={p.required} />
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
            {...aria}
          />
          <label for={`${id}-${o.value}`}>
            <span safe>{o.label}</span>
          </label>
        </div>
      ))}
      <Described id={id} error={error} block />
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
  const { id, error, aria } = fieldState(p.form, k, Boolean(p.hint));
  return (
    <div class="form-group">
      <label for={id} class="active">
        <LabelText label={p.label} required={p.required} />
      </label>
      <textarea
        id={id}
        name={p.name}
        rows={String(p.rows ?? 4)}
        maxlength={p.maxlength ? String(p.maxlength) : undefined}
        class={error ? 'form-control is-invalid' : 'form-control'}
        aria-required={p.required ? 'true' : undefined}
        {...aria}
        safe
      >
        {p.form.values[k] ?? ''}
      </textarea>
      <Described id={id} hint={p.hint} error={error} />
    </div>
  );
}
