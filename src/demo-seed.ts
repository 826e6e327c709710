import type { TAppDeps } from './app-deps.js';
import type { TRole } from './auth/permissions.js';
import { createStaffAccount } from './modules/accounts/create-staff-account.js';
import { findUserByLogin } from './modules/accounts/users.js';
import { seedDemoOpenCall, seedPuglia2024Call } from './modules/grants/calls/seed-puglia-2024.js';
import { findTenantBySlug, insertTenant } from './tenancy/tenants.js';

export const DEMO_ACCOUNTS: ReadonlyArray<{
  username: string;
  password: string;
  role: TRole;
  fullName: string;
  email: string;
}> = [
  {
    username: 'admin.demo',
    password: 'Demo-Admin-2026!',
    role: 'tenant_admin',
    fullName: 'Anna Amministratrice',
    email: 'admin@demo.focolare.localhost',
  },
  {
    username: 'operatore.demo',
    password: 'Demo-Operatore-2026!',
    role: 'officer',
    fullName: 'Oscar Operatore',
    email: 'operatore@demo.focolare.localhost',
  },
  {
    username: 'cittadino.demo',
    password: 'Demo-Cittadino-2026!',
    role: 'citizen',
    fullName: 'Carla Cittadina',
    email: 'cittadino@demo.focolare.localhost',
  },
];

/** Creates the demo tenant (`demo`) and its accounts if missing. Idempotent. */
export async function seedDemo(deps: TAppDeps): Promise<void> {
  let tenant = await findTenantBySlug(deps.db, 'demo');
  tenant ??= await insertTenant(deps.db, {
    slug: 'demo',
    name: 'Ente Dimostrativo',
    activationEmail: 'attivazioni@demo.focolare.localhost',
    supportPhone: '375.5398324',
    supportHours: 'dal lunedì al venerdì dalle 9.00 alle 12.30',
    passwordPolicy: 'min6',
  });
  for (const a of DEMO_ACCOUNTS) {
    if (await findUserByLogin(deps.db, tenant.id, a.username, false)) continue;
    await createStaffAccount(
      deps,
      tenant,
      {
        username: a.username,
        email: a.email,
        fullName: a.fullName,
        initialPassword: a.password,
        role: a.role,
        mustChangePassword: false,
      },
      { id: null, label: 'demo-seed', ip: null },
    );
  }
  // Grants: the Puglia 2024 call as published (closed), and an open copy to try the application on.
  await seedPuglia2024Call(deps.db, tenant.id);
  await seedDemoOpenCall(deps.db, tenant.id, deps.now());
}
