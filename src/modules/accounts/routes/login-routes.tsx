import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { CHECK_CODE_FIELDS, CHECK_CODE_MESSAGE, verifyCheckCode } from '../../../auth/check-code.js';
import { parseForm } from '../../../http/forms.js';
import { queryOf } from '../../../http/route-input.js';
import { actorOf, sendHtml, setFlash } from '../../../http/request-context.js';
import { emptyForm } from '../../../layout/form-kit.js';
import { LOGIN_MESSAGES, logIn } from '../log-in.js';
import { ZLogin } from '../schemas.js';
import { resendVerificationCode } from '../verify-email.js';
import { LoginPage } from '../views/login-page.js';
import { accountRouteKit, type TRouteDeps } from './route-kit.js';

/** Only local paths are followed after login. */
function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/(?!\/)[^\s\\]*$/.test(next) ? next : '/area-riservata';
}

const ZNextQuery = z.object({ next: z.string().optional().catch(undefined) });

/** Login (with the check code after repeated failures), logout and the session's "Resta collegato". */
export async function loginRoutes(app: FastifyInstance, deps: TRouteDeps) {
  const kit = accountRouteKit(deps);
  const { ctx, strict } = kit;

  /** Starts a fresh session for the user: a new session id at every login. */
  async function startSession(request: FastifyRequest, userId: string) {
    await request.session.regenerate();
    request.session.tenantId = request.tenant.id;
    request.session.userId = userId;
    request.session.loginAt = deps.now().getTime();
  }

  app.get('/accesso', async (req, reply) => {
    if (req.user) return reply.redirect('/area-riservata');
    const next = safeNext(queryOf(req, ZNextQuery).next);
    return sendHtml(reply, <LoginPage ctx={ctx(req, reply)} form={emptyForm()} check={null} next={next} />);
  });

  app.post('/accesso', strict, async (req, reply) => {
    const parsed = parseForm(ZLogin, req.body);
    const next = safeNext((req.body as Record<string, unknown> | undefined)?.next);
    let form = parsed.ok ? emptyForm(parsed.values) : parsed.form;
    let showCheck = Boolean(form.values[CHECK_CODE_FIELDS.token]);
    if (parsed.ok) {
      const checkCodeValid = showCheck
        ? await verifyCheckCode(deps.db, deps.config.appSecret, form.values, deps.now())
        : false;
      const result = await logIn(
        deps,
        req.tenant,
        { login: parsed.data.login, password: parsed.data.password, checkCodeValid },
        actorOf(req),
      );
      if (result.kind === 'ok') {
        await startSession(req, result.user.id);
        return reply.redirect(result.user.must_change_password ? '/password/cambio' : next, 303);
      }
      if (result.kind === 'pending_email') {
        req.session.tenantId = req.tenant.id;
        req.session.pendingUserId = result.userId;
        await resendVerificationCode(deps, req.tenant, result.userId);
        setFlash(req, {
          kind: 'info',
          text: 'Devi ancora confermare il tuo indirizzo e-mail: ti abbiamo inviato un nuovo codice.',
        });
        return reply.redirect('/registrazione/verifica', 303);
      }
      if (result.kind === 'check_code_required') {
        form = {
          ...form,
          errors: {
            ...(showCheck ? { [CHECK_CODE_FIELDS.answer]: CHECK_CODE_MESSAGE } : {}),
            login: LOGIN_MESSAGES.check_code_required,
          },
        };
        showCheck = true;
      } else {
        form = { ...form, errors: { login: LOGIN_MESSAGES[result.kind] } };
      }
    }
    return sendHtml(
      reply,
      <LoginPage
        ctx={ctx(req, reply)}
        form={form}
        check={showCheck ? await kit.check() : null}
        next={next}
      />,
      422,
    );
  });

  app.post('/esci', async (req, reply) => {
    if (req.user) {
      await req.session.destroy();
    }
    return reply.redirect('/?uscita=1', 303);
  });

  app.post('/sessione/rinnova', async (req, reply) => {
    // Any request renews the session; this one exists for the "Resta collegato" button.
    if ((req.headers.accept ?? '').includes('application/json')) return reply.send({ ok: Boolean(req.user) });
    return reply.redirect(
      req.headers.referer && new URL(req.headers.referer).host === req.host
        ? new URL(req.headers.referer).pathname
        : '/',
      303,
    );
  });
}
