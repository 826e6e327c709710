import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TAppDeps } from '../../app-deps.js';
import { readFile } from '../../files/stored-files.js';
import { safeFilename } from '../../files/uploads.js';
import { ConflictError, NotFoundError, ValidationError } from '../../http/errors.js';
import { formValues } from '../../http/forms.js';
import {
  actorOf,
  pageContext,
  requirePermission,
  sendHtml,
  setFlash,
  type TSessionUi,
} from '../../http/request-context.js';
import { addDays, italianToday } from '../../italian/dates.js';
import { emptyForm, type TFormState } from '../../layout/form-kit.js';
import { findUserById } from '../accounts/users.js';
import { listCompanyDocuments } from '../companies/company-documents.js';
import { COMPANY_STATUS, STAFF_STATUS } from '../companies/company-status.js';
import { companyCertifications, getCompany } from '../companies/queries.js';
import { decideCompany } from './decide-company.js';
import { decideStaff } from './decide-staff.js';
import { COMPANY_RULES, DECISIONS, isDecisionSlug, STAFF_RULES, type TDecisionSlug } from './decisions.js';
import {
  companyStaff,
  fileInfos,
  getStaff,
  isUuid,
  searchCompanies,
  searchStaff,
  staffCertifications,
  upcomingExpiries,
} from './queries.js';
import { CompanyDetailPage, CompanyQueuePage } from './views/company-pages.js';
import { DeadlinesPage } from './views/deadlines-page.js';
import { StaffDetailPage, StaffQueuePage } from './views/staff-pages.js';
import { tenantBaseUrl } from '../../tenancy/tenant.js';

const SOON_DAYS = 30;

type TDecision = (typeof DECISIONS)[TDecisionSlug]['decision'];

const allowedFor = (rules: Record<string, { from: readonly string[] }>, status: string): TDecisionSlug[] =>
  (Object.keys(DECISIONS) as TDecisionSlug[]).filter((slug) =>
    rules[DECISIONS[slug].decision]!.from.includes(status),
  );

/** The queue filter: absent → the default queue; "tutti" → any status; an unknown status → the default. */
function readFilter(query: unknown, statuses: Record<string, string>, fallback: string) {
  const q = query as Record<string, unknown>;
  const text = typeof q.q === 'string' ? q.q.slice(0, 100) : '';
  const raw = typeof q.status === 'string' ? q.status : fallback;
  const status = raw === 'tutti' || Object.hasOwn(statuses, raw) ? raw : fallback;
  return { q: text, status, filter: status === 'tutti' ? null : status };
}

