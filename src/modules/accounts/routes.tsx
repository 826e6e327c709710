import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TAppDeps } from '../../app-deps.js';
import {
  CHECK_CODE_FIELDS,
  CHECK_CODE_MESSAGE,
  createCheckChallenge,
  verifyCheckCode,
} from '../../auth/check-code.js';
import { ValidationError } from '../../http/errors.js';
import { parseForm } from '../../http/forms.js';
import {
  actorOf,
  pageContext,
  requirePermission,
  requireUser,
  sendHtml,
  setFlash,
  type TSessionUi,
} from '../../http/request-context.js';
import { emptyForm, type TFormState } from '../../layout/form-kit.js';
import { changePassword } from './change-password.js';
import { confirmEmailChange } from './confirm-email-change.js';
import { LOGIN_MESSAGES, logIn } from './log-in.js';
import { requestPasswordReset, resetPassword } from './recover-password.js';
import { registerAccount } from './register-account.js';
import {
  NEW_PASSWORD_CONFIRMATIONS,
  REGISTRATION_CONFIRMATIONS,
  ZChangePassword,
  ZCode,
  ZLogin,
  ZProfile,
  ZRecoveryRequest,
  ZRecoveryReset,
  ZRegistration,
} from './schemas.js';
import { updateProfile } from './update-profile.js';
import { resendVerificationCode, verifyEmail } from './verify-email.js';
import {
  ChangePasswordPage,
  LoginPage,
  ProfilePage,
  RecoveryRequestPage,
  RecoveryResetPage,
  RegisterPage,
  ReservedAreaPage,
  VerifyEmailPage,
} from './views.js';
import { tenantBaseUrl } from '../../tenancy/tenant.js';

/** Only local paths are followed after login. */
function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/(?!\/)[^\s\\]*$/.test(next) ? next : '/area-riservata';
}

/** Re-shows the form with the typed values when a use case refuses the input. */
function withErrors(form: TFormState, err: unknown): TFormState {
  if (err instanceof ValidationError)
    return { values: form.values, errors: { ...form.errors, ...err.fieldErrors } };
  throw err;
}

