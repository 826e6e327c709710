import type { FastifyInstance } from 'fastify';
import type { TAppDeps } from '../../app-deps.js';
import type { TSessionUi } from '../../http/request-context.js';
import { adminCallRoutes } from './admin-routes.js';
import { FundsAllocator } from './allocate-funds.js';
import { citizenGrantRoutes } from './citizen-routes.js';
import type { TGrantsDeps } from './grants-deps.js';
import type { IntakeGate } from './intake-gate.js';
import { officeGrantRoutes } from './office-routes.js';
import { publicGrantRoutes } from './public-routes.js';
import { submitGrantRoutes } from './submit-routes.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** This instance's allocator: server.ts starts its sweep; tests await `idle()`. */
    grantsAllocator: FundsAllocator;
    /** This instance's "Invia" gate (app.ts): background jobs yield to the intake while it is busy. */
    grantIntake: IntakeGate;
  }
}

export async function grantsRoutes(app: FastifyInstance, deps: TAppDeps & { ui: TSessionUi }) {
  const allocator = new FundsAllocator(deps.db, deps.now, app.log);
  app.decorate('grantsAllocator', allocator);
  app.addHook('onClose', async () => allocator.stop());
  const g: TGrantsDeps = { ...deps, allocator };
  await app.register(publicGrantRoutes, g);
  await app.register(submitGrantRoutes, g);
  await app.register(citizenGrantRoutes, g);
  await app.register(officeGrantRoutes, g);
  await app.register(adminCallRoutes, g);
}

// Not encapsulated (what fastify-plugin does): the allocator decoration is visible on the root instance.
(grantsRoutes as unknown as Record<symbol, boolean>)[Symbol.for('skip-override')] = true;
