import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { runForm } from '../../../http/form-runner.js';
import { actorOf, sendHtml, setFlash } from '../../../http/request-context.js';
import { emptyForm, type TFormState } from '../../../layout/form-kit.js';
import { registerAccount } from '../register-account.js';
import { REGISTRATION_CONFIRMATIONS, ZCode, ZRegistration } from '../schemas.js';
import { resendVerificationCode, verifyEmail } from '../verify-email.js';
import { RegisterPage, VerifyEmailPage } from '../views/registration-pages.js';
import { accountRouteKit, type TRouteDeps } from './route-kit.js';

/** "Crea account" of the portal: the form, then the 6-digit code e-mailed to prove the address. */
export async function registrationRoutes(app: FastifyInstance, deps: TRouteDeps) {
  const kit = accountRouteKit(deps);
  const { ctx, strict } = kit;

  const registerPage = async (req: FastifyRequest, reply: FastifyReply, form: TFormState, status = 200) =>
    sendHtml(reply, <RegisterPage ctx={ctx(req, reply)} form={form} check={await kit.check()} />, status);

  app.get('/registrazione', async (req, reply) => registerPage(req, reply, emptyForm()));

  app.post('/registrazione', strict, async (req, reply) =>
    runForm(req, reply, {
      run: async () => {
        const data = await kit.parse(ZRegistration, req.body, {
          confirmations: REGISTRATION_CONFIRMATIONS,
          checkCode: true,
        });
        const { userId } = await registerAccount(
          deps,
          req.tenant,
          {
            fullName: data.full_name,
            email: data.email,
            username: data.username,
            password: data.password,
          },
          actorOf(req),
        );
        req.session.tenantId = req.tenant.id;
        req.session.pendingUserId = userId;
      },
      done: () => ({ redirect: '/registrazione/verifica' }),
      render: (form) => registerPage(req, reply, form, 422),
    }),
  );

  app.get('/registrazione/verifica', async (req, reply) => {
    if (!req.session.pendingUserId) return reply.redirect('/registrazione');
    return sendHtml(reply, <VerifyEmailPage ctx={ctx(req, reply)} form={emptyForm()} />);
  });

  app.post('/registrazione/verifica', strict, async (req, reply) => {
    const pending = req.session.pendingUserId;
    if (!pending) return reply.redirect('/registrazione', 303);
    return runForm(req, reply, {
      run: async () => {
        const data = await kit.parse(ZCode, req.body);
        await verifyEmail(deps, req.tenant, pending, data.code, actorOf(req));
        req.session.pendingUserId = undefined;
      },
      done: () => ({ redirect: '/accesso', flash: 'Indirizzo e-mail verificato: ora puoi accedere.' }),
      render: (form) => sendHtml(reply, <VerifyEmailPage ctx={ctx(req, reply)} form={form} />, 422),
    });
  });

  app.post('/registrazione/nuovo-codice', strict, async (req, reply) => {
    const pending = req.session.pendingUserId;
    if (!pending) return reply.redirect('/registrazione', 303);
    await resendVerificationCode(deps, req.tenant, pending);
    setFlash(req, {
      kind: 'info',
      text: 'Ti abbiamo inviato un nuovo codice: quello precedente non vale più.',
    });
    return reply.redirect('/registrazione/verifica', 303);
  });
}
