import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TAppDeps } from '../../app-deps.js';
import { checkUpload, type TUpload } from '../../files/uploads.js';
import { ValidationError } from '../../http/errors.js';
import { formFiles, formValues } from '../../http/forms.js';
import { actorOf, pageContext, sendHtml, type TSessionUi } from '../../http/request-context.js';
import { italianToday } from '../../italian/dates.js';
import { emptyForm } from '../../layout/form-kit.js';
import { readCompanyRegistration } from './company-form.js';
import { getCompany } from './queries.js';
import { registerCompany, type TCompanyUploads } from './register-company.js';
import { openSigningLink, resendSigningLink, SigningLinkError, signDeclaration } from './sign-declaration.js';
import { CompanyRegisteredPage, CompanyRegistrationPage } from './views/registration-page.js';
import { SignedPage, SigningLinkProblemPage, SigningPage } from './views/signing-page.js';
import { tenantBaseUrl } from '../../tenancy/tenant.js';

declare module 'fastify' {
  interface Session {
    /** Last company registered from this browser, for the confirmation page after the redirect. */
    registeredCompany?: { number: string; email: string };
    signedCompany?: string;
  }
}

/** Reads the PDF uploads of a form; each problem becomes a message on its field. */
export async function readPdfUploads(
  body: unknown,
  names: readonly string[],
): Promise<{ files: Record<string, TUpload & { contentType: string }>; errors: Record<string, string> }> {
  const all = formFiles(body);
  const files: Record<string, TUpload & { contentType: string }> = {};
  const errors: Record<string, string> = {};
  for (const name of names) {
    const f = all[name]?.[0];
    if (!f) continue;
    const check = await checkUpload(f, 'pdf');
    if (check.ok) files[name] = { ...f, contentType: check.contentType };
    else errors[name] = check.message;
  }
  return { files, errors };
}

export async function companiesRoutes(app: FastifyInstance, deps: TAppDeps & { ui: TSessionUi }) {
  const ctx = (req: FastifyRequest, reply: FastifyReply) => pageContext(req, reply, deps.ui);
  const linkBase = (req: FastifyRequest) => tenantBaseUrl(deps.config, req.tenant);
  const strict = { config: { rateLimit: { max: deps.config.rateLimitPerMinute, timeWindow: 60_000 } } };

  // 1.3 REGISTRA DITTA ------------------------------------------------------------------------------------------
  app.get('/ditte/registra', async (req, reply) =>
    sendHtml(reply, <CompanyRegistrationPage ctx={ctx(req, reply)} form={emptyForm()} />),
  );

  app.post('/ditte/registra', strict, async (req, reply) => {
    const values = formValues(req.body);
    const read = readCompanyRegistration(values, italianToday(deps.now()));
    const uploads = await readPdfUploads(req.body, ['chamber_certificate', 'insurance_policy']);
    let errors: Record<string, string> = { ...(read.ok ? {} : read.errors), ...uploads.errors };
    if (read.ok && Object.keys(errors).length === 0) {
      const files: TCompanyUploads = {};
      if (uploads.files.chamber_certificate) files.chamberCertificate = uploads.files.chamber_certificate;
      if (uploads.files.insurance_policy) files.insurancePolicy = uploads.files.insurance_policy;
      try {
        const { registrationNumber } = await registerCompany(
          deps,
          req.tenant,
          read.declaration,
          files,
          actorOf(req),
          linkBase(req),
        );
        req.session.registeredCompany = { number: registrationNumber, email: read.declaration.lrEmail };
        return reply.redirect('/ditte/registra/inviata', 303);
      } catch (err) {
        if (!(err instanceof ValidationError)) throw err;
        errors = err.fieldErrors;
      }
    }
    return sendHtml(reply, <CompanyRegistrationPage ctx={ctx(req, reply)} form={{ values, errors }} />, 422);
  });

  app.get('/ditte/registra/inviata', async (req, reply) => {
    const done = req.session.registeredCompany;
    if (!done) return reply.redirect('/ditte/registra');
    return sendHtml(
      reply,
      <CompanyRegisteredPage ctx={ctx(req, reply)} registrationNumber={done.number} email={done.email} />,
    );
  });

  // 1.4 Firma dell'autodichiarazione ------------------------------------------------------------------------------
  const problemPage = (req: FastifyRequest, reply: FastifyReply, err: SigningLinkError, token: string) =>
    sendHtml(
      reply,
      <SigningLinkProblemPage
        ctx={ctx(req, reply)}
        message={err.message}
        token={token}
        canResend={err.state !== 'unknown'}
      />,
      err.status,
    );

  app.get('/ditte/firma', async (req, reply) => {
    const token = String((req.query as Record<string, unknown>).token ?? '');
    try {
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
    } catch (err) {
      if (err instanceof SigningLinkError) return problemPage(req, reply, err, token);
      throw err;
    }
  });

  app.post('/ditte/firma', strict, async (req, reply) => {
    const token = formValues(req.body).token ?? '';
    try {
      const company = await signDeclaration(deps, req.tenant, token, actorOf(req));
      req.session.signedCompany = company.id;
      return reply.redirect('/ditte/firma/confermata', 303);
    } catch (err) {
      if (err instanceof SigningLinkError) return problemPage(req, reply, err, token);
      throw err;
    }
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

  app.post('/ditte/firma/nuovo-link', strict, async (req, reply) => {
    const token = formValues(req.body).token ?? '';
    await resendSigningLink(deps, req.tenant, token, actorOf(req), linkBase(req));
    // The same answer whatever happened: the link goes only to the legal representative's address.
    return sendHtml(
      reply,
      <SigningLinkProblemPage
        ctx={ctx(req, reply)}
        message="Se la registrazione è ancora in attesa di firma, abbiamo inviato un nuovo collegamento all'indirizzo e-mail del Legale Rappresentante."
        token=""
        canResend={false}
      />,
    );
  });
}
