import { isIP } from 'node:net';
import { z } from 'zod';
import type { TDatabaseTimeouts } from './db/database.js';

/** The accepted form of each variable, in the Italian message that refuses a bad value. */
const ACCEPTED: Record<string, string> = {
  NODE_ENV: 'development, production o test',
  HOST: 'un indirizzo o un nome host non vuoto, per esempio 0.0.0.0',
  PORT: 'un numero intero da 1 a 65535',
  WEB_CONCURRENCY: 'un numero intero da 1 a 64',
  BASE_DOMAIN:
    'un nome di dominio senza protocollo né percorso, con la porta se serve, per esempio focolare.example.org o localhost:3000',
  PUBLIC_PROTOCOL: 'http o https',
  DEFAULT_TENANT: 'il codice di un ente, non vuoto, per esempio demo',
  DATABASE_URL:
    'un indirizzo postgres:// o postgresql://, per esempio postgres://utente:password@127.0.0.1:5432/focolare',
  DATABASE_POOL_SIZE: 'un numero intero da 1 a 200',
  DATABASE_CONNECT_TIMEOUT_MS: 'millisecondi, un numero intero da 100 a 600000',
  DATABASE_STATEMENT_TIMEOUT_MS: 'millisecondi, un numero intero da 100 a 86400000',
  DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: 'millisecondi, un numero intero da 100 a 86400000',
  DATABASE_QUERY_TIMEOUT_MS: 'millisecondi, un numero intero da 100 a 86400000',
  PGLITE_DATA_DIR: 'il percorso di una cartella, non vuoto',
  SESSION_SECRET: 'almeno 32 caratteri',
  SESSION_IDLE_MINUTES: 'un numero intero di minuti da 1 a 1440',
  SESSION_ABSOLUTE_HOURS: 'un numero intero di ore da 1 a 720',
  SESSION_WARNING_MINUTES: 'un numero intero di minuti da 1 a 60',
  SMTP_URL: 'un indirizzo smtp:// o smtps://, per esempio smtp://utente:password@smtp.example.org:587',
  MAIL_FROM: 'un mittente di almeno 3 caratteri, per esempio Focolare <noreply@example.org>',
  MAIL_WORKER_INTERVAL_MS: 'millisecondi, un numero intero da 50 in su',
  APP_SECRET: 'almeno 32 caratteri',
  LOG_LEVEL: 'fatal, error, warn, info, debug, trace o silent',
  HASH_THREADS: 'un numero intero da 0 (uno per core) a 64',
  LOGIN_FAILURES_BEFORE_CHECK: 'un numero intero da 1 a 100',
  RATE_LIMIT_PER_MINUTE: 'un numero intero da 1 in su',
  GRANT_INTAKE_MAX_IN_FLIGHT: 'un numero intero da 1 a 10000',
  TRUST_PROXY:
    "true, false, il numero di proxy davanti a Focolare (per esempio 1) o l'elenco dei loro indirizzi separati da virgole (per esempio 10.0.0.1,10.0.0.0/8)",
  DEMO_SEED: 'true o false',
};

/** A URL with one of the given schemes (`postgres:`…), checked without ever repeating the value (it may hold a password). */
function urlWithScheme(name: string, schemes: string[]) {
  return z.string().refine(
    (v) => {
      try {
        return schemes.includes(new URL(v).protocol);
      } catch {
        return false;
      }
    },
    { error: `indirizzo non valido, atteso ${ACCEPTED[name]}` },
  );
}

const ZMilliseconds = (fallback: number, max = 86_400_000) =>
  z.coerce.number().int().min(100).max(max).default(fallback);

/** proxy-addr's names for address ranges, accepted by Fastify's trustProxy next to addresses and subnets. */
const PROXY_RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

