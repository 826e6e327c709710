// The officers' side of grants (seed 003, sections 6–9): calls and the queue in arrival order, the review of
// one application (integration request, admission, reduced admission, non-admission, revocation), sample
// checks, recoveries, payment orders with their SEPA file, exports, and the public list of payments.
// Every page works without JavaScript; every POST redirects (PRG) or shows the form again with its errors.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { can } from '../../auth/permissions.js';
import { ConflictError, NotFoundError, ValidationError } from '../../http/errors.js';
import { formValues } from '../../http/forms.js';
import { isUuid } from '../../http/ids.js';
import { actorOf, pageContext, requirePermission, sendHtml, setFlash } from '../../http/request-context.js';
import { formatEuro } from '../../italian/money.js';
import { emptyForm, type TFormState } from '../../layout/form-kit.js';
import { attachmentHeader } from '../documents/customer/download-documents.js';
import { toEligibilityInput } from './application/application-data.js';
import { getApplication, type TApplication } from './application/queries.js';
import { type TGrantCall } from './calls/call.js';
import { checkEligibility } from './calls/eligibility.js';
import { budgetStatus, getCall } from './calls/queries.js';
import {
  admittedPopulation,
  drawChecks,
  drawSample,
  getDraw,
  listDraws,
  verifyDraw,
} from './checks/draw-sample-checks.js';
import { recordSampleOutcome } from './checks/record-sample-check.js';
import { checkKeys, SamplesPage, VerifyDrawPage } from './checks/views/sample-checks-page.js';
import type { TGrantsDeps } from './grants-deps.js';
import { applicationsCsv, applicationsXlsx, exportRows } from './payments/export-applications.js';
import {
  createPaymentOrder,
  getOrder,
  listOrders,
  markOrderPaid,
  orderCsv,
  orderSepaXml,
  payableApplications,
  treasuryOf,
} from './payments/payment-orders.js';
import { listRecoveries, markRecovered, revokeGrant } from './payments/revoke-grant.js';
import { OrderPage, PaymentsPage } from './payments/views/payments-page.js';
import { RecoveriesPage } from './payments/views/recoveries-page.js';
import { decideApplication } from './review/decide-application.js';
import { checklistFor, tickedChecks, type TOfficeDecision } from './review/decision-rules.js';
import {
  applicationFile,
  applicationFiles,
  applicationHistory,
  callsWithCounts,
  lastChecklist,
  OFFICE_FUNDING,
  OFFICE_STATUSES,
  searchQueue,
} from './review/queries.js';
import { requestIntegration } from './review/request-integration.js';
import { OfficeApplicationPage, type TOfficeForm } from './review/views/application-page.js';
import { OfficeCallsPage } from './review/views/calls-page.js';
import { QueuePage } from './review/views/queue-page.js';

type TParams = {
  callId?: string;
  id?: string;
  drawId?: string;
  applicationId?: string;
  orderId?: string;
  recoveryId?: string;
  fileId?: string;
};

const DECISIONS: Record<string, TOfficeDecision> = {
  admit: 'admit',
  admit_reduced: 'admit_reduced',
  reject: 'reject',
};

const DECISION_DONE: Record<TOfficeDecision, string> = {
  admit: 'Domanda ammessa',
  admit_reduced: 'Domanda ammessa con importo ridotto',
  reject: 'Domanda non ammessa',
};

