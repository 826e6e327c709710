import { CheckCodeField, type TCheckChallenge } from '../../auth/check-code.js';
import { PASSWORD_POLICIES } from '../../auth/password-policy.js';
import { isRole, PERMISSION_DESCRIPTIONS, ROLES } from '../../auth/permissions.js';
import {
  CsrfField,
  PostForm,
  PrivacyField,
  RequiredNote,
  SelectField,
  TextField,
  type TFormState,
} from '../../layout/form-kit.js';
import { Layout, type TPageContext } from '../../layout/layout.js';
import { USERNAME_RULE } from './schemas.js';

const LABELS: Record<string, string> = {
  full_name: 'Nome e cognome',
  email: 'Email',
  email_confirm: 'Conferma Email',
  username: 'Nome Utente',
  password: 'Password',
  password_confirm: 'Conferma Password',
  privacy: 'Informativa sulla privacy',
  code: 'Codice di verifica',
  login: 'Nome Utente',
  current_password: 'Password attuale',
  new_password: 'Nuova password',
  new_password_confirm: 'Conferma nuova password',
  check_answer: 'Codice di controllo',
  role: 'Ruolo',
  initial_password: 'Password iniziale',
};

function policyHint(ctx: TPageContext) {
  return `Requisiti: ${PASSWORD_POLICIES[ctx.tenant.passwordPolicy]}.`;
}

/** A new password (`name`) and its confirmation (`${name}_confirm`), with the tenant's password rules as hint. */
export function PasswordFields(p: {
  ctx: TPageContext;
  form: TFormState;
  name: string;
  label: string;
  confirmLabel: string;
}) {
  return (
    <>
      <TextField
        form={p.form}
        name={p.name}
        label={p.label}
        type="password"
        hint={policyHint(p.ctx)}
        required
        autocomplete="new-password"
      />
      <TextField
        form={p.form}
        name={`${p.name}_confirm`}
        label={p.confirmLabel}
        type="password"
        required
        autocomplete="new-password"
      />
    </>
  );
}

export const NEW_PASSWORD = {
  name: 'new_password',
  label: 'Nuova password',
  confirmLabel: 'Conferma nuova password',
} as const;

/** The repeated e-mail address of a sign-up form. */
export function EmailConfirmField({ form }: { form: TFormState }) {
  return (
    <TextField
      form={form}
      name="email_confirm"
      label="Conferma Email"
      type="email"
      required
      autocomplete="email"
    />
  );
}

/** What closes a sign-up form: the privacy consent and the check code. */
export function SignUpChecks(p: { ctx: TPageContext; form: TFormState; check: TCheckChallenge }) {
  return (
    <>
      <PrivacyField form={p.form} privacyUrl={p.ctx.tenant.privacyUrl} />
      <CheckCodeField challenge={p.check} error={p.form.errors.check_answer} />
    </>
  );
}

/** The 6-digit code sent by e-mail. */
function VerificationCodeField({ form }: { form: TFormState }) {
  return (
    <TextField
      form={form}
      name="code"
      label="Codice di verifica"
      inputmode="numeric"
      autocomplete="one-time-code"
      maxlength={6}
      required
    />
  );
}

/** A card of the reserved area that leads to one of its sections (fixed texts, not escaped). */
function AreaCard(p: { title: JSX.Element; text: JSX.Element; href: string; link: JSX.Element }) {
  return (
    <div class="col-md-4 mb-3">
      <div class="card card-bg">
        <div class="card-body">
          <h2 class="h5 card-title">{p.title as 'safe'}</h2>
          <p class="card-text">{p.text as 'safe'}</p>
          <a href={p.href}>{p.link as 'safe'}</a>
        </div>
      </div>
    </div>
  );
}

export function RegisterPage({
  ctx,
  form,
  check,
}: {
  ctx: TPageContext;
  form: TFormState;
  check: TCheckChallenge;
}) {
  return (
    <Layout ctx={ctx} title="Crea account">
      <h1>Crea account</h1>
      <p>Dopo la registrazione riceverai per e-mail un codice di 6 cifre per confermare il tuo indirizzo.</p>
      <PostForm
        form={form}
        labels={LABELS}
        action="/registrazione"
        csrfToken={ctx.csrfToken}
        submit="Registra"
      >
        <RequiredNote />
        <TextField form={form} name="full_name" label="Nome e cognome" required autocomplete="name" />
        <TextField form={form} name="email" label="Email" type="email" required autocomplete="email" />
        <EmailConfirmField form={form} />
        <TextField
          form={form}
          name="username"
          label="Nome Utente"
          hint={USERNAME_RULE}
          required
          autocomplete="username"
        />
        <PasswordFields
          ctx={ctx}
          form={form}
          name="password"
          label="Password"
          confirmLabel="Conferma Password"
        />
        <SignUpChecks ctx={ctx} form={form} check={check} />
      </PostForm>
    </Layout>
  );
}

