/**
 * The form kit every page uses: labelled fields with hint and per-field error (form-fields.tsx), an error
 * summary at the top that links to each field, the CSRF field and the POST form frame (here), and the
 * values the user typed kept on error, never passwords (form-state.ts). Pages import all of it from here.
 */
import { fieldId, type TFormState } from './form-state.js';

export { emptyForm, fieldId, type TFormState } from './form-state.js';
export {
  CheckboxField,
  FileField,
  PrivacyField,
  RadioField,
  SelectField,
  TextAreaField,
  TextField,
} from './form-fields.js';

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
