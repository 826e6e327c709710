// Public pages of the calls: the list, the call page with the remaining budget read from the ledger,
// and its JSON status for the page's self-refresh.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { pageContext, sendHtml } from '../../http/request-context.js';
import { budgetStatus, getPublishedCallByCode, listCalls } from './calls-queries.js';
import type { TGrantsDeps } from './grants-deps.js';
import { CallListPage, CallPage, liveFigures } from './views/public/call-pages.js';

export async function publicGrantRoutes(app: FastifyInstance, deps: TGrantsDeps) {
  const ctx = (req: FastifyRequest, reply: FastifyReply) => pageContext(req, reply, deps.ui);

  app.get('/bandi', async (req, reply) => {
    const calls = await listCalls(deps.db, req.tenant.id, { publishedOnly: true });
    return sendHtml(reply, <CallListPage ctx={ctx(req, reply)} calls={calls} now={deps.now()} />);
  });

  app.get<{ Params: { code: string } }>('/bandi/:code', async (req, reply) => {
    const call = await getPublishedCallByCode(deps.db, req.tenant.id, req.params.code);
    const status = await budgetStatus(deps.db, req.tenant.id, call);
    return sendHtml(reply, <CallPage ctx={ctx(req, reply)} call={call} status={status} now={deps.now()} />);
  });

  app.get<{ Params: { code: string } }>(
    '/bandi/:code/stato.json',
    {
      schema: {
        tags: ['bandi'],
        summary: 'Fondi residui e domande presentate di un bando (dal registro dei fondi)',
        params: { type: 'object', properties: { code: { type: 'string' } }, required: ['code'] },
      },
    },
    async (req) => {
      const call = await getPublishedCallByCode(deps.db, req.tenant.id, req.params.code);
      const status = await budgetStatus(deps.db, req.tenant.id, call);
      return { ...liveFigures(status), budgetCents: status.budgetCents, reservedCents: status.reservedCents };
    },
  );
}
