// The grants module: one plugin that creates this instance's allocator and registers the route plugins of
// each sub-domain. Registered with fastify-plugin, so the allocator decoration is visible on the root instance.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { TAppDeps } from '../../app-deps.js';
import type { TSessionUi } from '../../http/request-context.js';
import { citizenGrantRoutes } from './application/citizen-routes.js';
import type { IntakeGate } from './application/intake-gate.js';
import { submitGrantRoutes } from './application/submit-routes.js';
import { adminCallRoutes } from './calls/call-admin-routes.js';
import { FundsAllocator } from './funding/funds-allocator.js';
import type { TGrantsDeps } from './grants-deps.js';
import { officeGrantRoutes } from './office-routes.js';
import { publicGrantRoutes } from './public-routes.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** This instance's allocator: server.ts starts its sweep; tests await `idle()`. */
    grantsAllocator: FundsAllocator;
    /** This instance's "Invia" gate (app.ts): background jobs yield to the intake while it is busy. */
    grantIntake: IntakeGate;
  }
}

async function grants(app: FastifyInstance, deps: TAppDeps & { ui: TSessionUi }) {
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

export const grantsRoutes = fp(grants, { name: 'grants' });
