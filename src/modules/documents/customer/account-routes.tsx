import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { formValues } from '../../../http/forms.js';
import { runForm } from '../../../http/form-runner.js';
import { queryOf } from '../../../http/route-input.js';
import { actorOf, sendHtml } from '../../../http/request-context.js';
import { emptyForm, type TFormState } from '../../../layout/form-kit.js';
import { accountRouteKit, type TRouteDeps } from '../../accounts/routes/route-kit.js';
import { NEW_PASSWORD_CONFIRMATIONS, ZNewPassword } from '../../accounts/schemas.js';
import { createCustomerAccount } from './create-customer-account.js';
import {
  FORGOT_PASSWORD_PATH,
  openPasswordLink,
  PASSWORD_LINK_PATHS,
  requestPasswordLink,
  setPasswordWithLink,
  type TPasswordLinkPurpose,
} from './password-links.js';
import { CREATE_ACCOUNT_CONFIRMATIONS, ZCreateAccount, ZForgotPassword } from './schemas.js';
import {
  AccountCreatedPage,
  CreateAccountPage,
  ForgotPasswordPage,
  SetPasswordPage,
} from './views/account-pages.js';

declare module 'fastify' {
  interface Session {
    /** The e-mail of the account just created in the customer area, for the confirmation page. */
    customerAccountEmail?: string;
  }
}

export const CUSTOMER_AREA_HOME = '/area-clienti/associazione';

const ZTokenQuery = z.object({
  token: z
    .string()
    .catch('')
    .transform((t) => t.slice(0, 200)),
});
const ZSentQuery = z.object({ inviata: z.string().optional().catch(undefined) });

const PASSWORD_SET_MESSAGES: Record<TPasswordLinkPurpose, string> = {
  account_activation: 'Account attivato e password impostata: ora puoi entrare con il tuo indirizzo e-mail.',
  password_reset_link: 'Nuova password impostata: ora puoi entrare con il tuo indirizzo e-mail.',
};

/**
 * The customer area's account pages (seed 004 § 1–3): "crea account", the two password links
 * ("Imposta la password") and "Password dimenticata". They run the portal's account use cases.
 */
export async function customerAccountRoutes(app: FastifyInstance, deps: TRouteDeps) {
  const kit = accountRouteKit(deps);
  const { ctx, strict } = kit;

  // crea account ------------------------------------------------------------------------------------------
  const createPage = async (req: FastifyRequest, reply: FastifyReply, form: TFormState, status = 200) =>
    sendHtml(
      reply,
      <CreateAccountPage ctx={ctx(req, reply)} form={form} check={await kit.check()} />,
      status,
    );

  app.get('/area-clienti/crea-account', async (req, reply) => createPage(req, reply, emptyForm()));

  app.post('/area-clienti/crea-account', strict, async (req, reply) =>
    runForm(req, reply, {
      run: async () => {
        const data = await kit.parse(ZCreateAccount, req.body, {
          confirmations: CREATE_ACCOUNT_CONFIRMATIONS,
          checkCode: true,
        });
        const input = {
          firstName: data.first_name,
          lastName: data.last_name,
          email: data.email,
          mobile: data.mobile,
        };
        await createCustomerAccount(deps, req.tenant, input, actorOf(req), kit.linkBase(req));
        req.session.tenantId = req.tenant.id;
        req.session.customerAccountEmail = data.email;
      },
      done: () => ({ redirect: '/area-clienti/account-creato' }),
      render: (form) => createPage(req, reply, form, 422),
    }),
  );

  app.get('/area-clienti/account-creato', async (req, reply) => {
    const email = req.session.customerAccountEmail;
    if (!email) return reply.redirect('/area-clienti/crea-account');
    return sendHtml(reply, <AccountCreatedPage ctx={ctx(req, reply)} email={email} />);
  });

  // Imposta la password (activation and reset links) -----------------------------------------------------------
  for (const [purpose, path] of Object.entries(PASSWORD_LINK_PATHS) as Array<
    [TPasswordLinkPurpose, string]
  >) {
    const show = async (
      req: FastifyRequest,
      reply: FastifyReply,
      token: string,
      form: TFormState,
      status = 200,
    ) => {
      // An unknown, expired or used link: LinkExpiredError, the 410 page with «Password dimenticata».
      const { email } = await openPasswordLink(deps, req.tenant, purpose, token);
      return sendHtml(
        reply,
        <SetPasswordPage ctx={ctx(req, reply)} form={form} action={path} token={token} email={email} />,
        status,
      );
    };

    app.get(path, async (req, reply) => show(req, reply, queryOf(req, ZTokenQuery).token, emptyForm()));

    app.post(path, strict, async (req, reply) => {
      const token = (formValues(req.body).token ?? '').slice(0, 200);
      return runForm(req, reply, {
        run: async () => {
          const data = await kit.parse(ZNewPassword, req.body, { confirmations: NEW_PASSWORD_CONFIRMATIONS });
          await setPasswordWithLink(
            deps,
            req.tenant,
            purpose,
            { token, newPassword: data.new_password },
            actorOf(req),
          );
          if (req.user) await req.session.regenerate();
        },
        done: () => ({
          redirect: `/accesso?next=${encodeURIComponent(CUSTOMER_AREA_HOME)}`,
          flash: PASSWORD_SET_MESSAGES[purpose],
        }),
        // The typed passwords are never drawn again.
        render: (form) => show(req, reply, token, { values: {}, errors: form.errors }, 422),
      });
    });
  }

  // Password dimenticata -------------------------------------------------------------------------------------
  const forgotPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    form: TFormState,
    sent: boolean,
    status = 200,
  ) =>
    sendHtml(
      reply,
      <ForgotPasswordPage ctx={ctx(req, reply)} form={form} check={await kit.check()} sent={sent} />,
      status,
    );

  app.get(FORGOT_PASSWORD_PATH, async (req, reply) =>
    forgotPage(req, reply, emptyForm(), queryOf(req, ZSentQuery).inviata === '1'),
  );

  app.post(FORGOT_PASSWORD_PATH, strict, async (req, reply) =>
    runForm(req, reply, {
      run: async () => {
        const data = await kit.parse(ZForgotPassword, req.body, { checkCode: true });
        await requestPasswordLink(deps, req.tenant, data.email, actorOf(req), kit.linkBase(req));
      },
      done: () => ({ redirect: `${FORGOT_PASSWORD_PATH}?inviata=1` }),
      render: (form) => forgotPage(req, reply, form, false, 422),
    }),
  );
}