export function VerifyEmailPage({ ctx, form }: { ctx: TPageContext; form: TFormState }) {
  return (
    <Layout ctx={ctx} title="Verifica e-mail">
      <h1>Verifica il tuo indirizzo e-mail</h1>
      <p>
        Ti abbiamo inviato un codice di 6 cifre. Il codice vale 15 minuti: se non lo trovi, controlla la
        cartella della posta indesiderata.
      </p>
      <PostForm
        form={form}
        labels={LABELS}
        action="/registrazione/verifica"
        csrfToken={ctx.csrfToken}
        submit="Verifica"
      >
        <VerificationCodeField form={form} />
      </PostForm>
      <form method="post" action="/registrazione/nuovo-codice" class="mt-4">
        <CsrfField token={ctx.csrfToken} />
        <button type="submit" class="btn btn-outline-primary">
          Invia un nuovo codice
        </button>
      </form>
    </Layout>
  );
}

export function LoginPage({
  ctx,
  form,
  check,
  next,
}: {
  ctx: TPageContext;
  form: TFormState;
  check: TCheckChallenge | null;
  next: string;
}) {
  return (
    <Layout ctx={ctx} title="Accedi">
      <h1>Accedi all'area riservata</h1>
      <PostForm form={form} labels={LABELS} action="/accesso" csrfToken={ctx.csrfToken} submit="Accedi">
        <input type="hidden" name="next" value={next} />
        <TextField
          form={form}
          name="login"
          label="Nome Utente"
          hint={ctx.tenant.loginByEmail ? "Puoi usare anche l'indirizzo e-mail." : undefined}
          required
          autocomplete="username"
        />
        <TextField
          form={form}
          name="password"
          label="Password"
          type="password"
          required
          autocomplete="current-password"
        />
        {check ? <CheckCodeField challenge={check} error={form.errors.check_answer} /> : ''}
      </PostForm>
      <ul class="list-unstyled mt-4">
        <li>
          <a href="/registrazione">Crea account</a>
        </li>
        <li>
          <a href="/password/recupero">Password dimenticata?</a>
        </li>
      </ul>
    </Layout>
  );
}

export function ChangePasswordPage({
  ctx,
  form,
  forced,
}: {
  ctx: TPageContext;
  form: TFormState;
  forced: boolean;
}) {
  return (
    <Layout ctx={ctx} title="Cambio password">
      <h1>Cambio password</h1>
      {forced ? (
        <div class="alert alert-info" role="status">
          Questo è il tuo primo accesso: le credenziali sono state create da un'altra persona, quindi devi
          scegliere una nuova password prima di continuare.
        </div>
      ) : (
        ''
      )}
      <PostForm
        form={form}
        labels={LABELS}
        action="/password/cambio"
        csrfToken={ctx.csrfToken}
        submit="Cambia password"
      >
        <TextField
          form={form}
          name="current_password"
          label="Password attuale"
          type="password"
          required
          autocomplete="current-password"
        />
        <PasswordFields ctx={ctx} form={form} {...NEW_PASSWORD} />
      </PostForm>
    </Layout>
  );
}

export function RecoveryRequestPage({
  ctx,
  form,
  check,
}: {
  ctx: TPageContext;
  form: TFormState;
  check: TCheckChallenge;
}) {
  return (
    <Layout ctx={ctx} title="Password dimenticata">
      <h1>Password dimenticata</h1>
      <p>
        Inserisci il nome utente o l'indirizzo e-mail con cui ti sei registrato: riceverai un codice per
        impostare una nuova password.
      </p>
      <PostForm
        form={form}
        labels={LABELS}
        action="/password/recupero"
        csrfToken={ctx.csrfToken}
        submit="Invia codice"
      >
        <TextField form={form} name="login" label="Nome utente o e-mail" required autocomplete="username" />
        <CheckCodeField challenge={check} error={form.errors.check_answer} />
      </PostForm>
    </Layout>
  );
}

export function RecoveryResetPage({ ctx, form }: { ctx: TPageContext; form: TFormState }) {
  return (
    <Layout ctx={ctx} title="Imposta una nuova password">
      <h1>Imposta una nuova password</h1>
      <p>
        Se i dati inseriti corrispondono a un account, abbiamo inviato un codice all'indirizzo e-mail
        registrato. Il codice vale 15 minuti.
      </p>
      <PostForm
        form={form}
        labels={LABELS}
        action="/password/nuova"
        csrfToken={ctx.csrfToken}
        submit="Salva la nuova password"
      >
        <TextField form={form} name="login" label="Nome utente o e-mail" required autocomplete="username" />
        <VerificationCodeField form={form} />
        <PasswordFields ctx={ctx} form={form} {...NEW_PASSWORD} />
      </PostForm>
    </Layout>
  );
}

