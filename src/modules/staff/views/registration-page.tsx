import { PASSWORD_POLICIES } from '../../../auth/password-policy.js';
import {
  CheckboxField,
  RadioField,
  SelectField,
  TextField,
  type TFormState,
} from '../../../layout/form-kit.js';
import { Layout, type TPageContext } from '../../../layout/layout.js';
import { STAFF_CERTIFICATIONS } from '../../companies/certifications.js';
import {
  CertificationsFieldset,
  certificationLabels,
  LegalRepresentativeFields,
  RegistrationForm,
  RegistrationSent,
} from '../../companies/views/registration-parts.js';
import { ACTIVATION_DOCUMENTS, activationMessage } from '../mail-templates.js';
import { JOB_TYPES, STAFF_LABELS as L, USER_TYPES } from '../staff-form.js';

export type TCompanyOption = { id: string; business_name: string; vat_number: string };

const TITLE = 'Registrazione Tecnico / Amministrativo';

export function StaffRegistrationPage({
  ctx,
  form,
  companies,
}: {
  ctx: TPageContext;
  form: TFormState;
  companies: readonly TCompanyOption[];
}) {
  const labels = { ...L, ...certificationLabels(STAFF_CERTIFICATIONS) };
  return (
    <Layout ctx={ctx} title={TITLE}>
      <h1>{TITLE}</h1>
      <p>
        A cura del Legale Rappresentante della ditta. La registrazione è un'autodichiarazione ai sensi del DPR
        445/2000: tutti i dati inseriti saranno soggetti a verifica e le dichiarazioni mendaci comportano le
        sanzioni previste dall'art. 76 del DPR 445/2000.
      </p>
      <RegistrationForm ctx={ctx} form={form} labels={labels} action="/ditte/registra-tecnico">
        <fieldset class="mb-4">
          <legend class="h4">Il sottoscritto</legend>
          <LegalRepresentativeFields form={form} labels={L} />
        </fieldset>
        <fieldset class="mb-4">
          <legend class="h4">in qualità di Rappresentante Legale della Ditta</legend>
          <SelectField
            form={form}
            name="company_id"
            label={L.company_id}
            required
            hint={
              companies.length === 0
                ? "Nessuna ditta può ancora registrare tecnici: la ditta deve prima essere registrata con REGISTRA DITTA e l'autodichiarazione firmata."
                : 'Ragione sociale – P.IVA'
            }
            options={companies.map((c) => ({ value: c.id, label: `${c.business_name} – ${c.vat_number}` }))}
          />
        </fieldset>
        <fieldset class="mb-4">
          <legend class="h4">DICHIARA per il dipendente</legend>
          <TextField form={form} name="staff_full_name" label={L.staff_full_name} required />
          <TextField
            form={form}
            name="staff_tax_code"
            label={L.staff_tax_code}
            required
            maxlength={16}
            hint="16 caratteri"
          />
        </fieldset>
        <fieldset class="mb-4">
          <legend class="h4">i seguenti dati di registrazione dell'utente Tecnico/Amministrativo</legend>
          <TextField
            form={form}
            name="user_email"
            label={L.user_email}
            type="email"
            required
            hint="L'indirizzo personale del tecnico o dell'amministrativo"
          />
          <TextField
            form={form}
            name="user_email_confirm"
            label={L.user_email_confirm}
            type="email"
            required
          />
          <RadioField
            form={form}
            name="job_type"
            label={L.job_type}
            required
            options={Object.entries(JOB_TYPES).map(([value, t]) => ({ value, label: t.label }))}
            hints={Object.values(JOB_TYPES).map((t) => t.explanation)}
          />
          <RadioField
            form={form}
            name="user_type"
            label={L.user_type}
            required
            options={Object.entries(USER_TYPES).map(([value, t]) => ({ value, label: t.label }))}
            hints={Object.values(USER_TYPES).map((t) => t.explanation)}
          />
        </fieldset>
        <CertificationsFieldset form={form} defs={STAFF_CERTIFICATIONS} />
        <fieldset class="mb-4">
          <legend class="h4">Creazione credenziali dell'utente</legend>
          <div class="callout">
            <div class="callout-title">Attenzione</div>
            <p>
              In questa fase il Legale Rappresentante crea le credenziali del tecnico (Nome Utente e
              Password). Fleggendo la casella sottostante denominata "INVIA EMAIL DI REGISTRAZIONE ALL'UTENTE"
              il nome utente viene trasmesso via mail al tecnico o all'amministrativo, con le istruzioni per
              impostare una propria password (per questo la mail inserita deve essere del tecnico). Per
              sicurezza la password non viene mai inviata per e-mail. Se la casella non viene fleggata le
              credenziali di accesso dovranno essere fornite dal Legale Rappresentante che ha effettuato la
              registrazione e la creazione. Al primo accesso al tecnico sarà richiesta la modifica della
              Password.
            </p>
          </div>
          <p class="fw-semibold">
            ** La password richiede: {PASSWORD_POLICIES[ctx.tenant.passwordPolicy]} **
          </p>
          <TextField
            form={form}
            name="username"
            label={L.username}
            required
            autocomplete="off"
            maxlength={40}
            hint="Da 3 a 40 caratteri tra lettere, cifre, punto, trattino e trattino basso."
          />
          <TextField
            form={form}
            name="password"
            label={L.password}
            type="password"
            required
            autocomplete="new-password"
          />
          <TextField
            form={form}
            name="password_confirm"
            label={L.password_confirm}
            type="password"
            required
            autocomplete="new-password"
          />
          <CheckboxField form={form} name="send_email_to_user" label={L.send_email_to_user} />
        </fieldset>
      </RegistrationForm>
    </Layout>
  );
}

export function StaffRegisteredPage({
  ctx,
  registrationNumber,
  userMailed,
}: {
  ctx: TPageContext;
  registrationNumber: string;
  userMailed: boolean;
}) {
  const t = ctx.tenant;
  return (
    <Layout ctx={ctx} title="Registrazione inviata">
      <RegistrationSent registrationNumber={registrationNumber} />
      <p>
        Abbiamo inviato all'indirizzo e-mail del Legale Rappresentante indicato nella registrazione della
        ditta una e-mail di conferma con la ricevuta allegata e il collegamento per confermare la
        registrazione.
        {userMailed
          ? " Abbiamo inviato anche all'utente registrato una e-mail con il nome utente e le istruzioni per impostare la password."
          : " All'utente non è stata inviata alcuna e-mail: le credenziali dovranno essere fornite dal Legale Rappresentante."}
      </p>
      <p class="h5">
        <strong safe>{activationMessage(t)}</strong>
      </p>
      <p>
        Si richiede di contattare l'indirizzo mail per abbreviare la richiesta di abilitazione, allegando alla
        mail di richiesta di abilitazione e attivazione i seguenti documenti:
      </p>
      <ul>
        {ACTIVATION_DOCUMENTS.map((d) => (
          <li>{d}</li>
        ))}
      </ul>
      <p>
        In alternativa, i documenti possono essere caricati online con il collegamento presente nella e-mail
        con la ricevuta inviata al Legale Rappresentante.
      </p>
      <p>Se l'e-mail non arriva entro pochi minuti, controllare la cartella Spam/Posta indesiderata.</p>
      {t.supportPhone ? (
        <p safe>
          {`È stato creato inoltre un servizio di supporto telefonico alle Ditte: ${t.supportPhone}${t.supportHours ? ` attivo ${t.supportHours}` : ''}.`}
        </p>
      ) : (
        ''
      )}
    </Layout>
  );
}
