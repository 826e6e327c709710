import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { runForm } from '../../../http/form-runner.js';
import { queryOf } from '../../../http/route-input.js';
import {
  actorOf,
  requirePermission,
  requireUser,
  sendHtml,
  setFlash,
} from '../../../http/request-context.js';
import { emptyForm } from '../../../layout/form-kit.js';
import { changePassword } from '../change-password.js';
import { confirmEmailChange } from '../confirm-email-change.js';
import { NEW_PASSWORD_CONFIRMATIONS, ZChangePassword, ZProfile } from '../schemas.js';
import { updateProfile } from '../update-profile.js';
import { ChangePasswordPage, ProfilePage, ReservedAreaPage } from '../views/profile-pages.js';
import { accountRouteKit, type TRouteDeps } from './route-kit.js';

const ZTokenQuery = z.object({ token: z.string().catch('') });

/** The signed-in user's pages: the reserved area, the profile (name, e-mail) and the password change. */
export async function profileRoutes(app: FastifyInstance, deps: TRouteDeps) {
  const kit = accountRouteKit(deps);
  const { ctx, strict } = kit;
  const profileAccess = { preHandler: requirePermission('profile:manage') };

  app.get('/password/cambio', { preHandler: requireUser }, async (req, reply) =>
    sendHtml(
      reply,
      <ChangePasswordPage
        ctx={ctx(req, reply)}
        form={emptyForm()}
        forced={Boolean(req.user?.must_change_password)}
      />,
    ),
  );

  app.post('/password/cambio', { preHandler: requireUser, ...strict }, async (req, reply) => {
    const user = req.user!;
    return runForm(req, reply, {
      run: async () => {
        const data = await kit.parse(ZChangePassword, req.body, {
          confirmations: NEW_PASSWORD_CONFIRMATIONS,
        });
        await changePassword(
          deps,
          req.tenant,
          user.id,
          { currentPassword: data.current_password, newPassword: data.new_password },
          actorOf(req),
          req.session.sessionId,
        );
      },
      done: () => ({ redirect: '/area-riservata', flash: 'Password modificata.' }),
      render: (form) =>
        sendHtml(
          reply,
          <ChangePasswordPage ctx={ctx(req, reply)} form={form} forced={user.must_change_password} />,
          422,
        ),
    });
  });

  app.get('/area-riservata', profileAccess, async (req, reply) =>
    sendHtml(
      reply,
      <ReservedAreaPage ctx={ctx(req, reply)} fullName={req.user!.full_name} role={req.user!.role} />,
    ),
  );

  app.get('/profilo', profileAccess, async (req, reply) => {
    const u = req.user!;
    return sendHtml(
      reply,
      <ProfilePage
        ctx={ctx(req, reply)}
        form={emptyForm({ full_name: u.full_name, email: u.email })}
        username={u.username}
      />,
    );
  });

  app.post('/profilo', { ...profileAccess, ...strict }, async (req, reply) => {
    const u = req.user!;
    return runForm(req, reply, {
      run: async () => {
        const data = await kit.parse(ZProfile, req.body);
        const { emailChangePending } = await updateProfile(
          deps,
          req.tenant,
          u.id,
          { currentPassword: data.current_password, fullName: data.full_name, email: data.email },
          actorOf(req),
          kit.linkBase(req),
        );
        return { emailChangePending, email: data.email };
      },
      done: ({ emailChangePending, email }) => ({
        redirect: '/profilo',
        flash: emailChangePending
          ? `Modifiche salvate. Per usare il nuovo indirizzo apri il collegamento che ti abbiamo inviato a ${email}: fino ad allora resta valido ${u.email}.`
          : 'Modifiche salvate.',
      }),
      render: (form) =>
        sendHtml(reply, <ProfilePage ctx={ctx(req, reply)} form={form} username={u.username} />, 422),
    });
  });

  // The link e-mailed to a new address: an expired or used one is the 410 page (LinkExpiredError).
  app.get('/profilo/conferma-email', async (req, reply) => {
    await confirmEmailChange(deps, req.tenant, queryOf(req, ZTokenQuery).token, actorOf(req));
    setFlash(req, { kind: 'success', text: 'Nuovo indirizzo e-mail confermato.' });
    return reply.redirect(req.user ? '/profilo' : '/accesso', 303);
  });
}
