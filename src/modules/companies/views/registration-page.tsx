import {
  CsrfField,
  ErrorSummary,
  FileField,
  PrivacyField,
  RequiredNote,
  TextField,
  type TFormState,
} from '../../../layout/form-kit.js';
import { Layout, type TPageContext } from '../../../layout/layout.js';
import { COMPANY_CERTIFICATIONS, certFieldNames, type TCertificationDef } from '../certifications.js';
import { COMPANY_LABELS as L } from '../company-form.js';

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

export function CompanyRegistrationPage({ ctx, form }: { ctx: TPageContext; form: TFormState }) {
  const labels = { ...L, ...certificationLabels(COMPANY_CERTIFICATIONS) };
  return (
    <Layout ctx={ctx} title="Registrazione Ditta Manutentrice">
      <h1>Registrazione Ditta Manutentrice</h1>
      <p>
        La registrazione è un'autodichiarazione ai sensi del DPR 445/2000: tutti i dati inseriti saranno
        soggetti a verifica e le dichiarazioni mendaci comportano le sanzioni previste dall'art. 76 del DPR
        445/2000.
      </p>
      <RegistrationForm ctx={ctx} form={form} labels={labels} action="/ditte/registra" multipart>
        <fieldset class="mb-4">
          <legend class="h4">Il sottoscritto</legend>
          <LegalRepresentativeFields form={form} labels={L} />
          <TextField
            form={form}
            name="lr_email"
            label={L.lr_email}
            type="email"
            required
            autocomplete="email"
          />
          <TextField
            form={form}
            name="lr_email_confirm"
            label={L.lr_email_confirm}
            type="email"
            required
            autocomplete="email"
          />
        </fieldset>
        <fieldset class="mb-4">
          <legend class="h4">in qualità di Rappresentante Legale della Ditta</legend>
          <TextField
            form={form}
            name="business_name"
            label={L.business_name}
            required
            autocomplete="organization"
          />
          <TextField
            form={form}
            name="vat_number"
            label={L.vat_number}
            required
            inputmode="numeric"
            maxlength={11}
            hint="11 cifre"
          />
          <TextField form={form} name="company_tax_code" label={L.company_tax_code} maxlength={16} />
        </fieldset>
        <fieldset class="mb-4">
          <legend class="h4">DICHIARA i seguenti dati di registrazione della Ditta</legend>
          <TextField form={form} name="company_email" label={L.company_email} type="email" required />
          <TextField form={form} name="pec" label={L.pec} type="email" />
          <fieldset class="mb-3">
            <legend class="h6">Indirizzo sede legale</legend>
            <TextField
              form={form}
              name="municipality"
              label={L.municipality}
              required
              hint='Per esempio "Monterotondo" oppure "Castro (LE)"'
            />
            <TextField form={form} name="cap" label={L.cap} required inputmode="numeric" maxlength={5} />
            <TextField form={form} name="street" label={L.street} required />
            <TextField form={form} name="street_number" label={L.street_number} />
          </fieldset>
          <TextField form={form} name="phone" label={L.phone} type="tel" required />
          <TextField form={form} name="fax" label={L.fax} type="tel" />
          <TextField form={form} name="mobile" label={L.mobile} type="tel" />
          <TextField form={form} name="sdi_code" label={L.sdi_code} maxlength={7} hint="7 caratteri" />
          <TextField form={form} name="cciaa_number" label={L.cciaa_number} required />
          <TextField form={form} name="cciaa_municipality" label={L.cciaa_municipality} required />
          <TextField form={form} name="rea_number" label={L.rea_number} />
          <TextField form={form} name="rea_municipality" label={L.rea_municipality} required />
          <TextField form={form} name="activity_start_date" label={L.activity_start_date} required />
          <FileField
            form={form}
            name="chamber_certificate"
            label={L.chamber_certificate}
            hint="File PDF, al massimo 5 MB"
            accept="application/pdf"
          />
          <FileField
            form={form}
            name="insurance_policy"
            label={L.insurance_policy}
            hint="File PDF, al massimo 5 MB"
            accept="application/pdf"
          />
        </fieldset>
        <CertificationsFieldset form={form} defs={COMPANY_CERTIFICATIONS} />
      </RegistrationForm>
    </Layout>
  );
}

export function CompanyRegisteredPage({
  ctx,
  registrationNumber,
  email,
}: {
  ctx: TPageContext;
  registrationNumber: string;
  email: string;
}) {
  return (
    <Layout ctx={ctx} title="Registrazione inviata">
      <RegistrationSent registrationNumber={registrationNumber} />
      <p>
        Abbiamo inviato all'indirizzo <strong safe>{email}</strong> una e-mail di conferma con la ricevuta
        allegata. Il Legale Rappresentante deve cliccare sul link presente nella e-mail per{' '}
        <strong>firmare l'autodichiarazione e confermare la registrazione</strong> (il link vale 7 giorni).
      </p>
      <p>Se l'e-mail non arriva entro pochi minuti, controlla la cartella Spam/Posta indesiderata.</p>
      <p>
        Attenzione: questa procedura serve alla sola registrazione della Ditta e non fornisce credenziali di
        accesso al portale. Per ottenere le credenziali, il Legale Rappresentante dovrà registrare i propri
        tecnici con <a href="/ditte/registra-tecnico">REGISTRA TECNICO</a>.
      </p>
    </Layout>
  );
}
