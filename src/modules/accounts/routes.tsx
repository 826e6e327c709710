import type { FastifyInstance } from 'fastify';
import { loginRoutes } from './routes/login-routes.js';
import { profileRoutes } from './routes/profile-routes.js';
import { recoveryRoutes } from './routes/recovery-routes.js';
import { registrationRoutes } from './routes/registration-routes.js';
import type { TRouteDeps } from './routes/route-kit.js';

/** The portal's accounts: registration, login, password recovery, the reserved area and the profile. */
export async function accountsRoutes(app: FastifyInstance, deps: TRouteDeps) {
  await app.register(registrationRoutes, deps);
  await app.register(loginRoutes, deps);
  await app.register(recoveryRoutes, deps);
  await app.register(profileRoutes, deps);
}
