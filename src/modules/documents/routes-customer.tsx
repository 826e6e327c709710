import type { FastifyInstance } from 'fastify';
import type { TAppDeps } from '../../app-deps.js';
import type { TSessionUi } from '../../http/request-context.js';

/** Customers' side of the document area: account, association, documents. */
export async function documentsCustomerRoutes(_app: FastifyInstance, _deps: TAppDeps & { ui: TSessionUi }) {}
