import {
  CsrfField,
  ErrorSummary,
  PrivacyField,
  RequiredNote,
  TextField,
  type TFormState,
} from '../../../layout/form-kit.js';
import type { TPageContext } from '../../../layout/layout.js';
import { certFieldNames, type TCertificationDef } from '../certifications.js';

/** Pieces shared by the registration forms of a company (1.3) and of its staff (2.2). */

const DATE_HINT = 'gg/mm/aaaa';

export function certificationLabels(defs: readonly TCertificationDef[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const d of defs) {
    const f = certFieldNames(d.kind);
    out[f.ref] = `${d.label} – Data riferimento`;
    out[f.exp] = `${d.label} – Data scadenza`;
    if (d.lastCheck) out[f.last] = `${d.label} – Data scadenza ultima verifica`;
  }
  return out;
}

/** The date fields of each certification, grouped in a fieldset named after it. */
export function CertificationFields({
  form,
  defs,
}: {
  form: TFormState;
  defs: readonly TCertificationDef[];
}) {
  return (
    <>
      {defs.map((d) => {
        const f = certFieldNames(d.kind);
        return (
          <fieldset class="mb-3">
            <legend class="h6" safe>
              {d.label}
            </legend>
            <div class="row">
              <div class="col-md-4">
                <TextField form={form} name={f.ref} label="Data riferimento" hint={DATE_HINT} required />
              </div>
              <div class="col-md-4">
                <TextField form={form} name={f.exp} label="Data scadenza" hint={DATE_HINT} required />
              </div>
              {d.lastCheck ? (
                <div class="col-md-4">
                  <TextField
                    form={form}
                    name={f.last}
                    label="Data scadenza ultima verifica"
                    hint={DATE_HINT}
                    required
                  />
                </div>
              ) : (
                ''
              )}
            </div>
          </fieldset>
        );
      })}
    </>
  );
}

/** The certification fields of a registration form, in their own fieldset. */
export function CertificationsFieldset({
  form,
  defs,
}: {
  form: TFormState;
  defs: readonly TCertificationDef[];
}) {
  return (
    <fieldset class="mb-4">
      <legend class="h4">Abilitazioni/Certificazioni in possesso</legend>
      <CertificationFields form={form} defs={defs} />
    </fieldset>
  );
}

/** Name and codice fiscale of the legal representative who fills in the form ("Il sottoscritto"). */
export function LegalRepresentativeFields({
  form,
  labels,
}: {
  form: TFormState;
  labels: { lr_full_name: string; lr_tax_code: string };
}) {
  return (
    <>
      <TextField form={form} name="lr_full_name" label={labels.lr_full_name} required autocomplete="name" />
      <TextField
        form={form}
        name="lr_tax_code"
        label={labels.lr_tax_code}
        required
        maxlength={16}
        hint="16 caratteri"
      />
    </>
  );
}

/** The success box at the top of the page that follows a registration. */
export function RegistrationSent({ registrationNumber }: { registrationNumber: string }) {
  return (
    <div class="alert alert-success" role="status">
      <h1 class="h3">La registrazione è stata inviata con successo.</h1>
      <p class="mb-0">
        Numero di registrazione: <strong safe>{registrationNumber}</strong>
      </p>
    </div>
  );
}

/**
 * The frame of a registration form: the error summary, the form with its CSRF token and the note on
 * required fields, the fields (children), the privacy checkbox and the "Registra" button.
 */
export function RegistrationForm(p: {
  ctx: TPageContext;
  form: TFormState;
  labels: Record<string, string>;
  action: string;
  multipart?: boolean;
  children: JSX.Element | JSX.Element[];
}) {
  return (
    <>
      <ErrorSummary form={p.form} labels={p.labels} />
      <form
        method="post"
        action={p.action}
        enctype={p.multipart ? 'multipart/form-data' : undefined}
        novalidate
      >
        <CsrfField token={p.ctx.csrfToken} />
        <RequiredNote />
        {p.children as 'safe'}
        <PrivacyField form={p.form} privacyUrl={p.ctx.tenant.privacyUrl} />
        <button type="submit" class="btn btn-primary">
          Registra
        </button>
      </form>
    </>
  );
}
