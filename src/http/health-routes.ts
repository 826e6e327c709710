import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { probeDatabase, type TDb } from '../db/database.js';

/** Paths answered without a tenant (no Host lookup, hence no database query before the handler). */
export const HEALTH_PATHS = ['/healthz', '/livez'];

/**
 * Monitoring: /livez says the process is alive (never touches the database: a restart would not help a
 * database outage); /healthz says whether this instance can serve, i.e. whether the database answers.
 */
export const healthRoutes = fp(
  async (app: FastifyInstance, opts: { db: TDb }) => {
    app.get('/livez', { schema: { hide: true } }, async () => ({ status: 'ok' }));
    app.get('/healthz', { schema: { hide: true } }, async (_request, reply) => {
      const database = await probeDatabase(opts.db);
      if (database === 'ok') return { status: 'ok', database: 'ok' };
      return reply
        .code(503)
        .header('retry-after', '5')
        .send({ status: 'error', database: database === 'timeout' ? 'non risponde' : 'non raggiungibile' });
    });
  },
  { name: 'health-routes' },
);
