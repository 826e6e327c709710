import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import type { TAppDeps } from '../../src/app-deps.js';
import type { TPasswordPolicyId } from '../../src/auth/password-policy.js';
import { loadConfig, type TConfig } from '../../src/config.js';
import type { TDb } from '../../src/db/database.js';
import type { TTenant } from '../../src/tenancy/tenant.js';
import { insertTenant } from '../../src/tenancy/tenants.js';
import { testHasher } from './hasher-setup.js';
import { createTestDatabase, type TTestDatabase } from './test-db.js';

export { TEST_ARGON2_OPTIONS, testHasher } from './hasher-setup.js';

export function testConfig(env: Record<string, string> = {}): TConfig {
  return loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', APP_SECRET: 'x'.repeat(40), ...env });
}

/** A controllable clock: tests move time forward instead of waiting. */
export class TestClock {
  private t: number;
  constructor(start = Date.now()) {
    this.t = start;
  }
  now = (): Date => new Date(this.t);
  advanceMinutes(m: number) {
    this.t += m * 60_000;
  }
}

export type TTestApp = { app: FastifyInstance; deps: TAppDeps; clock: TestClock };

/** `logStream`: the app logs (level info, the production log options) to it instead of nowhere. */
export async function buildTestApp(
  db: TDb,
  env: Record<string, string> = {},
  opts: { logStream?: NodeJS.WritableStream } = {},
): Promise<TTestApp> {
  const config = testConfig(env);
  const clock = new TestClock();
  // Small pool: tests run several files at once on two cores.
  const deps: TAppDeps = { config, db, hasher: testHasher(2), now: clock.now };
  const logger = opts.logStream ? { level: 'info', stream: opts.logStream } : false;
  const app = await buildApp(deps, { logger });
  await app.ready();
  return { app, deps, clock };
}

/** A fresh test database and an app over it, for the before() of a describe(); closeTestApp undoes it. */
export async function openTestApp(
  env: Record<string, string> = {},
): Promise<{ tdb: TTestDatabase; t: TTestApp }> {
  const tdb = await createTestDatabase();
  return { tdb, t: await buildTestApp(tdb.db, env) };
}

/** Closes the app, then its database (the after() of openTestApp). */
export async function closeTestApp(t: TTestApp, tdb: TTestDatabase): Promise<void> {
  await t.app.close();
  await tdb.close();
}

/** A new tenant with a unique slug, so tests in one file do not see each other's data. */
export async function createTestTenant(
  db: TDb,
  opts: { slug?: string; passwordPolicy?: TPasswordPolicyId; name?: string } = {},
): Promise<TTenant> {
  const slug = opts.slug ?? `t${randomBytes(4).toString('hex')}`;
  return insertTenant(db, {
    slug,
    name: opts.name ?? `Ente ${slug}`,
    activationEmail: `attivazioni@${slug}.example.org`,
    supportPhone: '375.5398324',
    supportHours: 'dal lunedì al venerdì dalle 9.00 alle 12.30',
    passwordPolicy: opts.passwordPolicy ?? 'min6',
  });
}
