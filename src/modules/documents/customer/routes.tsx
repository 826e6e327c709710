import type { FastifyInstance } from 'fastify';
import { devSmsRoutes } from '../../../sms/dev-routes.js';
import type { TRouteDeps } from '../../accounts/routes/route-kit.js';
import { CUSTOMER_AREA_HOME, customerAccountRoutes } from './account-routes.js';
import { customerDocumentsRoutes } from './documents-routes.js';

/** The customers' side of the document area (seed 004): account pages, association, documents. */
export async function customerAreaRoutes(app: FastifyInstance, deps: TRouteDeps) {
  if (deps.config.env !== 'production') await app.register(devSmsRoutes, deps);
  app.get('/area-clienti', async (_req, reply) => reply.redirect(CUSTOMER_AREA_HOME));
  await app.register(customerAccountRoutes, deps);
  await app.register(customerDocumentsRoutes, deps);
}