/** "attachment; filename=…" that survives any name: an ASCII fallback and the UTF-8 form (RFC 6266). */
function attachmentHeader(name: string): string {
  const safe = safeFilename(name);
  const ascii = safe.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(safe)}`;
}

/**
 * The authority's back office (seed 000 § 2.3, "per l'attivazione contattare l'autorità competente"):
 * queues of companies and staff waiting for activation, their details, documents and certifications, the
 * decisions, and the expiry list. Officers only (companies:review); everything within the request's tenant.
 */
export async function backofficeRoutes(app: FastifyInstance, deps: TAppDeps & { ui: TSessionUi }) {
  const ctx = (req: FastifyRequest, reply: FastifyReply) => pageContext(req, reply, deps.ui);
  const linkBase = (req: FastifyRequest) => tenantBaseUrl(deps.config, req.tenant);
  const guard = { preHandler: requirePermission('companies:review') };
  const days = () => {
    const today = italianToday(deps.now());
    return { today, soon: addDays(today, SOON_DAYS) };
  };
  const idParam = (req: FastifyRequest) => {
    const id = String((req.params as { id?: string }).id ?? '');
    if (!isUuid(id)) throw new NotFoundError();
    return id;
  };

  /**
   * GET `${base}/:id`, the detail page, and POST `${base}/:id/:decision`: applies the decision; a bad reason
   * or a forbidden transition shows the detail page again (422, 409), success goes back to it with a flash.
   */
  function detailRoutes(
    base: string,
    page: (
      req: FastifyRequest,
      reply: FastifyReply,
      id: string,
      form: TFormState,
      problem?: string,
      status?: number,
    ) => Promise<unknown>,
    decide: (
      req: FastifyRequest,
      id: string,
      decision: TDecision,
      reason: string | undefined,
    ) => Promise<void>,
    outcome: (req: FastifyRequest, id: string) => Promise<string>,
  ) {
    app.get(`${base}/:id`, guard, async (req, reply) => page(req, reply, idParam(req), emptyForm()));

    app.post(`${base}/:id/:decision`, guard, async (req, reply) => {
      const id = idParam(req);
      const slug = String((req.params as { decision: string }).decision);
      if (!isDecisionSlug(slug)) throw new NotFoundError();
      const values = formValues(req.body);
      try {
        await decide(req, id, DECISIONS[slug].decision, values.reason);
      } catch (err) {
        if (err instanceof ValidationError)
          return page(req, reply, id, { values, errors: err.fieldErrors }, undefined, 422);
        if (err instanceof ConflictError) return page(req, reply, id, emptyForm(), err.message, 409);
        throw err;
      }
      setFlash(req, { kind: 'success', text: await outcome(req, id) });
      return reply.redirect(`${base}/${id}`, 303);
    });
  }

  // Companies ---------------------------------------------------------------------------------------------------
  app.get('/ufficio/ditte', guard, async (req, reply) => {
    const f = readFilter(req.query, COMPANY_STATUS, 'registered');
    const found = await searchCompanies(deps.db, req.tenant.id, { q: f.q, status: f.filter });
    return sendHtml(
      reply,
      <CompanyQueuePage
        ctx={ctx(req, reply)}
        q={f.q}
        status={f.status}
        rows={found.rows}
        more={found.more}
      />,
    );
  });

  async function companyPage(
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    form: TFormState,
    problem?: string,
    status = 200,
  ) {
    const company = await getCompany(deps.db, req.tenant.id, id);
    if (!company) throw new NotFoundError();
    const [certifications, documents, staff, files] = await Promise.all([
      companyCertifications(deps.db, req.tenant.id, id),
      listCompanyDocuments(deps.db, req.tenant.id, id),
      companyStaff(deps.db, req.tenant.id, id),
      fileInfos(deps.db, req.tenant.id, [
        company.chamber_certificate_file_id,
        company.insurance_policy_file_id,
        company.receipt_file_id,
      ]),
    ]);
    const file = (fid: string | null) => (fid ? files.get(fid) : undefined);
    const { today, soon } = days();
    return sendHtml(
      reply,
      <CompanyDetailPage
        ctx={ctx(req, reply)}
        company={company}
        certifications={certifications}
        documents={documents}
        registrationFiles={[
          { label: 'Certificato Camera di Commercio', file: file(company.chamber_certificate_file_id) },
          { label: 'Polizza Assicurativa', file: file(company.insurance_policy_file_id) },
          { label: 'Ricevuta della registrazione (PDF)', file: file(company.receipt_file_id) },
        ]}
        staff={staff}
        today={today}
        soon={soon}
        allowed={allowedFor(COMPANY_RULES, company.status)}
        form={form}
        problem={problem}
      />,
      status,
    );
  }

  detailRoutes(
    '/ufficio/ditte',
    companyPage,
    (req, id, decision, reason) => decideCompany(deps, req.tenant, id, decision, reason, actorOf(req)),
    async (req, id) => {
      const company = await getCompany(deps.db, req.tenant.id, id);
      return `Decisione registrata: la ditta ${company?.business_name ?? ''} è ora «${COMPANY_STATUS[company?.status as keyof typeof COMPANY_STATUS] ?? company?.status}». Il Legale Rappresentante riceverà una e-mail.`;
    },
  );

  // Staff -------------------------------------------------------------------------------------------------------
  app.get('/ufficio/personale', guard, async (req, reply) => {
    const f = readFilter(req.query, STAFF_STATUS, 'awaiting_activation');
    const found = await searchStaff(deps.db, req.tenant.id, { q: f.q, status: f.filter });
    return sendHtml(
      reply,
      <StaffQueuePage ctx={ctx(req, reply)} q={f.q} status={f.status} rows={found.rows} more={found.more} />,
    );
  });

  async function staffPage(
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    form: TFormState,
    problem?: string,
    status = 200,
  ) {
    const staff = await getStaff(deps.db, req.tenant.id, id);
    if (!staff) throw new NotFoundError();
    const [company, account, certifications] = await Promise.all([
      getCompany(deps.db, req.tenant.id, staff.company_id),
      findUserById(deps.db, req.tenant.id, staff.user_id),
      staffCertifications(deps.db, req.tenant.id, id),
    ]);
    if (!company) throw new NotFoundError();
    const { today, soon } = days();
    return sendHtml(
      reply,
      <StaffDetailPage
        ctx={ctx(req, reply)}
        staff={staff}
        company={company}
        account={account}
        certifications={certifications}
        today={today}
        soon={soon}
        allowed={allowedFor(STAFF_RULES, staff.status)}
        form={form}
        problem={problem}
      />,
      status,
    );
  }

  detailRoutes(
    '/ufficio/personale',
    staffPage,
    (req, id, decision, reason) =>
      decideStaff(deps, req.tenant, id, decision, reason, actorOf(req), linkBase(req)),
    async (req, id) => {
      const staff = await getStaff(deps.db, req.tenant.id, id);
      return `Decisione registrata: ${staff?.full_name ?? ''} è ora «${STAFF_STATUS[staff?.status as keyof typeof STAFF_STATUS] ?? staff?.status}». Il Legale Rappresentante e la persona riceveranno una e-mail.`;
    },
  );

  // Expiries ------------------------------------------------------------------------------------------------------
  app.get('/ufficio/scadenze', guard, async (req, reply) => {
    const { today } = days();
    const rows = await upcomingExpiries(deps.db, req.tenant.id, today, SOON_DAYS);
    return sendHtml(reply, <DeadlinesPage ctx={ctx(req, reply)} rows={rows} today={today} />);
  });

  // Files -----------------------------------------------------------------------------------------------------------
  app.get('/ufficio/file/:id', guard, async (req, reply) => {
    const file = await readFile(deps.db, req.tenant.id, idParam(req));
    if (!file) throw new NotFoundError();
    return reply
      .header('content-type', file.content_type)
      .header('content-disposition', attachmentHeader(file.filename))
      .header('content-length', String(file.content.length))
      .header('x-content-type-options', 'nosniff')
      .send(file.content);
  });
}
