import { z } from 'zod';

/**
 * Every environment variable Focolare reads, validated once at start.
 * Nothing else in the code reads `process.env`: the result of `loadConfig` is passed down.
 * Keep `.env.example` in step with this schema.
 */
const ZEnv = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** App processes on this machine (node:cluster, one port); only with DATABASE_URL. */
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(1),
  /** Public base domain, used to build links in e-mails: https://{slug}.{BASE_DOMAIN}. */
  BASE_DOMAIN: z.string().min(1).default('localhost:3000'),
  PUBLIC_PROTOCOL: z.enum(['http', 'https']).default('http'),
  /** Tenant served on a host whose first label is not a tenant (plain `localhost`, an IP). */
  DEFAULT_TENANT: z.string().min(1).default('demo'),
  DATABASE_URL: z.string().url().optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** Folder of the embedded PGlite database, used when DATABASE_URL is not set. */
  PGLITE_DATA_DIR: z.string().min(1).default('./data/pglite'),
  SESSION_SECRET: z.string().min(32, 'deve essere lungo almeno 32 caratteri').optional(),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  SESSION_WARNING_MINUTES: z.coerce.number().int().min(1).max(60).default(5),
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().min(3).default('Focolare <noreply@focolare.localhost>'),
  MAIL_WORKER_INTERVAL_MS: z.coerce.number().int().min(50).default(2000),
  /** Secret used to sign check-code (ALTCHA) challenges and e-mail links. */
  APP_SECRET: z.string().min(32, 'deve essere lungo almeno 32 caratteri').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Threads that compute argon2id hashes; 0 = number of cores. */
  HASH_THREADS: z.coerce.number().int().min(0).max(64).default(0),
  /** Failed logins after which the check code is required for the account. */
  LOGIN_FAILURES_BEFORE_CHECK: z.coerce.number().int().min(1).max(100).default(5),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  /** Grant submissions in flight per instance beyond which "Invia" answers 503 with Retry-After. */
  GRANT_INTAKE_MAX_IN_FLIGHT: z.coerce.number().int().min(1).max(10_000).default(40),
  TRUST_PROXY: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  DEMO_SEED: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true')),
});

export type TConfig = {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  baseDomain: string;
  publicProtocol: 'http' | 'https';
  defaultTenant: string;
  database: { kind: 'postgres'; url: string; poolSize: number } | { kind: 'pglite'; dataDir: string };
  session: { secret: string; idleMinutes: number; absoluteHours: number; warningMinutes: number };
  mail: { smtpUrl: string | undefined; from: string; workerIntervalMs: number };
  appSecret: string;
  logLevel: string;
  hashThreads: number;
  loginFailuresBeforeCheck: number;
  rateLimitPerMinute: number;
  grantIntakeMaxInFlight: number;
  trustProxy: boolean;
  demoSeed: boolean;
  webConcurrency: number;
};

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const DEV_SECRET = 'focolare-development-secret-do-not-use-in-production';

export function loadConfig(env: Record<string, string | undefined>): TConfig {
  const parsed = ZEnv.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `- ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Configurazione non valida:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  if (production) {
    const missing = (['SESSION_SECRET', 'APP_SECRET', 'DATABASE_URL', 'SMTP_URL'] as const).filter(
      (k) => !e[k],
    );
    if (missing.length > 0) {
      throw new ConfigError(
        `Configurazione non valida:\n${missing.map((k) => `- ${k}: obbligatoria in produzione`).join('\n')}`,
      );
    }
  }
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    baseDomain: e.BASE_DOMAIN,
    publicProtocol: e.PUBLIC_PROTOCOL,
    defaultTenant: e.DEFAULT_TENANT,
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE }
      : { kind: 'pglite', dataDir: e.PGLITE_DATA_DIR },
    session: {
      secret: e.SESSION_SECRET ?? DEV_SECRET,
      idleMinutes: e.SESSION_IDLE_MINUTES,
      absoluteHours: e.SESSION_ABSOLUTE_HOURS,
      warningMinutes: e.SESSION_WARNING_MINUTES,
    },
    mail: { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM, workerIntervalMs: e.MAIL_WORKER_INTERVAL_MS },
    appSecret: e.APP_SECRET ?? DEV_SECRET,
    logLevel: e.LOG_LEVEL,
    hashThreads: e.HASH_THREADS,
    loginFailuresBeforeCheck: e.LOGIN_FAILURES_BEFORE_CHECK,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    grantIntakeMaxInFlight: e.GRANT_INTAKE_MAX_IN_FLIGHT,
    trustProxy: e.TRUST_PROXY,
    demoSeed: e.DEMO_SEED ?? !production,
    webConcurrency: e.WEB_CONCURRENCY,
  };
}
