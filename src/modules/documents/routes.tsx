import type { FastifyInstance } from 'fastify';
import type { TRouteDeps } from '../accounts/routes/route-kit.js';
import { documentsApiRoutes } from './api/routes.js';
import { customerAreaRoutes } from './customer/routes.js';
import { documentsOfficeRoutes } from './office/routes.js';

/**
 * Document area (seed 004), by sub-domain: the customers' side (customer/: account, association,
 * downloads), the office (office/: publishing, manifest, customer master data, reminders) and the JSON API
 * for bulk loads (api/).
 */
export async function documentsRoutes(app: FastifyInstance, deps: TRouteDeps) {
  await app.register(customerAreaRoutes, deps);
  await app.register(documentsOfficeRoutes, deps);
  await app.register(documentsApiRoutes, deps);
}