function isProxyAddress(entry: string): boolean {
  if (PROXY_RANGE_NAMES.includes(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  if (rest.length > 0 || !address || isIP(address) === 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (isIP(address) === 4 ? 32 : 128);
}

/** Fastify's trustProxy: true/false, a hop count, or the list of the trusted proxies' addresses. */
export type TTrustProxy = boolean | number | string[];

const ZTrustProxy = z
  .string()
  .default('false')
  .transform((v, ctx): TTrustProxy => {
    const value = v.trim();
    if (value === 'true' || value === 'false') return value === 'true';
    if (/^\d{1,2}$/.test(value)) return Number(value);
    const list = value
      .split(',')
      .map((a) => a.trim())
      .filter((a) => a !== '');
    if (list.length > 0 && list.every(isProxyAddress)) return list;
    ctx.addIssue({ code: 'custom', message: `valore non valido, atteso ${ACCEPTED.TRUST_PROXY}` });
    return z.NEVER;
  });

/** TTrustProxy in the form Fastify's types accept: a hop count becomes the function Fastify would make of it. */
export function fastifyTrustProxy(
  t: TTrustProxy,
): boolean | string[] | ((address: string, hop: number) => boolean) {
  return typeof t === 'number' ? (_address, hop) => hop < t : t;
}

/** Host name (or IPv4 address) with an optional port: no scheme, no path, no user. */
const BASE_DOMAIN_FORM = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?$/i;

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
  /** Without it: localhost:{PORT}, so that links follow the port. */
  BASE_DOMAIN: z
    .string()
    .regex(BASE_DOMAIN_FORM, { error: `valore non valido, atteso ${ACCEPTED.BASE_DOMAIN}` })
    .optional(),
  PUBLIC_PROTOCOL: z.enum(['http', 'https']).default('http'),
  /** Tenant served on a host whose first label is not a tenant (plain `localhost`, an IP). */
  DEFAULT_TENANT: z.string().min(1).default('demo'),
  DATABASE_URL: urlWithScheme('DATABASE_URL', ['postgres:', 'postgresql:']).optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  DATABASE_CONNECT_TIMEOUT_MS: ZMilliseconds(5_000, 600_000),
  DATABASE_STATEMENT_TIMEOUT_MS: ZMilliseconds(30_000),
  DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: ZMilliseconds(60_000),
  /** Without it: the statement timeout plus 5 s (the server's own cancel comes first). */
  DATABASE_QUERY_TIMEOUT_MS: z.coerce.number().int().min(100).max(86_400_000).optional(),
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
  SMTP_URL: urlWithScheme('SMTP_URL', ['smtp:', 'smtps:']).optional(),
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
  TRUST_PROXY: ZTrustProxy,
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
  databaseTimeouts: TDatabaseTimeouts;
  session: { secret: string; idleMinutes: number; absoluteHours: number; warningMinutes: number };
  mail: { smtpUrl: string | undefined; from: string; workerIntervalMs: number };
  appSecret: string;
  logLevel: string;
  hashThreads: number;
  loginFailuresBeforeCheck: number;
  rateLimitPerMinute: number;
  grantIntakeMaxInFlight: number;
  trustProxy: TTrustProxy;
  demoSeed: boolean;
  webConcurrency: number;
  /** Mistakes that do not stop a development start, printed at start (the same ones stop production). */
  warnings: string[];
};

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const DEV_SECRET = 'focolare-development-secret-do-not-use-in-production';

const GENERIC = '\u0000generic';

export function loadConfig(env: Record<string, string | undefined>): TConfig {
  // Messages the schema does not set itself: one Italian sentence with the accepted form.
  const parsed = ZEnv.safeParse(env, { error: () => GENERIC });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => {
      const name = i.path.join('.');
      const message =
        i.message === GENERIC
          ? `valore non valido, atteso ${ACCEPTED[name] ?? 'un valore valido'}`
          : i.message;
      return `- ${name}: ${message}`;
    });
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
        `Configurazione non valida:\n${missing.map((k) => `- ${k}: obbligatoria in produzione, ${ACCEPTED[k]}`).join('\n')}`,
      );
    }
  }
  const warnings: string[] = [];
  if (e.PUBLIC_PROTOCOL === 'https' && !e.TRUST_PROXY) {
    const reason =
      'PUBLIC_PROTOCOL: con https serve anche TRUST_PROXY (true, il numero di proxy o l’elenco dei loro indirizzi): ' +
      'Focolare non gestisce TLS da sé e, senza un proxy fidato, vede ogni richiesta come http e non imposta il ' +
      'cookie di sessione, quindi l’accesso non riesce';
    if (production) throw new ConfigError(`Configurazione non valida:\n- ${reason}`);
    warnings.push(`Attenzione: ${reason}.`);
  }
  const statementMs = e.DATABASE_STATEMENT_TIMEOUT_MS;
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    baseDomain: e.BASE_DOMAIN ?? `localhost:${e.PORT}`,
    publicProtocol: e.PUBLIC_PROTOCOL,
    defaultTenant: e.DEFAULT_TENANT,
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE }
      : { kind: 'pglite', dataDir: e.PGLITE_DATA_DIR },
    databaseTimeouts: {
      connectMs: e.DATABASE_CONNECT_TIMEOUT_MS,
      statementMs,
      idleInTransactionMs: e.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS,
      queryMs: e.DATABASE_QUERY_TIMEOUT_MS ?? statementMs + 5_000,
    },
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
    warnings,
  };
}
