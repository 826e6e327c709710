// The grants module: one plugin that creates this instance's allocator and registers the route plugins of
// each sub-domain. Registered with fastify-plugin, so the allocator decoration is visible on the root instance.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { TAppDeps } from '../../app-deps.js';
import type { TSessionUi } from '../../http/request-context.js';
import { applicationRoutes } from './application/application-routes.js';
import type { IntakeGate } from './application/intake-gate.js';
import { submitGrantRoutes } from './application/submit-routes.js';
import { wizardRoutes } from './application/wizard-routes.js';
import { adminCallRoutes } from './calls/call-admin-routes.js';
import { sampleCheckRoutes } from './checks/sample-check-routes.js';
import { FundsAllocator } from './funding/funds-allocator.js';
import type { TGrantsDeps } from './grants-deps.js';
import { exportRoutes } from './payments/export-routes.js';
import { paymentRoutes } from './payments/payment-routes.js';
import { recoveryRoutes } from './payments/recovery-routes.js';
import { publicGrantRoutes } from './public-routes.js';
import { reviewRoutes } from './review/review-routes.js';

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
  await app.register(wizardRoutes, g);
  await app.register(applicationRoutes, g);
  await app.register(adminCallRoutes, g);
  await app.register(reviewRoutes, g);
  await app.register(sampleCheckRoutes, g);
  await app.register(paymentRoutes, g);
  await app.register(recoveryRoutes, g);
  await app.register(exportRoutes, g);
}

export const grantsRoutes = fp(grants, { name: 'grants' });
