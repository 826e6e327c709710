// The officers' review (seed 003, sections 6–7): the calls with their counts, the queue of a call in arrival
// order, one application with its attachments, the integration request and the decision. Every page works
// without JavaScript; every POST redirects (PRG) or shows the page again with its errors (runForm).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { NotFoundError, ValidationError } from '../../../http/errors.js';
import { runForm } from '../../../http/form-runner.js';
import { actorOf, pageContext, requirePermission, sendHtml } from '../../../http/request-context.js';
import { paramsOf, queryOf, zId, ZIdParams } from '../../../http/route-input.js';
import { formatEuro } from '../../../italian/money.js';
import { attachmentHeader } from '../../documents/customer/download-documents.js';
import { budgetStatus, getCall } from '../calls/queries.js';
import type { TGrantsDeps } from '../grants-deps.js';
import { decideApplication } from './decide-application.js';
import { checklistFor, tickedChecks, type TOfficeDecision } from './decision-rules.js';
import { showOfficeApplication } from './office-application.js';
import { canPay, officeCall, submittedApplication } from './office-route-kit.js';
import { applicationFile, callsWithCounts, OFFICE_FUNDING, OFFICE_STATUSES, searchQueue } from './queries.js';
import { requestIntegration } from './request-integration.js';
import { OfficeCallsPage } from './views/calls-page.js';
import { QueuePage } from './views/queue-page.js';

const ZQueueQuery = z.object({
  q: z
    .string()
    .catch('')
    .default('')
    .transform((v) => v.slice(0, 100)),
  status: z
    .string()
    .catch('tutti')
    .default('tutti')
    .transform((v) => (Object.hasOwn(OFFICE_STATUSES, v) ? v : 'tutti')),
  funding: z
    .string()
    .catch('tutti')
    .default('tutti')
    .transform((v) => (Object.hasOwn(OFFICE_FUNDING, v) ? v : 'tutti')),
});
const ZFileParams = z.object({ id: zId, fileId: zId });

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

export async function reviewRoutes(app: FastifyInstance, deps: TGrantsDeps) {
  const review = { preHandler: requirePermission('grants:review') };
  const ctx = (req: FastifyRequest, reply: FastifyReply) => pageContext(req, reply, deps.ui);

  app.get('/ufficio/bandi', review, async (req, reply) => {
    const rows = await callsWithCounts(deps.db, req.tenant.id);
    return sendHtml(reply, <OfficeCallsPage ctx={ctx(req, reply)} rows={rows} />);
  });

  app.get('/ufficio/bandi/:callId/domande', review, async (req, reply) => {
    const call = await officeCall(deps, req);
    const filter = queryOf(req, ZQueueQuery);
    const [found, budget] = await Promise.all([
      searchQueue(deps.db, req.tenant.id, call.id, {
        q: filter.q,
        status: filter.status === 'tutti' ? null : filter.status,
        funding: filter.funding === 'tutti' ? null : filter.funding,
      }),
      budgetStatus(deps.db, req.tenant.id, call),
    ]);
    return sendHtml(
      reply,
      <QueuePage
        ctx={ctx(req, reply)}
        call={call}
        budget={budget}
        filter={filter}
        rows={found.rows}
        more={found.more}
        canPay={canPay(req)}
      />,
    );
  });

  app.get('/ufficio/domande/:id', review, async (req, reply) =>
    showOfficeApplication(deps, req, reply, paramsOf(req, ZIdParams).id),
  );

  app.get('/ufficio/domande/:id/allegati/:fileId', review, async (req, reply) => {
    const { id, fileId } = paramsOf(req, ZFileParams);
    const a = await submittedApplication(deps, req, id);
    const file = await applicationFile(deps.db, req.tenant.id, a.id, fileId);
    if (!file) throw new NotFoundError('Il documento richiesto non esiste.');
    return reply
      .header('content-type', file.content_type)
      .header('content-disposition', attachmentHeader(file.filename))
      .header('x-content-type-options', 'nosniff')
      .send(file.content);
  });

  app.post('/ufficio/domande/:id/decisione', review, async (req, reply) => {
    const { id } = paramsOf(req, ZIdParams);
    return runForm(req, reply, {
      run: async (values) => {
        const decision = DECISIONS[values.decision ?? ''];
        if (!decision) throw new ValidationError({ checklist: 'Scegli una decisione con uno dei pulsanti.' });
        const a = await submittedApplication(deps, req, id);
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
        return { decision, ...r };
      },
      done: (r) => {
        const money =
          r.releasedCents > 0
            ? ` Tornano disponibili ${formatEuro(r.releasedCents)}${r.fundedOthers > 0 ? `, assegnati a ${r.fundedOthers} domande in lista d'attesa` : ''}.`
            : '';
        return {
          redirect: `/ufficio/domande/${id}`,
          flash: `${DECISION_DONE[r.decision]}: ${r.application.protocol}.${money} Il richiedente riceverà una e-mail.`,
        };
      },
      render: (form, problem, status) =>
        showOfficeApplication(deps, req, reply, id, { form, active: 'decision', problem, status }),
    });
  });

  app.post('/ufficio/domande/:id/integrazione', review, async (req, reply) => {
    const { id } = paramsOf(req, ZIdParams);
    return runForm(req, reply, {
      run: (values) => requestIntegration(deps, req.tenant, id, values.message, actorOf(req)),
      done: (a) => ({
        redirect: `/ufficio/domande/${id}`,
        flash: `Integrazione richiesta per la domanda ${a.protocol}: il richiedente riceverà una e-mail e ha 10 giorni per rispondere.`,
      }),
      render: (form, problem, status) =>
        showOfficeApplication(deps, req, reply, id, { form, active: 'integration', problem, status }),
    });
  });
}