export async function accountsRoutes(app: FastifyInstance, deps: TAppDeps & { ui: TSessionUi }) {
  const secret = deps.config.appSecret;
  const ctx = (req: FastifyRequest, reply: FastifyReply) => pageContext(req, reply, deps.ui);
  const check = () => createCheckChallenge(secret, deps.now());
  const strict = { config: { rateLimit: { max: deps.config.rateLimitPerMinute, timeWindow: 60_000 } } };
  const linkBase = (req: FastifyRequest) => tenantBaseUrl(deps.config, req.tenant);

  /** Starts a fresh session for the user: a new session id at every login. */
  async function startSession(request: FastifyRequest, userId: string) {
    await request.session.regenerate();
    request.session.tenantId = request.tenant.id;
    request.session.userId = userId;
    request.session.loginAt = deps.now().getTime();
  }

  // Registration ------------------------------------------------------------------------------------------
  app.get('/registrazione', async (req, reply) =>
    sendHtml(reply, <RegisterPage ctx={ctx(req, reply)} form={emptyForm()} check={await check()} />),
  );

  app.post('/registrazione', strict, async (req, reply) => {
    const parsed = parseForm(ZRegistration, req.body, REGISTRATION_CONFIRMATIONS);
    let form = parsed.ok ? emptyForm(parsed.values) : parsed.form;
    if (!(await verifyCheckCode(deps.db, secret, form.values, deps.now())))
      form = { ...form, errors: { ...form.errors, [CHECK_CODE_FIELDS.answer]: CHECK_CODE_MESSAGE } };
    if (parsed.ok && Object.keys(form.errors).length === 0) {
      try {
        const { userId } = await registerAccount(
          deps,
          req.tenant,
          {
            fullName: parsed.data.full_name,
            email: parsed.data.email,
            username: parsed.data.username,
            password: parsed.data.password,
          },
          actorOf(req),
        );
        req.session.tenantId = req.tenant.id;
        req.session.pendingUserId = userId;
        return reply.redirect('/registrazione/verifica', 303);
      } catch (err) {
        form = withErrors(form, err);
      }
    }
    return sendHtml(reply, <RegisterPage ctx={ctx(req, reply)} form={form} check={await check()} />, 422);
  });

  app.get('/registrazione/verifica', async (req, reply) => {
    if (!req.session.pendingUserId) return reply.redirect('/registrazione');
    return sendHtml(reply, <VerifyEmailPage ctx={ctx(req, reply)} form={emptyForm()} />);
  });

  app.post('/registrazione/verifica', strict, async (req, reply) => {
    const pending = req.session.pendingUserId;
    if (!pending) return reply.redirect('/registrazione', 303);
    const parsed = parseForm(ZCode, req.body);
    let form = parsed.ok ? emptyForm(parsed.values) : parsed.form;
    if (parsed.ok) {
      try {
        await verifyEmail(deps, req.tenant, pending, parsed.data.code, actorOf(req));
        req.session.pendingUserId = undefined;
        setFlash(req, { kind: 'success', text: 'Indirizzo e-mail verificato: ora puoi accedere.' });
        return reply.redirect('/accesso', 303);
      } catch (err) {
        form = withErrors(form, err);
      }
    }
    return sendHtml(reply, <VerifyEmailPage ctx={ctx(req, reply)} form={form} />, 422);
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

  // Login and logout ----------------------------------------------------------------------------------------
  app.get('/accesso', async (req, reply) => {
    if (req.user) return reply.redirect('/area-riservata');
    const next = safeNext((req.query as Record<string, unknown>).next);
    return sendHtml(reply, <LoginPage ctx={ctx(req, reply)} form={emptyForm()} check={null} next={next} />);
  });

  app.post('/accesso', strict, async (req, reply) => {
    const parsed = parseForm(ZLogin, req.body);
    const next = safeNext((req.body as Record<string, unknown> | undefined)?.next);
    let form = parsed.ok ? emptyForm(parsed.values) : parsed.form;
    let showCheck = Boolean(form.values[CHECK_CODE_FIELDS.token]);
    if (parsed.ok) {
      const checkCodeValid = showCheck
        ? await verifyCheckCode(deps.db, secret, form.values, deps.now())
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
      <LoginPage ctx={ctx(req, reply)} form={form} check={showCheck ? await check() : null} next={next} />,
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

  // Password -----------------------------------------------------------------------------------------------------
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
    const parsed = parseForm(ZChangePassword, req.body, NEW_PASSWORD_CONFIRMATIONS);
    let form = parsed.ok ? emptyForm(parsed.values) : parsed.form;
    if (parsed.ok) {
      try {
        await changePassword(
          deps,
          req.tenant,
          user.id,
          { currentPassword: parsed.data.current_password, newPassword: parsed.data.new_password },
          actorOf(req),
          req.session.sessionId,
        );
        setFlash(req, { kind: 'success', text: 'Password modificata.' });
        return reply.redirect('/area-riservata', 303);
      } catch (err) {
        form = withErrors(form, err);
      }
    }
    return sendHtml(
      reply,
      <ChangePasswordPage ctx={ctx(req, reply)} form={form} forced={user.must_change_password} />,
      422,
    );
  });

  app.get('/password/recupero', async (req, reply) => {
    const login = (req.query as Record<string, unknown>).login;
    const form = emptyForm(typeof login === 'string' ? { login: login.slice(0, 254) } : {});
    return sendHtml(reply, <RecoveryRequestPage ctx={ctx(req, reply)} form={form} check={await check()} />);
  });

  app.post('/password/recupero', strict, async (req, reply) => {
    const parsed = parseForm(ZRecoveryRequest, req.body);
    let form = parsed.ok ? emptyForm(parsed.values) : parsed.form;
    if (!(await verifyCheckCode(deps.db, secret, form.values, deps.now())))
      form = { ...form, errors: { ...form.errors, [CHECK_CODE_FIELDS.answer]: CHECK_CODE_MESSAGE } };
    if (parsed.ok && Object.keys(form.errors).length === 0) {
      await requestPasswordReset(deps, req.tenant, parsed.data.login, actorOf(req));
      req.session.recoveryLogin = parsed.data.login;
      return reply.redirect('/password/nuova', 303);
    }
    return sendHtml(
      reply,
      <RecoveryRequestPage ctx={ctx(req, reply)} form={form} check={await check()} />,
      422,
    );
  });

  app.get('/password/nuova', async (req, reply) =>
    sendHtml(
      reply,
      <RecoveryResetPage ctx={ctx(req, reply)} form={emptyForm({ login: req.session.recoveryLogin })} />,
    ),
  );

  app.post('/password/nuova', strict, async (req, reply) => {
    const parsed = parseForm(ZRecoveryReset, req.body, NEW_PASSWORD_CONFIRMATIONS);
    let form = parsed.ok ? emptyForm(parsed.values) : parsed.form;
    if (parsed.ok) {
      try {
        await resetPassword(
          deps,
          req.tenant,
          { login: parsed.data.login, code: parsed.data.code, newPassword: parsed.data.new_password },
          actorOf(req),
        );
        req.session.recoveryLogin = undefined;
        setFlash(req, { kind: 'success', text: 'Nuova password salvata: ora puoi accedere.' });
        return reply.redirect('/accesso', 303);
      } catch (err) {
        form = withErrors(form, err);
      }
    }
    return sendHtml(reply, <RecoveryResetPage ctx={ctx(req, reply)} form={form} />, 422);
  });

  // Reserved area and profile ---------------------------------------------------------------------------------------
  app.get('/area-riservata', { preHandler: requirePermission('profile:manage') }, async (req, reply) =>
    sendHtml(
      reply,
      <ReservedAreaPage ctx={ctx(req, reply)} fullName={req.user!.full_name} role={req.user!.role} />,
    ),
  );

  app.get('/profilo', { preHandler: requirePermission('profile:manage') }, async (req, reply) => {
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

  app.post('/profilo', { preHandler: requirePermission('profile:manage'), ...strict }, async (req, reply) => {
    const u = req.user!;
    const parsed = parseForm(ZProfile, req.body);
    let form = parsed.ok ? emptyForm(parsed.values) : parsed.form;
    if (parsed.ok) {
      try {
        const { emailChangePending } = await updateProfile(
          deps,
          req.tenant,
          u.id,
          {
            currentPassword: parsed.data.current_password,
            fullName: parsed.data.full_name,
            email: parsed.data.email,
          },
          actorOf(req),
          linkBase(req),
        );
        setFlash(req, {
          kind: 'success',
          text: emailChangePending
            ? `Modifiche salvate. Per usare il nuovo indirizzo apri il collegamento che ti abbiamo inviato a ${parsed.data.email}: fino ad allora resta valido ${u.email}.`
            : 'Modifiche salvate.',
        });
        return reply.redirect('/profilo', 303);
      } catch (err) {
        form = withErrors(form, err);
      }
    }
    return sendHtml(reply, <ProfilePage ctx={ctx(req, reply)} form={form} username={u.username} />, 422);
  });

  app.get('/profilo/conferma-email', async (req, reply) => {
    const token = String((req.query as Record<string, unknown>).token ?? '');
    await confirmEmailChange(deps, req.tenant, token, actorOf(req));
    setFlash(req, { kind: 'success', text: 'Nuovo indirizzo e-mail confermato.' });
    return reply.redirect(req.user ? '/profilo' : '/accesso', 303);
  });
}
