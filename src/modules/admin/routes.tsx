import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { TAppDeps } from '../../app-deps.js';
import { listAudit, verifyTenantAudit } from '../../audit/audit-log.js';
import { PASSWORD_POLICIES, PASSWORD_POLICY_IDS } from '../../auth/password-policy.js';
import { isRole, ROLES } from '../../auth/permissions.js';
import { ValidationError } from '../../http/errors.js';
import { parseForm } from '../../http/forms.js';
import {
  actorOf,
  pageContext,
  requirePermission,
  sendHtml,
  setFlash,
  type TSessionUi,
} from '../../http/request-context.js';
import { emailField, requiredText } from '../../http/zod-fields.js';
import {
  CsrfField,
  ErrorSummary,
  emptyForm,
  SelectField,
  TextField,
  type TFormState,
} from '../../layout/form-kit.js';
import { Layout, type TPageContext } from '../../layout/layout.js';
import { createStaffAccount } from '../accounts/create-staff-account.js';
import { ZStaffAccount } from '../accounts/schemas.js';
import { listUsers, userStatusLabel } from '../accounts/users.js';
import { StaffAccountForm } from '../accounts/views/staff-account-form.js';
import { updateTenantSettings } from './update-tenant-settings.js';

const ZTenantSettings = z.object({
  name: requiredText("Inserisci il nome dell'ente.", 200),
  activation_email: emailField("Inserisci l'indirizzo e-mail per le attivazioni."),
  support_phone: z.string().trim().max(40, 'Al massimo 40 caratteri.').default(''),
  support_hours: z.string().trim().max(120, 'Al massimo 120 caratteri.').default(''),
  password_policy: z.enum(PASSWORD_POLICY_IDS as [string, ...string[]], {
    error: 'Scegli la regola per le password.',
  }),
});

function TenantSettingsPage({ ctx, form }: { ctx: TPageContext; form: TFormState }) {
  return (
    <Layout ctx={ctx} title="Impostazioni ente">
      <h1>Impostazioni ente</h1>
      <ErrorSummary
        form={form}
        labels={{
          name: "Nome dell'ente",
          activation_email: 'E-mail per le attivazioni',
          support_phone: 'Telefono assistenza',
          support_hours: 'Orari assistenza',
          password_policy: 'Regola per le password',
        }}
      />
      <form method="post" action="/amministrazione/ente" novalidate>
        <CsrfField token={ctx.csrfToken} />
        <TextField form={form} name="name" label="Nome dell'ente" required />
        <TextField
          form={form}
          name="activation_email"
          label="E-mail per le attivazioni"
          type="email"
          required
        />
        <TextField form={form} name="support_phone" label="Telefono assistenza" type="tel" />
        <TextField
          form={form}
          name="support_hours"
          label="Orari assistenza"
          hint="Per esempio: dal lunedì al venerdì dalle 9.00 alle 12.30"
        />
        <SelectField
          form={form}
          name="password_policy"
          label="Regola per le password"
          required
          options={PASSWORD_POLICY_IDS.map((id) => ({ value: id, label: PASSWORD_POLICIES[id] }))}
        />
        <button type="submit" class="btn btn-primary">
          Salva
        </button>
      </form>
    </Layout>
  );
}

function UsersPage({
  ctx,
  form,
  users,
}: {
  ctx: TPageContext;
  form: TFormState;
  users: Awaited<ReturnType<typeof listUsers>>;
}) {
  return (
    <Layout ctx={ctx} title="Utenti">
      <h1>Utenti dell'ente</h1>
      <table class="table">
        <caption>Account registrati</caption>
        <thead>
          <tr>
            <th scope="col">Nome Utente</th>
            <th scope="col">Nome e cognome</th>
            <th scope="col">Email</th>
            <th scope="col">Ruolo</th>
            <th scope="col">Stato</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr>
              <td safe>{u.username}</td>
              <td safe>{u.full_name}</td>
              <td safe>{u.email}</td>
              <td safe>{isRole(u.role) ? ROLES[u.role].label : u.role}</td>
              <td
                safe
              >{`${userStatusLabel(u.status)}${u.must_change_password ? ' (deve cambiare la password)' : ''}`}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2 class="mt-5">Nuovo utente</h2>
      <StaffAccountForm ctx={ctx} form={form} />
    </Layout>
  );
}

