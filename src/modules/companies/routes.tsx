import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TAppDeps } from '../../app-deps.js';
import { runForm } from '../../http/form-runner.js';
import { formValues } from '../../http/forms.js';
import { actorOf, pageContext, sendHtml, type TSessionUi } from '../../http/request-context.js';
import { queryOf } from '../../http/route-input.js';
import { emptyForm } from '../../layout/form-kit.js';
import { tenantBaseUrl } from '../../tenancy/tenant.js';
import { ZLinkTokenQuery } from './company-links.js';
import { readPdfUploads } from './pdf-uploads.js';
import { getCompany } from './queries.js';
import { COMPANY_UPLOAD_FIELDS, submitCompanyRegistration } from './register-company.js';
import { openSigningLink, resendSigningLink, signDeclaration } from './sign-declaration.js';
import { CompanyRegisteredPage, CompanyRegistrationPage } from './views/registration-page.js';
import {
  SignedPage,
  SigningLinkResendPage,
  SigningLinkResentPage,
  SigningPage,
} from './views/signing-page.js';

declare module 'fastify' {
  interface Session {
    /** Last company registered from this browser, for the confirmation page after the redirect. */
    registeredCompany?: { number: string; email: string };
    signedCompany?: string;
  }
}

/** REGISTRA DITTA (seed 000 § 1.3) and the signing of the self-declaration (§ 1.4). */
export async function companiesRoutes(app: FastifyInstance, deps: TAppDeps & { ui: TSessionUi }) {
  const ctx = (req: FastifyRequest, reply: FastifyReply) => pageContext(req, reply, deps.ui);
  const linkBase = (req: FastifyRequest) => tenantBaseUrl(deps.config, req.tenant);
  const strict = { config: { rateLimit: { max: deps.config.rateLimitPerMinute, timeWindow: 60_000 } } };

  // 1.3 REGISTRA DITTA ----------------------------------------------------------------------------------------
  app.get('/ditte/registra', async (req, reply) =>
    sendHtml(reply, <CompanyRegistrationPage ctx={ctx(req, reply)} form={emptyForm()} />),
  );

  app.post('/ditte/registra', strict, async (req, reply) => {
    const uploads = await readPdfUploads(req.body, COMPANY_UPLOAD_FIELDS);
    return runForm(req, reply, {
      run: (values) =>
        submitCompanyRegistration(deps, req.tenant, values, uploads, actorOf(req), linkBase(req)),
      done: (r) => {
        req.session.registeredCompany = { number: r.registrationNumber, email: r.lrEmail };
        return { redirect: '/ditte/registra/inviata' };
      },
      render: (form, _problem, status) =>
        sendHtml(reply, <CompanyRegistrationPage ctx={ctx(req, reply)} form={form} />, status),
    });
  });

  app.get('/ditte/registra/inviata', async (req, reply) => {
    const done = req.session.registeredCompany;
    if (!done) return reply.redirect('/ditte/registra');
    return sendHtml(
      reply,
      <CompanyRegisteredPage ctx={ctx(req, reply)} registrationNumber={done.number} email={done.email} />,
    );
  });

  // 1.4 Firma dell'autodichiarazione (a link that no longer works: LinkExpiredError, 410) ---------------------
  app.get('/ditte/firma', async (req, reply) => {
    const { token } = queryOf(req, ZLinkTokenQuery);
    const company = await openSigningLink(deps, req.tenant, token);
    return sendHtml(
      reply,
      <SigningPage
        ctx={ctx(req, reply)}
        token={token}
        registrationNumber={company.registration_number}
        businessName={company.business_name}
        sections={company.declaration_sections}
        receiptHash={company.receipt_hash}
      />,
    );
  });

  app.post('/ditte/firma', strict, async (req, reply) => {
    const token = formValues(req.body).token ?? '';
    const company = await signDeclaration(deps, req.tenant, token, actorOf(req));
    req.session.signedCompany = company.id;
    return reply.redirect('/ditte/firma/confermata', 303);
  });

  app.get('/ditte/firma/confermata', async (req, reply) => {
    const id = req.session.signedCompany;
    const company = id ? await getCompany(deps.db, req.tenant.id, id) : undefined;
    if (!company) return reply.redirect('/');
    return sendHtml(
      reply,
      <SignedPage ctx={ctx(req, reply)} registrationNumber={company.registration_number} />,
    );
  });

  // "Invia un nuovo link", offered by the page of a used or expired signing link.
  app.get('/ditte/firma/nuovo-link', async (req, reply) => {
    const { token } = queryOf(req, ZLinkTokenQuery);
    return sendHtml(reply, <SigningLinkResendPage ctx={ctx(req, reply)} token={token} />);
  });

  app.post('/ditte/firma/nuovo-link', strict, async (req, reply) => {
    const token = formValues(req.body).token ?? '';
    await resendSigningLink(deps, req.tenant, token, actorOf(req), linkBase(req));
    // The same answer whatever happened: the link goes only to the legal representative's address.
    return sendHtml(reply, <SigningLinkResentPage ctx={ctx(req, reply)} />);
  });
}