export async function officeGrantRoutes(app: FastifyInstance, deps: TGrantsDeps) {
  const review = { preHandler: requirePermission('grants:review') };
  const pay = { preHandler: requirePermission('grants:pay') };
  const ctx = (req: FastifyRequest, reply: FastifyReply) => pageContext(req, reply, deps.ui);
  const params = (req: FastifyRequest) => req.params as TParams;
  const canPay = (req: FastifyRequest) => can(req.user?.role, 'grants:pay');
  const callOf = async (req: FastifyRequest): Promise<TGrantCall> =>
    getCall(deps.db, req.tenant.id, String(params(req).callId ?? ''));
  /** A submitted application of the tenant (drafts are the citizen's own business: 404). */
  const applicationOf = async (req: FastifyRequest): Promise<TApplication> => {
    const a = await getApplication(deps.db, req.tenant.id, String(params(req).id ?? ''));
    if (a.arrivalSeq === null) throw new NotFoundError('La domanda richiesta non esiste.');
    return a;
  };

  // Calls and queue ------------------------------------------------------------------------------------------
  app.get('/ufficio/bandi', review, async (req, reply) => {
    const rows = await callsWithCounts(deps.db, req.tenant.id);
    return sendHtml(reply, <OfficeCallsPage ctx={ctx(req, reply)} rows={rows} />);
  });

  app.get('/ufficio/bandi/:callId/domande', review, async (req, reply) => {
    const call = await callOf(req);
    const q = req.query as Record<string, unknown>;
    const text = typeof q.q === 'string' ? q.q.slice(0, 100) : '';
    const status =
      typeof q.status === 'string' && Object.hasOwn(OFFICE_STATUSES, q.status) ? q.status : 'tutti';
    const funding =
      typeof q.funding === 'string' && Object.hasOwn(OFFICE_FUNDING, q.funding) ? q.funding : 'tutti';
    const [found, budget] = await Promise.all([
      searchQueue(deps.db, req.tenant.id, call.id, {
        q: text,
        status: status === 'tutti' ? null : status,
        funding: funding === 'tutti' ? null : funding,
      }),
      budgetStatus(deps.db, req.tenant.id, call),
    ]);
    return sendHtml(
      reply,
      <QueuePage
        ctx={ctx(req, reply)}
        call={call}
        budget={budget}
        filter={{ q: text, status, funding }}
        rows={found.rows}
        more={found.more}
        canPay={canPay(req)}
      />,
    );
  });

  app.get('/ufficio/bandi/:callId/domande.csv', review, async (req, reply) => {
    const call = await callOf(req);
    const csv = applicationsCsv(await exportRows(deps.db, req.tenant.id, call));
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', attachmentHeader(`domande-${call.code}.csv`))
      .send(csv);
  });

  app.get('/ufficio/bandi/:callId/domande.xlsx', review, async (req, reply) => {
    const call = await callOf(req);
    const xlsx = await applicationsXlsx(await exportRows(deps.db, req.tenant.id, call), call.title);
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', attachmentHeader(`domande-${call.code}.xlsx`))
      .send(xlsx);
  });

  // One application --------------------------------------------------------------------------------------------
  async function applicationPage(
    req: FastifyRequest,
    reply: FastifyReply,
    form: TFormState = emptyForm(),
    active: TOfficeForm = 'decision',
    problem?: string,
    status = 200,
  ) {
    const a = await applicationOf(req);
    const call = await getCall(deps.db, req.tenant.id, a.callId);
    const [files, history, recovery] = await Promise.all([
      applicationFiles(deps.db, req.tenant.id, a.id),
      applicationHistory(deps.db, req.tenant.id, a.id),
      deps.db
        .selectFrom('grant_recoveries')
        .select((eb) => eb.fn.sum<number>('amount_cents').as('cents'))
        .where('tenant_id', '=', req.tenant.id)
        .where('application_id', '=', a.id)
        .where('recovered_at', 'is', null)
        .executeTakeFirst(),
    ]);
    return sendHtml(
      reply,
      <OfficeApplicationPage
        ctx={ctx(req, reply)}
        call={call}
        app={a}
        files={files}
        history={history}
        eligibility={checkEligibility(call.eligibility, toEligibilityInput(a.data))}
        checklist={checklistFor(call.rules.attachments)}
        lastChecklist={lastChecklist(history)}
        recoveryCents={recovery?.cents ? Number(recovery.cents) : undefined}
        now={deps.now()}
        form={form}
        active={active}
        problem={problem}
      />,
      status,
    );
  }

  /** Runs a POST on the application page: success → flash and redirect; bad input → the page again. */
  async function onApplication(
    req: FastifyRequest,
    reply: FastifyReply,
    active: TOfficeForm,
    action: (values: Record<string, string>) => Promise<string>,
  ) {
    const id = String(params(req).id ?? '');
    const values = formValues(req.body);
    try {
      const text = await action(values);
      setFlash(req, { kind: 'success', text });
    } catch (err) {
      if (err instanceof ValidationError)
        return applicationPage(req, reply, { values, errors: err.fieldErrors }, active, undefined, 422);
      if (err instanceof ConflictError)
        return applicationPage(req, reply, { values, errors: {} }, active, err.message, 409);
      throw err;
    }
    return reply.redirect(`/ufficio/domande/${id}`, 303);
  }

  app.get('/ufficio/domande/:id', review, async (req, reply) => applicationPage(req, reply));

  app.get('/ufficio/domande/:id/allegati/:fileId', review, async (req, reply) => {
    const a = await applicationOf(req);
    const fileId = String(params(req).fileId ?? '');
    const file = isUuid(fileId) ? await applicationFile(deps.db, req.tenant.id, a.id, fileId) : undefined;
    if (!file) throw new NotFoundError('Il documento richiesto non esiste.');
    return reply
      .header('content-type', file.content_type)
      .header('content-disposition', attachmentHeader(file.filename))
      .header('x-content-type-options', 'nosniff')
      .send(file.content);
  });

  app.post('/ufficio/domande/:id/decisione', review, async (req, reply) =>
    onApplication(req, reply, 'decision', async (values) => {
      const decision = DECISIONS[values.decision ?? ''];
      if (!decision) throw new ValidationError({ checklist: 'Scegli una decisione con uno dei pulsanti.' });
      const a = await applicationOf(req);
      const call = await getCall(deps.db, req.tenant.id, a.callId);
      const r = await decideApplication(
        deps,
        req.tenant,
        a.id,
        {
          decision,
          checks: tickedChecks(checklistFor(call.rules.attachments), values),
          amount: values.amount,
          cause: values.cause,
          note: values.note,
        },
        actorOf(req),
      );
      const money =
        r.releasedCents > 0
          ? ` Tornano disponibili ${formatEuro(r.releasedCents)}${r.fundedOthers > 0 ? `, assegnati a ${r.fundedOthers} domande in lista d'attesa` : ''}.`
          : '';
      return `${DECISION_DONE[decision]}: ${r.application.protocol}.${money} Il richiedente riceverà una e-mail.`;
    }),
  );

  app.post('/ufficio/domande/:id/integrazione', review, async (req, reply) =>
    onApplication(req, reply, 'integration', async (values) => {
      const a = await requestIntegration(
        deps,
        req.tenant,
        String(params(req).id ?? ''),
        values.message,
        actorOf(req),
      );
      return `Integrazione richiesta per la domanda ${a.protocol}: il richiedente riceverà una e-mail e ha 10 giorni per rispondere.`;
    }),
  );

  app.post('/ufficio/domande/:id/revoca', review, async (req, reply) =>
    onApplication(req, reply, 'revocation', async (values) => {
      const r = await revokeGrant(
        deps,
        req.tenant,
        String(params(req).id ?? ''),
        values.reason,
        actorOf(req),
      );
      const money =
        r.recoveryCents > 0
          ? ` Il contributo era già pagato: ${formatEuro(r.recoveryCents)} da recuperare.`
          : ` Tornano disponibili ${formatEuro(r.releasedCents)}.`;
      return `Contributo revocato: ${r.application.protocol}.${money}`;
    }),
  );

  // Sample checks ----------------------------------------------------------------------------------------------
  async function samplesPage(
    req: FastifyRequest,
    reply: FastifyReply,
    seedForm: TFormState = emptyForm(),
    checkForm?: { drawId: string; applicationId: string; form: TFormState },
    problem?: string,
    status = 200,
  ) {
    const call = await callOf(req);
    const [draws, checks, population] = await Promise.all([
      listDraws(deps.db, req.tenant.id, call.id),
      drawChecks(deps.db, req.tenant.id, call.id),
      admittedPopulation(deps.db, req.tenant.id, call.id),
    ]);
    return sendHtml(
      reply,
      <SamplesPage
        ctx={ctx(req, reply)}
        call={call}
        admitted={population.length}
        draws={draws}
        checks={checks.map((c) => {
          const d = (typeof c.data === 'string' ? JSON.parse(c.data) : c.data) as Record<string, string>;
          return {
            draw_id: c.draw_id,
            application_id: c.application_id,
            outcome: c.outcome,
            note: c.note,
            recorded_at: c.recorded_at,
            protocol: c.protocol,
            applicant: `${d.last_name ?? ''} ${d.first_name ?? ''}`.trim(),
          };
        })}
        seedForm={seedForm}
        checkForm={checkForm}
        problem={problem}
        canPay={canPay(req)}
      />,
      status,
    );
  }

  app.get('/ufficio/bandi/:callId/controlli', review, async (req, reply) => samplesPage(req, reply));

  app.post('/ufficio/bandi/:callId/controlli', review, async (req, reply) => {
    const call = await callOf(req);
    const values = formValues(req.body);
    try {
      const d = await drawSample(deps, req.tenant, call.id, values.seed, actorOf(req));
      setFlash(req, {
        kind: 'success',
        text: `Campione estratto con il seme «${d.seed}»: ${d.selected.length} domande su ${d.population.length} ammesse.`,
      });
    } catch (err) {
      if (err instanceof ValidationError)
        return samplesPage(req, reply, { values, errors: err.fieldErrors }, undefined, undefined, 422);
      if (err instanceof ConflictError)
        return samplesPage(req, reply, { values, errors: {} }, undefined, err.message, 409);
      throw err;
    }
    return reply.redirect(`/ufficio/bandi/${call.id}/controlli`, 303);
  });

  app.get('/ufficio/bandi/:callId/controlli/:drawId/verifica', review, async (req, reply) => {
    const call = await callOf(req);
    const draw = await getDraw(deps.db, req.tenant.id, call.id, String(params(req).drawId ?? ''));
    const v = verifyDraw(draw);
    return sendHtml(
      reply,
      <VerifyDrawPage
        ctx={ctx(req, reply)}
        call={call}
        draw={draw}
        recomputed={v.selected}
        matches={v.matches}
        canPay={canPay(req)}
      />,
    );
  });

  app.post('/ufficio/bandi/:callId/controlli/:drawId/:applicationId', review, async (req, reply) => {
    const call = await callOf(req);
    const { drawId = '', applicationId = '' } = params(req);
    const values = formValues(req.body);
    try {
      await recordSampleOutcome(
        deps,
        req.tenant,
        { callId: call.id, drawId, applicationId, outcome: values.outcome, note: values.note },
        actorOf(req),
      );
      setFlash(req, { kind: 'success', text: 'Esito del controllo registrato.' });
    } catch (err) {
      if (err instanceof ValidationError) {
        const keys = checkKeys(drawId, applicationId);
        const rename = (o: Record<string, string | undefined>) => ({
          [keys.outcome]: o.outcome,
          [keys.note]: o.note,
        });
        return samplesPage(
          req,
          reply,
          emptyForm(),
          { drawId, applicationId, form: { values: rename(values), errors: rename(err.fieldErrors) } },
          undefined,
          422,
        );
      }
      throw err;
    }
    return reply.redirect(`/ufficio/bandi/${call.id}/controlli`, 303);
  });

  // Revocations and recoveries ---------------------------------------------------------------------------------
  app.get('/ufficio/bandi/:callId/recuperi', review, async (req, reply) => {
    const call = await callOf(req);
    const [recoveries, revoked] = await Promise.all([
      listRecoveries(deps.db, req.tenant.id, call.id),
      deps.db
        .selectFrom('grant_applications')
        .select(['id', 'protocol', 'revoked_at', 'revocation_reason', 'paid_at'])
        .where('tenant_id', '=', req.tenant.id)
        .where('call_id', '=', call.id)
        .where('status', '=', 'revoked')
        .orderBy('revoked_at', 'desc')
        .execute(),
    ]);
    return sendHtml(
      reply,
      <RecoveriesPage
        ctx={ctx(req, reply)}
        call={call}
        recoveries={recoveries.map((r) => ({ ...r, amount_cents: Number(r.amount_cents) }))}
        revoked={revoked.map((r) => ({
          id: r.id,
          protocol: r.protocol ?? '',
          revokedAt: r.revoked_at ?? new Date(0),
          reason: r.revocation_reason ?? '',
          paid: r.paid_at !== null,
        }))}
        canPay={canPay(req)}
      />,
    );
  });

  app.post('/ufficio/bandi/:callId/recuperi/:recoveryId/recuperato', review, async (req, reply) => {
    const call = await callOf(req);
    try {
      await markRecovered(deps, req.tenant, String(params(req).recoveryId ?? ''), actorOf(req));
      setFlash(req, { kind: 'success', text: 'Somma segnata come recuperata.' });
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err;
      setFlash(req, { kind: 'danger', text: err.message });
    }
    return reply.redirect(`/ufficio/bandi/${call.id}/recuperi`, 303);
  });

  // Payments ---------------------------------------------------------------------------------------------------
  async function paymentsPage(
    req: FastifyRequest,
    reply: FastifyReply,
    form: TFormState = emptyForm(),
    problem?: string,
    status = 200,
  ) {
    const call = await callOf(req);
    const [payable, orders] = await Promise.all([
      payableApplications(deps.db, req.tenant.id, call.id),
      listOrders(deps.db, req.tenant.id, call.id),
    ]);
    return sendHtml(
      reply,
      <PaymentsPage
        ctx={ctx(req, reply)}
        call={call}
        payable={payable}
        orders={orders}
        treasury={treasuryOf(call, req.tenant)}
        form={form}
        problem={problem}
      />,
      status,
    );
  }

  app.get('/ufficio/bandi/:callId/pagamenti', pay, async (req, reply) => paymentsPage(req, reply));

  app.post('/ufficio/bandi/:callId/pagamenti/ordini', pay, async (req, reply) => {
    const call = await callOf(req);
    const raw = (req.body as Record<string, unknown> | undefined)?.applications;
    const ids = (Array.isArray(raw) ? raw : [raw]).filter((v): v is string => typeof v === 'string');
    try {
      const o = await createPaymentOrder(deps, req.tenant, call.id, ids, actorOf(req));
      setFlash(req, {
        kind: 'success',
        text: `Ordine di pagamento ${o.number} creato: ${formatEuro(o.totalCents)}. Scarica il file SEPA per la banca.`,
      });
      return reply.redirect(`/ufficio/bandi/${call.id}/pagamenti/ordini/${o.id}`, 303);
    } catch (err) {
      if (err instanceof ValidationError)
        return paymentsPage(req, reply, { values: {}, errors: err.fieldErrors }, undefined, 422);
      if (err instanceof ConflictError) return paymentsPage(req, reply, emptyForm(), err.message, 409);
      throw err;
    }
  });

  app.get('/ufficio/bandi/:callId/pagamenti/ordini/:orderId', pay, async (req, reply) => {
    const call = await callOf(req);
    const order = await getOrder(deps.db, req.tenant.id, call.id, String(params(req).orderId ?? ''));
    return sendHtml(reply, <OrderPage ctx={ctx(req, reply)} call={call} order={order} />);
  });

  app.get('/ufficio/bandi/:callId/pagamenti/ordini/:orderId/sepa.xml', pay, async (req, reply) => {
    const call = await callOf(req);
    const f = await orderSepaXml(deps.db, req.tenant, call, String(params(req).orderId ?? ''), deps.now());
    return reply
      .header('content-type', 'application/xml; charset=utf-8')
      .header('content-disposition', attachmentHeader(f.filename))
      .send(f.xml);
  });

  app.get('/ufficio/bandi/:callId/pagamenti/ordini/:orderId/ordine.csv', pay, async (req, reply) => {
    const call = await callOf(req);
    const f = await orderCsv(deps.db, req.tenant.id, call.id, String(params(req).orderId ?? ''));
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', attachmentHeader(f.filename))
      .send(f.csv);
  });

  app.post('/ufficio/bandi/:callId/pagamenti/ordini/:orderId/pagato', pay, async (req, reply) => {
    const call = await callOf(req);
    const orderId = String(params(req).orderId ?? '');
    try {
      const r = await markOrderPaid(deps, req.tenant, call, orderId, actorOf(req));
      setFlash(req, {
        kind: 'success',
        text: `Ordine ${r.number} segnato come pagato: ${r.items} domande risultano pagate e i beneficiari riceveranno una e-mail.`,
      });
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err;
      const order = await getOrder(deps.db, req.tenant.id, call.id, orderId);
      return sendHtml(
        reply,
        <OrderPage ctx={ctx(req, reply)} call={call} order={order} problem={err.message} />,
        409,
      );
    }
    return reply.redirect(`/ufficio/bandi/${call.id}/pagamenti/ordini/${orderId}`, 303);
  });
}