export function ProfilePage({
  ctx,
  form,
  username,
}: {
  ctx: TPageContext;
  form: TFormState;
  username: string;
}) {
  return (
    <Layout ctx={ctx} title="Profilo">
      <h1>Profilo</h1>
      <p>
        Nome utente: <strong safe>{username}</strong>
      </p>
      <PostForm
        form={form}
        labels={LABELS}
        action="/profilo"
        csrfToken={ctx.csrfToken}
        submit="Salva modifiche"
      >
        <TextField form={form} name="full_name" label="Nome e cognome" required autocomplete="name" />
        <TextField
          form={form}
          name="email"
          label="Email"
          type="email"
          hint="Il nuovo indirizzo vale solo dopo che avrai aperto il collegamento che ti invieremo."
          required
          autocomplete="email"
        />
        <TextField
          form={form}
          name="current_password"
          label="Password attuale"
          type="password"
          hint="Ogni modifica del profilo richiede la password attuale."
          required
          autocomplete="current-password"
        />
      </PostForm>
      <p class="mt-4">
        <a href="/password/cambio">Cambia password</a>
      </p>
    </Layout>
  );
}

export function ReservedAreaPage({
  ctx,
  fullName,
  role,
}: {
  ctx: TPageContext;
  fullName: string;
  role: string;
}) {
  const roleLabel = isRole(role) ? ROLES[role].label : role;
  const perms = ctx.viewer?.permissions ?? new Set();
  return (
    <Layout ctx={ctx} title="Area riservata">
      <h1>Area riservata</h1>
      <p>
        Benvenuto, <strong safe>{fullName}</strong>. Ruolo: <span safe>{roleLabel}</span>.
      </p>
      <h2 class="h5">Con il tuo ruolo puoi</h2>
      <ul>
        {[...perms].map((p) => (
          <li safe>{PERMISSION_DESCRIPTIONS[p]}</li>
        ))}
      </ul>
      <div class="row">
        <AreaCard
          title="Il tuo profilo"
          text="Nome, indirizzo e-mail e password."
          href="/profilo"
          link="Vai al profilo"
        />
        {role === 'citizen' ? (
          <AreaCard
            title="Area clienti – documenti"
            text="Associa le tue utenze e scarica i documenti."
            href="/area-clienti/associazione"
            link="associazione cliente"
          />
        ) : (
          ''
        )}
        {perms.has('users:manage') ? (
          <AreaCard
            title="Utenti dell'ente"
            text="Crea operatori e amministratori."
            href="/amministrazione/utenti"
            link="Gestisci utenti"
          />
        ) : (
          ''
        )}
        {perms.has('companies:review') ? (
          <AreaCard
            title="Ditte e personale"
            text="Registrazioni in attesa di attivazione, decisioni e scadenze."
            href="/ufficio/ditte"
            link="Apri le ditte"
          />
        ) : (
          ''
        )}
        {perms.has('backoffice:access') ? (
          <AreaCard
            title="Documenti ai clienti"
            text="Pubblica documenti e carica l'anagrafica clienti."
            href="/ufficio/documenti"
            link="Pubblica documenti"
          />
        ) : (
          ''
        )}
        {perms.has('audit:read') ? (
          <AreaCard
            title="Registro attività"
            text="Chi ha fatto cosa, e quando."
            href="/amministrazione/registro"
            link="Apri il registro"
          />
        ) : (
          ''
        )}
      </div>
    </Layout>
  );
}

export function StaffAccountForm({ ctx, form }: { ctx: TPageContext; form: TFormState }) {
  return (
    <PostForm
      form={form}
      labels={LABELS}
      action="/amministrazione/utenti"
      csrfToken={ctx.csrfToken}
      submit="Crea utente"
    >
      <RequiredNote />
      <TextField form={form} name="full_name" label="Nome e cognome" required />
      <TextField form={form} name="email" label="Email" type="email" required />
      <TextField form={form} name="username" label="Nome Utente" hint={USERNAME_RULE} required />
      <SelectField
        form={form}
        name="role"
        label="Ruolo"
        required
        options={[
          { value: 'officer', label: ROLES.officer.label },
          { value: 'tenant_admin', label: ROLES.tenant_admin.label },
        ]}
      />
      <TextField
        form={form}
        name="initial_password"
        label="Password iniziale"
        type="password"
        hint={`${policyHint(ctx)} Comunicala di persona: al primo accesso l'utente dovrà cambiarla.`}
        required
        autocomplete="new-password"
      />
    </PostForm>
  );
}
