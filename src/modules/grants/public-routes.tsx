// The public pages of grants (no login): the calls with the remaining budget read from the ledger and its
// JSON status for the page's self-refresh, the public list of payments of a call (no names), and the check
// of a receipt by its verification code (no personal data).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { pageContext, sendHtml } from '../../http/request-context.js';
import { paramsOf, queryOf } from '../../http/route-input.js';
import { emptyForm } from '../../layout/form-kit.js';
import { findByVerificationCode } from './application/queries.js';
import { VerifyReceiptPage } from './application/views/verify-page.js';
import { budgetStatus, getPublishedCallByCode, listCalls } from './calls/queries.js';
import { CallListPage, CallPage, liveFigures } from './calls/views/call-pages.js';
import type { TGrantsDeps } from './grants-deps.js';
import { publicOrders } from './payments/payment-order-queries.js';
import { PublicPaymentsPage } from './payments/views/public-payments-page.js';

/** A call's public address: /bandi/<code>. */
const ZCodeParams = z.object({ code: z.string().min(1).max(100) });
const ZVerifyQuery = z.object({ codice: z.string().catch('').default('') });

export async function publicGrantRoutes(app: FastifyInstance, deps: TGrantsDeps) {
  const ctx = (req: FastifyRequest, reply: FastifyReply) => pageContext(req, reply, deps.ui);
  const strict = { config: { rateLimit: { max: deps.config.rateLimitPerMinute, timeWindow: 60_000 } } };
  const publishedCall = (req: FastifyRequest) =>
    getPublishedCallByCode(deps.db, req.tenant.id, paramsOf(req, ZCodeParams).code);

  app.get('/bandi', async (req, reply) => {
    const calls = await listCalls(deps.db, req.tenant.id, { publishedOnly: true });
    return sendHtml(reply, <CallListPage ctx={ctx(req, reply)} calls={calls} now={deps.now()} />);
  });

  app.get('/bandi/:code', async (req, reply) => {
    const call = await publishedCall(req);
    const status = await budgetStatus(deps.db, req.tenant.id, call);
    return sendHtml(reply, <CallPage ctx={ctx(req, reply)} call={call} status={status} now={deps.now()} />);
  });

  app.get(
    '/bandi/:code/stato.json',
    {
      schema: {
        tags: ['bandi'],
        summary: 'Fondi residui e domande presentate di un bando (dal registro dei fondi)',
        params: { type: 'object', properties: { code: { type: 'string' } }, required: ['code'] },
      },
    },
    async (req) => {
      const call = await publishedCall(req);
      const status = await budgetStatus(deps.db, req.tenant.id, call);
      return { ...liveFigures(status), budgetCents: status.budgetCents, reservedCents: status.reservedCents };
    },
  );

  // The payments of a call: order number, date, and per transfer only protocol and amount.
  app.get('/bandi/:code/pagamenti', async (req, reply) => {
    const call = await publishedCall(req);
    const orders = await publicOrders(deps.db, req.tenant.id, call.id);
    return sendHtml(reply, <PublicPaymentsPage ctx={ctx(req, reply)} call={call} orders={orders} />);
  });

  // Anyone checks a receipt by its code: protocol, call, arrival and status, nothing personal.
  app.get('/verifica-ricevuta', strict, async (req, reply) => {
    const code = queryOf(req, ZVerifyQuery).codice.slice(0, 40);
    if (code.trim() === '')
      return sendHtml(reply, <VerifyReceiptPage ctx={ctx(req, reply)} form={emptyForm()} />);
    const found = await findByVerificationCode(deps.db, req.tenant.id, code);
    if (!found)
      return sendHtml(
        reply,
        <VerifyReceiptPage ctx={ctx(req, reply)} form={emptyForm({ codice: code })} notFound />,
        404,
      );
    return sendHtml(
      reply,
      <VerifyReceiptPage ctx={ctx(req, reply)} form={emptyForm({ codice: code })} result={found} />,
    );
  });
}
