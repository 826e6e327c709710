import { isRole, PERMISSION_DESCRIPTIONS, ROLES } from '../../../auth/permissions.js';
import { PostForm, TextField, type TFormState } from '../../../layout/form-kit.js';
import { Layout, type TPageContext } from '../../../layout/layout.js';
import { ACCOUNT_LABELS as LABELS, NEW_PASSWORD, PasswordFields } from './form-parts.js';

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