export async function adminRoutes(app: FastifyInstance, deps: TAppDeps & { ui: TSessionUi }) {
  const ctx = (req: FastifyRequest, reply: FastifyReply) => pageContext(req, reply, deps.ui);

  app.get('/amministrazione/utenti', { preHandler: requirePermission('users:manage') }, async (req, reply) =>
    sendHtml(
      reply,
      <UsersPage ctx={ctx(req, reply)} form={emptyForm()} users={await listUsers(deps.db, req.tenant.id)} />,
    ),
  );

  app.post(
    '/amministrazione/utenti',
    { preHandler: requirePermission('users:manage') },
    async (req, reply) => {
      const parsed = parseForm(ZStaffAccount, req.body);
      let form = parsed.ok ? emptyForm(parsed.values) : parsed.form;
      if (parsed.ok) {
        try {
          await createStaffAccount(
            deps,
            req.tenant,
            {
              username: parsed.data.username,
              email: parsed.data.email,
              fullName: parsed.data.full_name,
              initialPassword: parsed.data.initial_password,
              role: parsed.data.role,
            },
            actorOf(req),
          );
          setFlash(req, {
            kind: 'success',
            text: `Utente ${parsed.data.username} creato: al primo accesso dovrà cambiare la password.`,
          });
          return reply.redirect('/amministrazione/utenti', 303);
        } catch (err) {
          if (!(err instanceof ValidationError)) throw err;
          form = { values: form.values, errors: err.fieldErrors };
        }
      }
      return sendHtml(
        reply,
        <UsersPage ctx={ctx(req, reply)} form={form} users={await listUsers(deps.db, req.tenant.id)} />,
        422,
      );
    },
  );

  app.get(
    '/amministrazione/ente',
    { preHandler: requirePermission('tenant:configure') },
    async (req, reply) => {
      const t = req.tenant;
      return sendHtml(
        reply,
        <TenantSettingsPage
          ctx={ctx(req, reply)}
          form={emptyForm({
            name: t.name,
            activation_email: t.activationEmail,
            support_phone: t.supportPhone ?? '',
            support_hours: t.supportHours ?? '',
            password_policy: t.passwordPolicy,
          })}
        />,
      );
    },
  );

  app.post(
    '/amministrazione/ente',
    { preHandler: requirePermission('tenant:configure') },
    async (req, reply) => {
      const parsed = parseForm(ZTenantSettings, req.body);
      if (!parsed.ok)
        return sendHtml(reply, <TenantSettingsPage ctx={ctx(req, reply)} form={parsed.form} />, 422);
      await updateTenantSettings(
        deps.db,
        req.tenant.id,
        {
          name: parsed.data.name,
          activationEmail: parsed.data.activation_email,
          supportPhone: parsed.data.support_phone || null,
          supportHours: parsed.data.support_hours || null,
          passwordPolicy: parsed.data.password_policy as keyof typeof PASSWORD_POLICIES,
        },
        actorOf(req),
      );
      app.tenants.forget(req.tenant.slug);
      setFlash(req, { kind: 'success', text: 'Impostazioni salvate.' });
      return reply.redirect('/amministrazione/ente', 303);
    },
  );

  app.get(
    '/amministrazione/registro',
    { preHandler: requirePermission('audit:read') },
    async (req, reply) => {
      const [rows, verdict] = await Promise.all([
        listAudit(deps.db, req.tenant.id),
        verifyTenantAudit(deps.db, req.tenant.id),
      ]);
      return sendHtml(
        reply,
        <Layout ctx={ctx(req, reply)} title="Registro attività">
          <h1>Registro attività</h1>
          {verdict.ok ? (
            <div class="alert alert-success" role="status">
              Catena di integrità verificata: <span safe>{String(verdict.rows)}</span> registrazioni integre.
            </div>
          ) : (
            <div class="alert alert-danger" role="alert" safe>
              {`Catena di integrità interrotta alla registrazione n. ${verdict.brokenSeq}: ${verdict.reason}.`}
            </div>
          )}
          <table class="table table-sm">
            <caption>Ultime 100 attività</caption>
            <thead>
              <tr>
                <th scope="col">N.</th>
                <th scope="col">Data e ora</th>
                <th scope="col">Utente</th>
                <th scope="col">Azione</th>
                <th scope="col">Oggetto</th>
                <th scope="col">IP</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr>
                  <td safe>{String(r.seq)}</td>
                  <td safe>{r.created_at.toLocaleString('it-IT', { timeZone: 'Europe/Rome' })}</td>
                  <td safe>{r.actor_label}</td>
                  <td safe>{r.action}</td>
                  <td safe>{`${r.entity_type}${r.entity_id ? ` ${r.entity_id}` : ''}`}</td>
                  <td safe>{r.ip ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Layout>,
      );
    },
  );
}
