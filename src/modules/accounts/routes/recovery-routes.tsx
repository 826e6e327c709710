import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { runForm } from '../../../http/form-runner.js';
import { queryOf } from '../../../http/route-input.js';
import { actorOf, sendHtml } from '../../../http/request-context.js';
import { emptyForm, type TFormState } from '../../../layout/form-kit.js';
import { requestPasswordReset, resetPassword } from '../recover-password.js';
import { NEW_PASSWORD_CONFIRMATIONS, ZRecoveryRequest, ZRecoveryReset } from '../schemas.js';
import { RecoveryRequestPage, RecoveryResetPage } from '../views/recovery-pages.js';
import { accountRouteKit, type TRouteDeps } from './route-kit.js';

const ZLoginQuery = z.object({
  login: z
    .string()
    .optional()
    .catch(undefined)
    .transform((v) => v?.slice(0, 254)),
});

/** The portal's "Password dimenticata?": a 6-digit code by e-mail, then the code and a new password. */
export async function recoveryRoutes(app: FastifyInstance, deps: TRouteDeps) {
  const kit = accountRouteKit(deps);
  const { ctx, strict } = kit;

  const requestPage = async (req: FastifyRequest, reply: FastifyReply, form: TFormState, status = 200) =>
    sendHtml(
      reply,
      <RecoveryRequestPage ctx={ctx(req, reply)} form={form} check={await kit.check()} />,
      status,
    );

  app.get('/password/recupero', async (req, reply) => {
    const { login } = queryOf(req, ZLoginQuery);
    return requestPage(req, reply, emptyForm(login === undefined ? {} : { login }));
  });

  app.post('/password/recupero', strict, async (req, reply) =>
    runForm(req, reply, {
      run: async () => {
        const data = await kit.parse(ZRecoveryRequest, req.body, { checkCode: true });
        await requestPasswordReset(deps, req.tenant, data.login, actorOf(req));
        req.session.recoveryLogin = data.login;
      },
      done: () => ({ redirect: '/password/nuova' }),
      render: (form) => requestPage(req, reply, form, 422),
    }),
  );

  app.get('/password/nuova', async (req, reply) =>
    sendHtml(
      reply,
      <RecoveryResetPage ctx={ctx(req, reply)} form={emptyForm({ login: req.session.recoveryLogin })} />,
    ),
  );

  app.post('/password/nuova', strict, async (req, reply) =>
    runForm(req, reply, {
      run: async () => {
        const data = await kit.parse(ZRecoveryReset, req.body, { confirmations: NEW_PASSWORD_CONFIRMATIONS });
        await resetPassword(
          deps,
          req.tenant,
          { login: data.login, code: data.code, newPassword: data.new_password },
          actorOf(req),
        );
        req.session.recoveryLogin = undefined;
      },
      done: () => ({ redirect: '/accesso', flash: 'Nuova password salvata: ora puoi accedere.' }),
      render: (form) => sendHtml(reply, <RecoveryResetPage ctx={ctx(req, reply)} form={form} />, 422),
    }),
  );
}
