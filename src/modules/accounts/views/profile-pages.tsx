import { isRole, PERMISSION_DESCRIPTIONS, ROLES } from '../../../auth/permissions.js';
import { TextField } from '../../../layout/form-kit.js';
import { FormPage, type TFormPageProps } from '../../../layout/form-page.js';
import { Layout, type TPageContext } from '../../../layout/layout.js';
import {
  CurrentPasswordField,
  ACCOUNT_LABELS as LABELS,
  NEW_PASSWORD,
  PasswordFields,
  UsernameNote,
} from './form-parts.js';

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

export function ChangePasswordPage({ ctx, form, forced }: TFormPageProps & { forced: boolean }) {
  return (
    <FormPage
      ctx={ctx}
      title="Cambio password"
      intro={
        forced ? (
          <div class="alert alert-info" role="status">
            Questo è il tuo primo accesso: le credenziali sono state create da un'altra persona, quindi devi
            scegliere una nuova password prima di continuare.
          </div>
        ) : undefined
      }
      form={form}
      labels={LABELS}
      action="/password/cambio"
      submit="Cambia password"
    >
      <CurrentPasswordField form={form} />
      <PasswordFields ctx={ctx} form={form} {...NEW_PASSWORD} />
    </FormPage>
  );
}

export function ProfilePage({ ctx, form, username }: TFormPageProps & { username: string }) {
  return (
    <FormPage
      ctx={ctx}
      title="Profilo"
      intro={<UsernameNote username={username} />}
      form={form}
      labels={LABELS}
      action="/profilo"
      submit="Salva modifiche"
      after={
        <p class="mt-4">
          <a href="/password/cambio">Cambia password</a>
        </p>
      }
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
      <CurrentPasswordField form={form} hint="Ogni modifica del profilo richiede la password attuale." />
    </FormPage>
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
