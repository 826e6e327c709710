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
  const describedBy = describedByOf(id, Boolean(p.hint), Boolean(error));
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
  const describedBy = describedByOf(id, Boolean(p.hint), Boolean(error));
  return (
    <div class="select-wrapper mb-4">
      <label for={id}>
        <LabelText label={p.label} required={p.required} />
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
  const describedBy = describedByOf(id, Boolean(p.hint), Boolean(error));
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
        <RequiredMark required={p.required} />
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
  const describedBy = describedByOf(id, Boolean(p.hint), Boolean(error));
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
  const describedBy = describedByOf(id, hasHints, Boolean(error));
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
  const describedBy = describedByOf(id, Boolean(p.hint), Boolean(error));
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
