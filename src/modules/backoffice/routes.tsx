import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { TAppDeps } from '../../app-deps.js';
import { readFile } from '../../files/stored-files.js';
import { NotFoundError } from '../../http/errors.js';
import { runForm } from '../../http/form-runner.js';
import {
  actorOf,
  pageContext,
  requirePermission,
  sendHtml,
  type TSessionUi,
} from '../../http/request-context.js';
import { paramsOf, queryOf, zId, ZIdParams } from '../../http/route-input.js';
import { addDays, italianToday } from '../../italian/dates.js';
import { emptyForm, type TFormState } from '../../layout/form-kit.js';
import { tenantBaseUrl } from '../../tenancy/tenant.js';
import { COMPANY_STATUS, STAFF_STATUS } from '../companies/company-status.js';
import { COMPANY_FIELDS } from '../companies/registration-fields.js';
import { attachmentHeader } from '../documents/customer/download-documents.js';
import { decideCompany } from './decide-company.js';
import { decideStaff } from './decide-staff.js';
import {
  COMPANY_RULES,
  DECISION_SLUGS,
  DECISIONS,
  STAFF_RULES,
  type TDecided,
  type TDecisionSlug,
} from './decisions.js';
import { companyReview, searchCompanies, searchStaff, staffReview, upcomingExpiries } from './queries.js';
import { CompanyDetailPage, CompanyQueuePage } from './views/company-pages.js';
import { DeadlinesPage } from './views/deadlines-page.js';
import { StaffDetailPage, StaffQueuePage } from './views/staff-pages.js';

const SOON_DAYS = 30;

type TDecision = (typeof DECISIONS)[TDecisionSlug]['decision'];

const allowedFor = (rules: Record<string, { from: readonly string[] }>, status: string): TDecisionSlug[] =>
  DECISION_SLUGS.filter((slug) => rules[DECISIONS[slug].decision]!.from.includes(status));

/**
 * The query of a queue: free text (at most 100 characters) and a status. An absent or unknown status → the
 * default queue; "tutti" → any status (filter null).
 */
const ZQueueQuery = (statuses: Record<string, string>, fallback: string) =>
  z
    .object({
      q: z
        .string()
        .transform((v) => v.slice(0, 100))
        .catch(''),
      status: z
        .string()
        .refine((v) => v === 'tutti' || Object.hasOwn(statuses, v))
        .catch(fallback),
    })
    .transform((f) => ({ ...f, filter: f.status === 'tutti' ? null : f.status }));

const ZDecisionParams = z.object({ id: zId, decision: z.enum(DECISION_SLUGS) });

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

  /**
   * GET `${base}/:id`, the detail page, and POST `${base}/:id/:decision`: applies the decision; a bad reason
   * or a forbidden transition shows the detail page again (422, 409), success goes back to it with a flash.
   */
  function detailRoutes<S extends string>(
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
    ) => Promise<TDecided<S>>,
    outcome: (decided: TDecided<S>) => string,
  ) {
    app.get(`${base}/:id`, guard, async (req, reply) =>
      page(req, reply, paramsOf(req, ZIdParams).id, emptyForm()),
    );

    app.post(`${base}/:id/:decision`, guard, async (req, reply) => {
      const { id, decision } = paramsOf(req, ZDecisionParams);
      return runForm(req, reply, {
        run: (values) => decide(req, id, DECISIONS[decision].decision, values.reason),
        done: (decided) => ({ redirect: `${base}/${id}`, flash: outcome(decided) }),
        // A forbidden transition shows its message with the decision forms empty.
        render: (form, problem, status) =>
          page(req, reply, id, problem === undefined ? form : emptyForm(), problem, status),
      });
    });
  }

  // Companies ---------------------------------------------------------------------------------------------------
  app.get('/ufficio/ditte', guard, async (req, reply) => {
    const f = queryOf(req, ZQueueQuery(COMPANY_STATUS, 'registered'));
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
    const review = await companyReview(deps.db, req.tenant.id, id);
    if (!review) throw new NotFoundError();
    const { company, files } = review;
    const { today, soon } = days();
    return sendHtml(
      reply,
      <CompanyDetailPage
        ctx={ctx(req, reply)}
        company={company}
        certifications={review.certifications}
        documents={review.documents}
        registrationFiles={[
          { label: COMPANY_FIELDS.chamber_certificate.label, file: files.chamberCertificate },
          { label: COMPANY_FIELDS.insurance_policy.label, file: files.insurancePolicy },
          { label: 'Ricevuta della registrazione (PDF)', file: files.receipt },
        ]}
        staff={review.staff}
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
    (d) =>
      `Decisione registrata: la ditta ${d.name} è ora «${COMPANY_STATUS[d.status]}». Il Legale Rappresentante riceverà una e-mail.`,
  );

  // Staff -------------------------------------------------------------------------------------------------------
  app.get('/ufficio/personale', guard, async (req, reply) => {
    const f = queryOf(req, ZQueueQuery(STAFF_STATUS, 'awaiting_activation'));
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
    const review = await staffReview(deps.db, req.tenant.id, id);
    if (!review) throw new NotFoundError();
    const { today, soon } = days();
    return sendHtml(
      reply,
      <StaffDetailPage
        ctx={ctx(req, reply)}
        staff={review.staff}
        company={review.company}
        account={review.account}
        certifications={review.certifications}
        today={today}
        soon={soon}
        allowed={allowedFor(STAFF_RULES, review.staff.status)}
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
    (d) =>
      `Decisione registrata: ${d.name} è ora «${STAFF_STATUS[d.status]}». Il Legale Rappresentante e la persona riceveranno una e-mail.`,
  );

  // Expiries ------------------------------------------------------------------------------------------------------
  app.get('/ufficio/scadenze', guard, async (req, reply) => {
    const { today } = days();
    const rows = await upcomingExpiries(deps.db, req.tenant.id, today, SOON_DAYS);
    return sendHtml(reply, <DeadlinesPage ctx={ctx(req, reply)} rows={rows} today={today} />);
  });

  // Files -----------------------------------------------------------------------------------------------------------
  app.get('/ufficio/file/:id', guard, async (req, reply) => {
    const file = await readFile(deps.db, req.tenant.id, paramsOf(req, ZIdParams).id);
    if (!file) throw new NotFoundError();
    return reply
      .header('content-type', file.content_type)
      .header('content-disposition', attachmentHeader(file.filename))
      .header('content-length', String(file.content.length))
      .header('x-content-type-options', 'nosniff')
      .send(file.content);
  });
}
