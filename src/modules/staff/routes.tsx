import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TAppDeps } from '../../app-deps.js';
import { runForm } from '../../http/form-runner.js';
import { formValues } from '../../http/forms.js';
import { actorOf, pageContext, sendHtml, type TSessionUi } from '../../http/request-context.js';
import { queryOf } from '../../http/route-input.js';
import { emptyForm } from '../../layout/form-kit.js';
import { tenantBaseUrl } from '../../tenancy/tenant.js';
import { ZLinkTokenQuery } from '../companies/company-links.js';
import { listSignedCompanies } from '../companies/queries.js';
import { confirmStaffRegistration, openStaffConfirmLink } from './confirm-staff.js';
import { submitStaffRegistration } from './register-staff.js';
import { StaffConfirmedPage, StaffConfirmPage } from './views/confirm-page.js';
import { StaffRegisteredPage, StaffRegistrationPage } from './views/registration-page.js';

declare module 'fastify' {
  interface Session {
    /** Last staff member registered from this browser, for the confirmation page after the redirect. */
    registeredStaff?: { number: string; userMailed: boolean };
    /** Registration number the legal representative just confirmed. */
    confirmedStaff?: string;
  }
}

/** Passwords are never shown again, not even after an error. */
const withoutPasswords = (values: Record<string, string | undefined>) => {
  const { password: _p, password_confirm: _c, ...rest } = values;
  return rest;
};

/** REGISTRA TECNICO (seed 000 § 2.2–2.3) and the legal representative's confirmation link. */
export async function staffRoutes(app: FastifyInstance, deps: TAppDeps & { ui: TSessionUi }) {
  const ctx = (req: FastifyRequest, reply: FastifyReply) => pageContext(req, reply, deps.ui);
  const linkBase = (req: FastifyRequest) => tenantBaseUrl(deps.config, req.tenant);
  const strict = { config: { rateLimit: { max: deps.config.rateLimitPerMinute, timeWindow: 60_000 } } };
  const companies = (req: FastifyRequest) => listSignedCompanies(deps.db, req.tenant.id);

  // 2.2 REGISTRA TECNICO -----------------------------------------------------------------------------------------
  app.get('/ditte/registra-tecnico', async (req, reply) =>
    sendHtml(
      reply,
      <StaffRegistrationPage ctx={ctx(req, reply)} form={emptyForm()} companies={await companies(req)} />,
    ),
  );

  app.post('/ditte/registra-tecnico', strict, async (req, reply) =>
    runForm(req, reply, {
      run: (values) => submitStaffRegistration(deps, req.tenant, values, actorOf(req), linkBase(req)),
      done: (r) => {
        req.session.registeredStaff = { number: r.registrationNumber, userMailed: r.userMailed };
        return { redirect: '/ditte/registra-tecnico/inviata' };
      },
      render: async (form, _problem, status) =>
        sendHtml(
          reply,
          <StaffRegistrationPage
            ctx={ctx(req, reply)}
            form={{ values: withoutPasswords(form.values), errors: form.errors }}
            companies={await companies(req)}
          />,
          status,
        ),
    }),
  );

  app.get('/ditte/registra-tecnico/inviata', async (req, reply) => {
    const done = req.session.registeredStaff;
    if (!done) return reply.redirect('/ditte/registra-tecnico');
    return sendHtml(
      reply,
      <StaffRegisteredPage
        ctx={ctx(req, reply)}
        registrationNumber={done.number}
        userMailed={done.userMailed}
      />,
    );
  });

  // 2.3 Conferma del Legale Rappresentante (a link that no longer works: LinkExpiredError, 410) ------------------
  app.get('/ditte/conferma-tecnico', async (req, reply) => {
    const { token } = queryOf(req, ZLinkTokenQuery);
    const { staff, company, username } = await openStaffConfirmLink(deps, req.tenant, token);
    return sendHtml(
      reply,
      <StaffConfirmPage
        ctx={ctx(req, reply)}
        token={token}
        s={{
          registrationNumber: staff.registration_number,
          businessName: company.business_name,
          fullName: staff.full_name,
          taxCode: staff.tax_code,
          email: staff.email,
          jobType: staff.job_type,
          userType: staff.user_type,
          username,
        }}
      />,
    );
  });

  app.post('/ditte/conferma-tecnico', strict, async (req, reply) => {
    const token = formValues(req.body).token ?? '';
    const { staff } = await confirmStaffRegistration(deps, req.tenant, token, actorOf(req));
    req.session.confirmedStaff = staff.registration_number;
    return reply.redirect('/ditte/conferma-tecnico/confermata', 303);
  });

  app.get('/ditte/conferma-tecnico/confermata', async (req, reply) => {
    const number = req.session.confirmedStaff;
    if (!number) return reply.redirect('/');
    return sendHtml(reply, <StaffConfirmedPage ctx={ctx(req, reply)} registrationNumber={number} />);
  });
}
