import { FileField, TextField, type TFormState } from '../../../layout/form-kit.js';
import { Layout, type TPageContext } from '../../../layout/layout.js';
import { COMPANY_CERTIFICATIONS } from '../certifications.js';
import {
  COMPANY_FIELDS,
  COMPANY_GROUPS,
  COMPANY_LABELS,
  COMPANY_SECTIONS,
  sectionLayout,
  type TCompanyField,
  type TCompanyFieldName,
  type TCompanySection,
} from '../registration-fields.js';
import {
  CertificationsFieldset,
  certificationLabels,
  RegistrationForm,
  RegistrationSent,
} from './registration-parts.js';

/** One field of section 1.3, drawn as its definition says. */
function CompanyField({ form, name }: { form: TFormState; name: TCompanyFieldName }) {
  const f: TCompanyField = COMPANY_FIELDS[name];
  const input = f.input;
  if (input.kind === 'file')
    return <FileField form={form} name={name} label={f.label} hint={input.hint} accept={input.accept} />;
  if (input.kind !== 'text') return '';
  return (
    <TextField
      form={form}
      name={name}
      label={f.label}
      type={input.type}
      required={input.required}
      autocomplete={input.autocomplete}
      inputmode={input.inputmode}
      maxlength={input.maxlength}
      hint={input.hint}
    />
  );
}

/** A fieldset of section 1.3 with its fields; grouped fields (the address) in a fieldset of their own. */
function CompanySection({ form, section }: { form: TFormState; section: TCompanySection }) {
  return (
    <fieldset class="mb-4">
      <legend class="h4">{COMPANY_SECTIONS[section]}</legend>
      {sectionLayout(section).map((item) =>
        'group' in item ? (
          <fieldset class="mb-3">
            <legend class="h6">{COMPANY_GROUPS[item.group].label}</legend>
            {item.fields.map((name) => (
              <CompanyField form={form} name={name} />
            ))}
          </fieldset>
        ) : (
          <CompanyField form={form} name={item.field} />
        ),
      )}
    </fieldset>
  );
}

export function CompanyRegistrationPage({ ctx, form }: { ctx: TPageContext; form: TFormState }) {
  const labels = { ...COMPANY_LABELS, ...certificationLabels(COMPANY_CERTIFICATIONS) };
  return (
    <Layout ctx={ctx} title="Registrazione Ditta Manutentrice">
      <h1>Registrazione Ditta Manutentrice</h1>
      <p>
        La registrazione è un'autodichiarazione ai sensi del DPR 445/2000: tutti i dati inseriti saranno
        soggetti a verifica e le dichiarazioni mendaci comportano le sanzioni previste dall'art. 76 del DPR
        445/2000.
      </p>
      <RegistrationForm ctx={ctx} form={form} labels={labels} action="/ditte/registra" multipart>
        <>
          {(Object.keys(COMPANY_SECTIONS) as TCompanySection[]).map((section) => (
            <CompanySection form={form} section={section} />
          ))}
        </>
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
