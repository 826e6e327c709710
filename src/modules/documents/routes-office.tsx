import type { FastifyInstance } from 'fastify';
import type { TAppDeps } from '../../app-deps.js';
import type { TSessionUi } from '../../http/request-context.js';

/** Publishers' side of the document area: publishing documents. */
export async function documentsOfficeRoutes(_app: FastifyInstance, _deps: TAppDeps & { ui: TSessionUi }) {}
