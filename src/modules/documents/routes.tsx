import type { FastifyInstance } from 'fastify';
import type { TAppDeps } from '../../app-deps.js';
import type { TSessionUi } from '../../http/request-context.js';
import { documentsCustomerRoutes } from './routes-customer.js';
import { documentsOfficeRoutes } from './routes-office.js';

/** Document area (seed 004): the customers' side and the publishers' side. */
export async function documentsRoutes(app: FastifyInstance, deps: TAppDeps & { ui: TSessionUi }) {
  await app.register(documentsCustomerRoutes, deps);
  await app.register(documentsOfficeRoutes, deps);
}
