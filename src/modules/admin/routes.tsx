import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TAppDeps } from '../../app-deps.js';
import { listAudit, verifyTenantAudit } from '../../audit/audit-log.js';
import { runForm } from '../../http/form-runner.js';
import {
  actorOf,
  pageContext,
  requirePermission,
  sendHtml,
  type TSessionUi,
} from '../../http/request-context.js';
import { emptyForm, type TFormState } from '../../layout/form-kit.js';
import { createStaffAccount } from '../accounts/create-staff-account.js';
import { ZStaffAccount } from '../accounts/schemas.js';
import { listUsers } from '../accounts/users.js';
import { parseFormOrThrow } from '../../http/forms.js';
import { readTenantSettings, updateTenantSettings } from './update-tenant-settings.js';
import { AuditPage, TenantSettingsPage, UsersPage } from './views.js';

/** The tenant's administration: its users, its settings and its activity log. */
export async function adminRoutes(app: FastifyInstance, deps: TAppDeps & { ui: TSessionUi }) {
  const ctx = (req: FastifyRequest, reply: FastifyReply) => pageContext(req, reply, deps.ui);
  const manageUsers = { preHandler: requirePermission('users:manage') };
  const configure = { preHandler: requirePermission('tenant:configure') };

  const usersPage = async (req: FastifyRequest, reply: FastifyReply, form: TFormState, status = 200) =>
    sendHtml(
      reply,
      <UsersPage ctx={ctx(req, reply)} form={form} users={await listUsers(deps.db, req.tenant.id)} />,
      status,
    );

  app.get('/amministrazione/utenti', manageUsers, async (req, reply) => usersPage(req, reply, emptyForm()));

  app.post('/amministrazione/utenti', manageUsers, async (req, reply) =>
    runForm(req, reply, {
      run: async (values) => {
        const d = parseFormOrThrow(ZStaffAccount, values);
        await createStaffAccount(
          deps,
          req.tenant,
          {
            username: d.username,
            email: d.email,
            fullName: d.full_name,
            initialPassword: d.initial_password,
            role: d.role,
          },
          actorOf(req),
        );
        return d.username;
      },
      done: (username) => ({
        redirect: '/amministrazione/utenti',
        flash: `Utente ${username} creato: al primo accesso dovrà cambiare la password.`,
      }),
      render: (form, _problem, status) => usersPage(req, reply, form, status),
    }),
  );

  app.get('/amministrazione/ente', configure, async (req, reply) => {
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
  });

  app.post('/amministrazione/ente', configure, async (req, reply) =>
    runForm(req, reply, {
      run: async (values) => {
        await updateTenantSettings(deps.db, req.tenant.id, readTenantSettings(values), actorOf(req));
        app.tenants.forget(req.tenant.slug);
      },
      done: () => ({ redirect: '/amministrazione/ente', flash: 'Impostazioni salvate.' }),
      render: (form, _problem, status) =>
        sendHtml(reply, <TenantSettingsPage ctx={ctx(req, reply)} form={form} />, status),
    }),
  );

  app.get(
    '/amministrazione/registro',
    { preHandler: requirePermission('audit:read') },
    async (req, reply) => {
      const [rows, verdict] = await Promise.all([
        listAudit(deps.db, req.tenant.id),
        verifyTenantAudit(deps.db, req.tenant.id),
      ]);
      return sendHtml(reply, <AuditPage ctx={ctx(req, reply)} rows={rows} verdict={verdict} />);
    },
  );
}
