/**
 * Click-day benchmark: `npm run bench:click-day -- [--n 20000] [--clients 500] [--kill] [--overload]
 *   [--max-in-flight K] [--keep-db]`.
 *
 * On real PostgreSQL only (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test, is the admin
 * connection): creates a database of its own, migrates it, and seeds a tenant `bench`, the Puglia call open
 * from now with a budget of N/4 × 2.500,00 € (requests vary between 2.100 and 2.500 €, so order matters),
 * N citizens with complete drafts (six attachments each, sharing one stored file per kind) and N signed-in
 * sessions written straight into the sessions table with correctly signed `focolare_sid` cookies.
 *
 * The app runs as its own process (`node --import tsx src/server.ts`, which also starts the allocator sweep)
 * and the load generator in a worker thread (bench/click-day-client.mjs). Before the opening each citizen
 * has the page open (GET /profilo: checks the cookie logs in and keeps the CSRF token); then N POST
 * /domande/:id/invia from `clients` concurrent connections. A 503 waits Retry-After and retries, as a
 * browser user would.
 *
 * Printed: acknowledged submissions per second, p50/p99 latency of the acknowledged requests, seconds from
 * the last acknowledgement until every application is funded or waiting, and the reference: single-row
 * INSERT-and-commit rate of the same PostgreSQL with as many connections as the app's pool
 * (DATABASE_POOL_SIZE), measured before and after the storm in the same run; then the ratio. Then the
 * correctness checks (exit 1 if any fails).
 *
 * --kill      SIGKILL the server at a random moment of the storm and restart it; clients retry.
 * --overload  GRANT_INTAKE_MAX_IN_FLIGHT low (--max-in-flight, default 50); a calibration run on the first
 *             20 % measures the sustainable rate, then the rest arrive open-loop at 3× that rate.
 * Before the opening the `clients` keep-alive connections are opened (a burst of new TCP connections at
 * the opening stalled some first requests for ~7 s, an artefact of the generator, not of the app).
 *
 * Profiling: --server profile runs bench/click-day-server.ts (same app; prints statements per
 * acknowledgement, event-loop figures, the PostgreSQL connections' wait states, the slowest requests);
 * --no-jobs leaves its background jobs off; BENCH_SERVER_NODE_ARGS passes node flags to the server only
 * (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"). --keep-db keeps the database for inspection.
 * Machine noise: every figure is from one run; the raw reference is measured before and after the storm.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { sql } from 'kysely';
import pg from 'pg';
import { loadConfig } from '../src/config.js';
import { openPostgres, type TDb } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { ATTACHMENT_KINDS } from '../src/modules/grants/calls/call.js';
import { seedPuglia2024Call } from '../src/modules/grants/calls/seed-puglia-2024.js';
import type { TenantId } from '../src/tenancy/tenant.js';
import { insertTenant } from '../src/tenancy/tenants.js';
import { insertExampleDrafts } from '../test/fixtures/grants/insert-example-drafts.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values: argv } = parseArgs({
  options: {
    n: { type: 'string', default: '20000' },
    clients: { type: 'string', default: '500' },
    kill: { type: 'boolean', default: false },
    overload: { type: 'boolean', default: false },
    'max-in-flight': { type: 'string' },
    'keep-db': { type: 'boolean', default: false },
    // Profiling: `profile` runs bench/click-day-server.ts (statements and event loop figures); --no-jobs
    // leaves its background jobs off.
    server: { type: 'string', default: 'app' },
    'no-jobs': { type: 'boolean', default: false },
  },
});
const N = Number(argv.n);
const CLIENTS = Number(argv.clients);
if (!Number.isInteger(N) || N < 20 || !Number.isInteger(CLIENTS) || CLIENTS < 1)
  throw new Error('--n must be an integer ≥ 20 and --clients ≥ 1');
const MODE = argv.kill ? 'kill' : argv.overload ? 'overload' : 'normal';
const MAX_IN_FLIGHT = argv['max-in-flight'] ?? (argv.overload ? '50' : undefined);

const ADMIN_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SESSION_SECRET = 'click-day-bench-session-secret-0123456789abcdef';
const APP_SECRET = 'click-day-bench-app-secret-0123456789abcdef012345';
const TENANT_SLUG = 'bench';
const HOST = `${TENANT_SLUG}.localhost`;
const RAW_SECONDS = 3;
const TARGET = { ratio: 0.5, p99Ms: 500, acksPerSecond: 2000 };

// The server's settings, read the way the server reads them (so the pool size is the one it uses).
const serverEnv: Record<string, string> = {
  ...(process.env as Record<string, string>),
  HOST: '127.0.0.1',
  DEMO_SEED: 'false',
  LOG_LEVEL: 'warn',
  SESSION_SECRET,
  APP_SECRET,
  DEFAULT_TENANT: TENANT_SLUG,
  NODE_ENV: 'development',
  ...(MAX_IN_FLIGHT ? { GRANT_INTAKE_MAX_IN_FLIGHT: MAX_IN_FLIGHT } : {}),
};
// Extra node flags for the server only, e.g. BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof".
const SERVER_NODE_ARGS = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
const PROFILE = argv.server === 'profile';
const SERVER_SCRIPT = PROFILE ? 'bench/click-day-server.ts' : 'src/server.ts';
if (argv['no-jobs'] && !PROFILE) throw new Error('--no-jobs needs --server profile');
if (argv['no-jobs']) serverEnv.BENCH_JOBS = '0';
const serverConfig = loadConfig({ ...serverEnv, DATABASE_URL: ADMIN_URL });
const POOL_SIZE = serverConfig.database.kind === 'postgres' ? serverConfig.database.poolSize : 10;

const now = () => performance.timeOrigin + performance.now();
const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
const euro = (cents: number) => `${(cents / 100).toFixed(2)} €`;
const percentile = (values: readonly number[], p: number) => {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
};
const log = (line: string) => console.log(line);
const requestedCentsOf = (n: number) => 250_000 - (n % 5) * 10_000;

// ---------------------------------------------------------------------------------------------------------
// Database and seed

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function adminExec(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** The signed cookie @fastify/session expects: `sid.HMAC-SHA256(sid) in base64 without padding`, URI-encoded. */
function sessionCookie(sid: string): string {
  const signature = createHmac('sha256', SESSION_SECRET).update(sid).digest('base64').replace(/=/g, '');
  return `focolare_sid=${encodeURIComponent(`${sid}.${signature}`)}`;
}

type TCitizen = { n: number; applicationId: string; sid: string; cookie: string };

async function seedCitizens(db: TDb, tenantId: TenantId, callId: string, count: number): Promise<TCitizen[]> {
  const drafts = await insertExampleDrafts(db, { tenantId, callId, count, usernamePrefix: 'cittadino' });
  const out: TCitizen[] = [];
  const loginAt = Date.now();
  const expires = new Date(loginAt + 4 * 3_600_000);
  for (let from = 0; from < count; from += 1000) {
    const rows = drafts.slice(from, from + 1000).map((d) => {
      const sid = randomBytes(24).toString('base64url');
      return { ...d, sid, cookie: sessionCookie(sid) };
    });
    // What a password login leaves in the session (accounts/routes.tsx startSession).
    await db
      .insertInto('sessions')
      .values(
        rows.map((r) => ({
          sid: r.sid,
          data: JSON.stringify({
            cookie: {
              originalMaxAge: null,
              expires: null,
              secure: 'auto',
              httpOnly: true,
              path: '/',
              sameSite: 'lax',
            },
            tenantId,
            userId: r.userId,
            loginAt,
          }),
          expires_at: expires,
          tenant_id: tenantId,
          user_id: r.userId,
        })),
      )
      .execute();
    out.push(...rows.map(({ n, applicationId, sid, cookie }) => ({ n, applicationId, sid, cookie })));
  }
  return out;
}

/** Single-row INSERT-and-commit per second with `connections` connections, each inserting in a loop. */
async function rawInsertRate(url: string, connections: number, seconds: number): Promise<number> {
  const pool = new pg.Pool({ connectionString: url, max: connections });
  pool.on('error', () => {});
  try {
    await pool.query(
      'create table if not exists bench_raw (id bigserial primary key, v text not null, at timestamptz not null default now())',
    );
    let count = 0;
    const end = performance.now() + seconds * 1000;
    const start = performance.now();
    await Promise.all(
      Array.from({ length: connections }, async () => {
        const client = await pool.connect();
        try {
          while (performance.now() < end) {
            await client.query('insert into bench_raw (v) values ($1)', ['x'.repeat(40)]);
            count++;
          }
        } finally {
          client.release();
        }
      }),
    );
    return count / ((performance.now() - start) / 1000);
  } finally {
    await pool.end();
  }
}

async function dbStats(db: TDb) {
  const r = await sql<{
    xact_commit: number;
    xact_rollback: number;
    tup_inserted: number;
    tup_updated: number;
    tup_fetched: number;
  }>`
    select xact_commit::bigint, xact_rollback::bigint, tup_inserted::bigint, tup_updated::bigint, tup_fetched::bigint
      from pg_stat_database where datname = current_database()`.execute(db);
  return r.rows[0]!;
}

/** CPU seconds (user + system) of a process, from /proc (Linux); NaN where it cannot be read. */
function cpuSecondsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

/** CPU seconds of every PostgreSQL process on this machine (other databases' work included). */
function postgresCpuSeconds(): number {
  let total = 0;
  try {
    for (const d of readdirSync('/proc')) {
      if (!/^\d+$/.test(d)) continue;
      try {
        if (readFileSync(`/proc/${d}/comm`, 'utf8').trim() !== 'postgres') continue;
      } catch {
        continue;
      }
      const s = cpuSecondsOf(Number(d));
      if (Number.isFinite(s)) total += s;
    }
  } catch {
    return Number.NaN;
  }
  return total;
}

type TCpu = { server: number; bench: number; postgres: number; at: number };
function cpuNow(serverPid: number | undefined): TCpu {
  const own = process.cpuUsage();
  return {
    server: serverPid ? cpuSecondsOf(serverPid) : Number.NaN,
    bench: (own.user + own.system) / 1e6,
    postgres: postgresCpuSeconds(),
    at: now(),
  };
}

// ---------------------------------------------------------------------------------------------------------
// The server process

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (a && typeof a !== 'string' ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

class Server {
  proc: ChildProcess | null = null;
  readonly errorLines: string[] = [];
  readonly tail: string[] = [];
  stats = '';
  errorCount = 0;
  constructor(
    private readonly env: Record<string, string>,
    readonly port: number,
  ) {}

  async start(): Promise<number> {
    const t = now();
    const proc = spawn(process.execPath, [...SERVER_NODE_ARGS, '--import', 'tsx', SERVER_SCRIPT], {
      cwd: root,
      env: { ...this.env, PORT: String(this.port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.proc = proc;
    const collect = (line: string) => {
      if (line.startsWith('BENCH-STATS ')) {
        this.stats = line.slice('BENCH-STATS '.length);
        return;
      }
      if (line.trim()) this.tail.push(line.slice(0, 400));
      if (this.tail.length > 20) this.tail.shift();
      if (!/"level":(40|50|60)|Error|error/.test(line)) return;
      this.errorCount++;
      if (this.errorLines.length < 5) this.errorLines.push(line.slice(0, 400));
    };
    createInterface({ input: proc.stdout! }).on('line', collect);
    createInterface({ input: proc.stderr! }).on('line', collect);
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (proc.exitCode !== null)
        throw new Error(`server exited with ${proc.exitCode}:\n${this.tail.join('\n')}`);
      try {
        const r = await fetch(`http://127.0.0.1:${this.port}/healthz`);
        if (r.ok) return now() - t;
      } catch {
        /* not yet listening */
      }
      if (Date.now() > deadline) throw new Error('server did not start within 60 s');
      await sleep(50);
    }
  }

  async kill(signal: NodeJS.Signals): Promise<void> {
    const proc = this.proc;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    proc.kill(signal);
    const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}

// ---------------------------------------------------------------------------------------------------------
// The load generator

type TStorm = {
  type: 'stormed';
  start: number;
  elapsedMs: number;
  firstAckAt: number;
  lastAckAt: number;
  ackedIndexes: number[];
  latencies: number[];
  ackTimes: number[];
  e2e: number[];
  retried: number;
  outcomes: Record<string, number>;
  acked: number;
  busy: number;
  noAnswer: number;
  unansweredCitizens: number[];
  statuses: Record<string, number>;
  errors: Record<string, number>;
};

class LoadClient {
  private readonly worker: Worker;
  private waiting: ((m: { type: string; error?: string }) => void) | null = null;
  acked = 0;
  private readonly ready: Promise<void>;

  constructor(port: number, citizens: TCitizen[]) {
    this.worker = new Worker(new URL('./click-day-client.mjs', import.meta.url), {
      workerData: {
        port,
        host: HOST,
        clients: CLIENTS,
        sessions: citizens.map((c) => ({ id: c.applicationId, cookie: c.cookie })),
        timeoutMs: 60_000,
        giveUpMs: 180_000,
      },
    });
    let markReady: () => void;
    this.ready = new Promise((r) => (markReady = r));
    this.worker.on('message', (m: { type: string; acked?: number; error?: string }) => {
      if (m.type === 'ready') markReady();
      else if (m.type === 'progress') this.acked = m.acked!;
      else {
        const w = this.waiting;
        this.waiting = null;
        w?.(m);
      }
    });
    this.worker.on('error', (err) => {
      console.error(err);
      process.exit(1);
    });
  }

  async run<T>(command: Record<string, unknown>): Promise<T> {
    await this.ready;
    const reply = await new Promise<{ type: string; error?: string }>((resolve) => {
      this.waiting = resolve;
      this.worker.postMessage(command);
    });
    if (reply.type === 'error') throw new Error(reply.error);
    return reply as T;
  }

  async close() {
    await this.worker.terminate();
  }
}

/** The statements and event-loop figures of bench/click-day-server.ts, per acknowledged submission. */
function printProfile(stats: string, acks: number) {
  if (!stats) {
    log('  profile: the server printed no figures');
    return;
  }
  const p = JSON.parse(stats) as {
    eventLoopUtilisation: number;
    loopDelayMs: { p50: number; p99: number; max: number };
    statements: Array<{ sql: string; n: number; ms: number }>;
  };
  const total = p.statements.reduce((s, x) => s + x.n, 0);
  log(
    `  profile (server, storm only): event loop utilisation ${p.eventLoopUtilisation}; loop delay beyond a 10 ms timer: p50 ${fmt(p.loopDelayMs.p50 - 10)} ms, p99 ${fmt(p.loopDelayMs.p99 - 10)} ms, max ${fmt(p.loopDelayMs.max - 10)} ms`,
  );
  log(`  statements: ${total} (${fmt(total / acks, 2)} per acknowledgement); by total time:`);
  for (const x of p.statements.slice(0, 25))
    log(
      `    ${String(x.n).padStart(7)} × ${fmt(x.ms / x.n, 2).padStart(7)} ms = ${String(x.ms).padStart(7)} ms  ${fmt(x.n / acks, 2).padStart(6)}/ack  ${x.sql}`,
    );
}

// ---------------------------------------------------------------------------------------------------------
// Checks

type TCheck = { name: string; value: string; ok: boolean };

async function runChecks(
  db: TDb,
  tenantId: TenantId,
  callId: string,
  budgetCents: number,
  citizens: TCitizen[],
  ackedIndexes: number[],
): Promise<{ checks: TCheck[]; summary: string[] }> {
  const apps = (
    await db
      .selectFrom('grant_applications')
      .select(['id', 'arrival_seq', 'protocol', 'funding', 'status', 'requested_cents', 'reserved_cents'])
      .where('tenant_id', '=', tenantId)
      .where('call_id', '=', callId)
      .orderBy('arrival_seq')
      .execute()
  ).map((a) => ({
    ...a,
    arrival_seq: a.arrival_seq === null ? null : Number(a.arrival_seq),
    requested_cents: a.requested_cents === null ? null : Number(a.requested_cents),
    reserved_cents: Number(a.reserved_cents),
  }));
  const byId = new Map(apps.map((a) => [a.id, a]));
  const submitted = apps.filter((a) => a.arrival_seq !== null);
  const ledger = await db
    .selectFrom('grant_ledger')
    .select(['id', 'kind', 'application_id', 'delta_cents', 'available_after_cents'])
    .where('tenant_id', '=', tenantId)
    .where('call_id', '=', callId)
    .orderBy('id')
    .execute();

  // Ledger: a chain, never negative; per application it agrees with reserved_cents.
  let running = 0;
  let chainBreaks = 0;
  let negative = 0;
  const netPerApp = new Map<string, number>();
  for (const row of ledger) {
    running += Number(row.delta_cents);
    if (Number(row.available_after_cents) !== running) chainBreaks++;
    if (running < 0 || Number(row.available_after_cents) < 0) negative++;
    if (row.application_id)
      netPerApp.set(row.application_id, (netPerApp.get(row.application_id) ?? 0) - Number(row.delta_cents));
  }
  const ledgerBudget = ledger
    .filter((r) => r.kind === 'budget')
    .reduce((s, r) => s + Number(r.delta_cents), 0);
  const reservedByLedger = ledgerBudget - running;
  const reservedByApps = apps.reduce((s, a) => s + a.reserved_cents, 0);
  const ledgerDisagrees = apps.filter((a) => (netPerApp.get(a.id) ?? 0) !== a.reserved_cents).length;

  // Acknowledged receipts: every 303 to the citizen's own application page (the client counts only those)
  // must be a stored submission with its protocol number.
  const ackedApps = ackedIndexes.map((i) => citizens[i]!);
  const missing = ackedApps.filter((c) => !byId.get(c.applicationId)?.protocol).length;

  // Strict arrival order: the longest prefix that fits is funded in full, everyone after it waits.
  let available = budgetCents;
  let blocked = false;
  let orderMismatch = 0;
  let firstMismatch = '';
  for (const a of submitted) {
    let expected: string;
    if (!blocked && a.requested_cents! <= available) {
      expected = 'reserved';
      available -= a.requested_cents!;
    } else {
      blocked = true;
      expected = 'waiting';
    }
    if (a.funding !== expected) {
      orderMismatch++;
      firstMismatch ||= ` (first: #${a.arrival_seq} ${a.protocol} is ${a.funding}, expected ${expected})`;
    }
  }
  const funded = submitted.filter((a) => a.funding === 'reserved' || a.funding === 'partial');
  const waiting = submitted.filter((a) => a.funding === 'waiting');
  const both =
    waiting.filter((a) => a.reserved_cents !== 0 || (netPerApp.get(a.id) ?? 0) !== 0).length +
    funded.filter((a) => a.funding === 'reserved' && a.reserved_cents !== a.requested_cents).length;
  const undecided = submitted.filter((a) => !['reserved', 'partial', 'waiting'].includes(a.funding)).length;
  const seqs = new Set(submitted.map((a) => a.arrival_seq));
  const protocols = new Set(submitted.map((a) => a.protocol));
  const nOf = new Map(citizens.map((c) => [c.applicationId, c.n]));
  const wrongAmount = submitted.filter((a) => a.requested_cents !== requestedCentsOf(nOf.get(a.id)!)).length;

  const overCents = Math.max(0, reservedByLedger - budgetCents);
  const checks: TCheck[] = [
    {
      name: 'euros over-allocated (reservations − budget)',
      value: euro(overCents),
      ok: overCents === 0 && reservedByLedger <= budgetCents,
    },
    { name: 'acknowledged receipts missing from the database', value: String(missing), ok: missing === 0 },
    {
      name: 'funded set = longest fundable prefix of arrival order',
      value: `${orderMismatch === 0 ? 'yes' : 'no'}, ${orderMismatch} out of place${firstMismatch}`,
      ok: orderMismatch === 0,
    },
    { name: 'applications both funded and waiting (or part-reserved)', value: String(both), ok: both === 0 },
    {
      name: 'submitted applications without a funding decision',
      value: String(undecided),
      ok: undecided === 0,
    },
    {
      name: 'ledger chain breaks / negative balances',
      value: `${chainBreaks} / ${negative}`,
      ok: chainBreaks === 0 && negative === 0,
    },
    {
      name: 'ledger ≠ applications (per application / total)',
      value: `${ledgerDisagrees} / ${euro(reservedByLedger - reservedByApps)}`,
      ok: ledgerDisagrees === 0 && reservedByLedger === reservedByApps,
    },
    {
      name: 'arrival numbers and protocols distinct',
      value: seqs.size === submitted.length && protocols.size === submitted.length ? 'yes' : 'no',
      ok: seqs.size === submitted.length && protocols.size === submitted.length,
    },
    { name: 'requested amounts as drafted', value: `${wrongAmount} wrong`, ok: wrongAmount === 0 },
  ];
  const summary = [
    `  database: ${submitted.length} submitted (${ackedIndexes.length} acknowledged to clients), ${funded.length} funded, ${waiting.length} waiting; reserved ${euro(reservedByLedger)} of ${euro(budgetCents)}, left ${euro(running)}`,
  ];
  return { checks, summary };
}

// ---------------------------------------------------------------------------------------------------------

async function main(): Promise<number> {
  const dbName = `focolare_clickday_${randomBytes(4).toString('hex')}`;
  const url = withDatabase(ADMIN_URL, dbName);
  await adminExec(`create database ${dbName}`);
  const handle = openPostgres(url, 4);
  const db = handle.db;
  let server: Server | null = null;
  let client: LoadClient | null = null;
  try {
    let t = now();
    await migrateToLatest(db);
    const tenant = await insertTenant(db, {
      slug: TENANT_SLUG,
      name: 'Ente di prova (click day)',
      activationEmail: 'attivazioni@bench.example.org',
      passwordPolicy: 'min6',
    });
    const budgetCents = Math.floor(N / 4) * 250_000;
    const callId = await seedPuglia2024Call(db, tenant.id, {
      code: 'click-day',
      protocolPrefix: 'CD',
      opensAt: new Date(),
      closesAt: new Date(Date.now() + 86_400_000),
      budgetCents,
    });
    const citizens = await seedCitizens(db, tenant.id, callId, N);
    await sql`analyze`.execute(db);
    const seedSeconds = (now() - t) / 1000;

    log('Focolare — bench:click-day');
    log(
      `  machine: ${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'n/a'}), Node ${process.version}; PostgreSQL ${(await sql<{ v: string }>`select current_setting('server_version') as v`.execute(db)).rows[0]!.v}, database ${dbName}`,
    );
    log(
      `  mode: ${MODE}; N=${N} citizens, ${CLIENTS} clients; app pool DATABASE_POOL_SIZE=${POOL_SIZE}; GRANT_INTAKE_MAX_IN_FLIGHT=${MAX_IN_FLIGHT ?? `${serverConfig.grantIntakeMaxInFlight} (default)`}`,
    );
    log(
      `  seed: ${N} users, drafts, ${N * ATTACHMENT_KINDS.length} attachments, sessions in ${fmt(seedSeconds)} s; budget ${euro(budgetCents)}`,
    );

    const rawBefore = await rawInsertRate(url, POOL_SIZE, RAW_SECONDS);

    const port = await freePort();
    server = new Server({ ...serverEnv, DATABASE_URL: url }, port);
    const bootMs = await server.start();
    log(
      `  server: node --import tsx ${SERVER_SCRIPT}${argv['no-jobs'] ? ' (background jobs off)' : ''} on 127.0.0.1:${port}, ready in ${fmt(bootMs / 1000)} s`,
    );

    client = new LoadClient(port, citizens);
    t = now();
    const pre = await client.run<{
      ok: number;
      failures: number;
      statuses: Record<string, number>;
      firstFailure: string;
      elapsedMs: number;
    }>({
      cmd: 'prefetch',
      concurrency: Math.min(CLIENTS, 100),
    });
    log(
      `  before the opening: GET /profilo for every citizen (signed cookie → logged in, CSRF token kept): ${pre.ok}/${N} in ${fmt(pre.elapsedMs / 1000)} s (${fmt(pre.ok / (pre.elapsedMs / 1000), 0)}/s); statuses ${JSON.stringify(pre.statuses)}`,
    );
    if (pre.failures > 0)
      throw new Error(`prefetch failed for ${pre.failures} citizens: ${pre.firstFailure}`);

    const warmed = await client.run<{ elapsedMs: number; sockets: number; maxMs: number }>({ cmd: 'warm' });
    log(
      `  connections: ${warmed.sockets} keep-alive connections open before the opening (${CLIENTS} GET /healthz at once: slowest ${fmt(warmed.maxMs, 0)} ms)`,
    );

    // Allocation progress: how many submitted applications are still pending, polled all along.
    const polls: Array<{ at: number; pending: number }> = [];
    let polling = true;
    // Profile: what the server's PostgreSQL connections are doing, sampled with the polls during the storm.
    let sampling = false;
    let waitSamples = 0;
    const waits = new Map<string, number>();
    const poller = (async () => {
      while (polling) {
        const at = now();
        const r = await sql<{ n: number }>`
          select count(*)::int as n from grant_applications
           where call_id = ${callId} and funding = 'pending'`.execute(db);
        polls.push({ at, pending: r.rows[0]!.n });
        if (PROFILE && sampling) {
          const w = await sql<{ k: string; n: number }>`
            select coalesce(state, '?') || ' ' || coalesce(wait_event_type || ':' || wait_event, 'on CPU') as k,
                   count(*)::int as n
              from pg_stat_activity
             where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'
             group by 1`.execute(db);
          waitSamples++;
          for (const row of w.rows) waits.set(row.k, (waits.get(row.k) ?? 0) + row.n);
        }
        await sleep(20);
      }
    })();

    if (PROFILE) server.proc!.kill('SIGUSR2');
    sampling = true;
    const statsBefore = await dbStats(db);
    const cpuBefore = cpuNow(server.proc?.pid);
    let calibration: TStorm | null = null;
    let sustainable = 0;
    let killInfo = '';
    let killedAtMs = 0;
    let storm: TStorm;
    if (MODE === 'overload') {
      const calibrationCount = Math.max(200, Math.floor(N / 5));
      const concurrency = Math.min(CLIENTS, Number(MAX_IN_FLIGHT));
      calibration = await client.run<TStorm>({ cmd: 'storm', from: 0, to: calibrationCount, concurrency });
      sustainable = calibration.acked / ((calibration.lastAckAt - calibration.start) / 1000);
      log(
        `  calibration: ${calibration.acked} submissions, ${concurrency} clients (≤ max in flight): ${fmt(sustainable, 0)} acks/s sustainable; p50/p99 ${fmt(percentile(calibration.latencies, 50), 0)}/${fmt(percentile(calibration.latencies, 99), 0)} ms; 503: ${calibration.busy}`,
      );
      await sleep(1000);
      storm = await client.run<TStorm>({
        cmd: 'storm',
        from: calibrationCount,
        to: N,
        concurrency: CLIENTS,
        rate: 3 * sustainable,
      });
    } else if (MODE === 'kill') {
      const killAtAcks = Math.floor(N * (0.2 + Math.random() * 0.4));
      const stormDone = client.run<TStorm>({ cmd: 'storm', from: 0, to: N, concurrency: CLIENTS });
      const killer = (async () => {
        while (client.acked < killAtAcks) await sleep(5);
        killedAtMs = Date.now();
        const killedAt = now();
        await server.kill('SIGKILL');
        const restartMs = await server.start();
        killInfo = `  SIGKILL after ${client.acked} acknowledgements (target ${killAtAcks}); restarted and healthy ${fmt(restartMs / 1000)} s later (down ${fmt((now() - killedAt) / 1000)} s)`;
      })();
      storm = await stormDone;
      await killer;
    } else {
      storm = await client.run<TStorm>({ cmd: 'storm', from: 0, to: N, concurrency: CLIENTS });
    }
    const cpuAfter = cpuNow(server.proc?.pid);
    sampling = false;
    const statsAfter = await dbStats(db);

    // Wait until nothing is pending after the last acknowledgement.
    const waitDeadline = now() + 120_000;
    let settledAt = Number.NaN;
    for (;;) {
      const done = polls.find((p) => p.at >= storm.lastAckAt && p.pending === 0);
      if (done) {
        settledAt = done.at;
        break;
      }
      if (now() > waitDeadline) break;
      await sleep(20);
    }
    polling = false;
    await poller;
    const rawAfter = await rawInsertRate(url, POOL_SIZE, RAW_SECONDS);

    // Figures.
    const ackSeconds = (storm.lastAckAt - storm.start) / 1000;
    const ackRate = storm.acked / ackSeconds;
    const raw = (rawBefore + rawAfter) / 2;
    const ratio = ackRate / raw;
    const p50 = percentile(storm.latencies, 50);
    const p99 = percentile(storm.latencies, 99);
    const lag = (settledAt - storm.lastAckAt) / 1000;
    const commits = statsAfter.xact_commit - statsBefore.xact_commit;
    const met = (ok: boolean) => (ok ? 'MET' : 'NOT MET');
    log('');
    if (killInfo) log(killInfo);
    log(
      `  storm: ${storm.acked} acknowledged (303 → receipt) of ${
        storm.ackedIndexes.length +
        Object.entries(storm.outcomes)
          .filter(([k]) => k !== 'ack')
          .reduce((s, [, v]) => s + v, 0)
      } citizens in ${fmt(ackSeconds, 2)} s; outcomes ${JSON.stringify(storm.outcomes)}`,
    );
    log(
      `  responses: ${JSON.stringify(storm.statuses)}; 503 (busy, retried after Retry-After): ${storm.busy}; no answer (retried): ${storm.noAnswer}${storm.noAnswer ? ` ${JSON.stringify(storm.errors)}` : ''}; citizens who needed more than one attempt: ${storm.retried}`,
    );
    if (MODE === 'overload')
      log(
        `  overload: arrivals at 3 × ${fmt(sustainable, 0)} = ${fmt(3 * sustainable, 0)}/s (open loop, ≤ ${CLIENTS} sockets)`,
      );
    log(
      `  acknowledged submissions per second: ${fmt(ackRate, 0)}   target ≥ ${TARGET.acksPerSecond}: ${met(ackRate >= TARGET.acksPerSecond)}`,
    );
    log(
      `  latency of the acknowledged request: p50 ${fmt(p50, 0)} ms, p99 ${fmt(p99, 0)} ms   target p99 ≤ ${TARGET.p99Ms} ms: ${met(p99 <= TARGET.p99Ms)}`,
    );
    log(
      `  first click → receipt (503 waits and retries included): p50 ${fmt(percentile(storm.e2e, 50), 0)} ms, p99 ${fmt(percentile(storm.e2e, 99), 0)} ms, max ${fmt(percentile(storm.e2e, 100), 0)} ms`,
    );
    log(
      `  raw single-row INSERT+commit, ${POOL_SIZE} connections: ${fmt(raw, 0)}/s (before ${fmt(rawBefore, 0)}, after ${fmt(rawAfter, 0)})`,
    );
    log(`  ratio intake / raw: ${fmt(ratio, 2)}   target ≥ ${TARGET.ratio}: ${met(ratio >= TARGET.ratio)}`);
    log(
      `  allocation: every application funded or waiting ${Number.isFinite(lag) ? `${fmt(Math.max(0, lag), 2)} s` : 'NOT within 120 s'} after the last acknowledgement`,
    );
    log(
      `  database during the storm: ${commits} commits (${fmt(commits / storm.acked, 2)} per acknowledgement), ${statsAfter.tup_fetched - statsBefore.tup_fetched} rows fetched, ${statsAfter.tup_inserted - statsBefore.tup_inserted} inserted, ${statsAfter.tup_updated - statsBefore.tup_updated} updated`,
    );
    const cpuSpan = (cpuAfter.at - cpuBefore.at) / 1000;
    const cpuLine = (label: string, secs: number) =>
      `${label} ${fmt(secs)} s (${fmt((100 * secs) / cpuSpan, 0)} % of one core, ${fmt((1000 * secs) / storm.acked, 2)} ms per ack)`;
    log(
      `  CPU during the storm (${fmt(cpuSpan)} s, 2 cores = 200 %): ${[
        cpuLine('server', MODE === 'kill' ? Number.NaN : cpuAfter.server - cpuBefore.server),
        cpuLine('load generator + bench', cpuAfter.bench - cpuBefore.bench),
        cpuLine(
          MODE === 'kill'
            ? 'all postgres processes (backends of the killed server not counted)'
            : 'all postgres processes',
          cpuAfter.postgres - cpuBefore.postgres,
        ),
      ].join('; ')}`,
    );
    if (server.errorCount > 0)
      log(
        `  server log: ${server.errorCount} warning/error lines, e.g.\n    ${server.errorLines.join('\n    ')}`,
      );

    if (PROFILE) {
      await server.kill('SIGTERM');
      printProfile(server.stats, storm.acked + (calibration?.acked ?? 0));
      const slowest = storm.latencies
        .map((ms, k) => ({ ms, sent: (storm.ackTimes[k]! - ms - storm.start) / 1000 }))
        .sort((a, b) => b.ms - a.ms)
        .slice(0, 8);
      log(
        `  slowest acknowledged requests (sent at +s after the opening: took ms): ${slowest.map((x) => `+${fmt(x.sent, 2)}: ${fmt(x.ms, 0)}`).join(', ')}`,
      );
      const byTenth = Array.from({ length: 10 }, (_, d) => {
        const span = (storm.lastAckAt - storm.start) / 10;
        const lat = storm.latencies.filter((_, k) => {
          const sent = storm.ackTimes[k]! - storm.latencies[k]! - storm.start;
          return sent >= d * span && sent < (d + 1) * span;
        });
        return `${lat.length}:${fmt(percentile(lat, 50), 0)}/${fmt(percentile(lat, 99), 0)}`;
      });
      log(`  by tenth of the storm (requests sent: p50/p99 ms): ${byTenth.join('  ')}`);
      log(
        `  PostgreSQL connections of the bench database (${waitSamples} samples; mean connections in each state, poller excluded):`,
      );
      for (const [k, n] of [...waits].sort((a, b) => b[1] - a[1]))
        log(`    ${fmt(n / waitSamples, 2).padStart(6)}  ${k}`);
    }

    if (MODE === 'kill') {
      const ids = storm.unansweredCitizens.map((i) => citizens[i]!.applicationId);
      let before = 0;
      for (let i = 0; i < ids.length; i += 5000) {
        const r = await db
          .selectFrom('grant_applications')
          .select(sql<number>`count(*)::int`.as('n'))
          .where('id', 'in', ids.slice(i, i + 5000))
          .where('submitted_at', '<', new Date(killedAtMs))
          .executeTakeFirstOrThrow();
        before += r.n;
      }
      log(
        `  kill: ${ids.length} citizens got no answer at least once; ${before} of them had been stored before the SIGKILL (answer lost) and got that same receipt on retrying, the others were stored by the restarted server`,
      );
    }

    const acked = [...(calibration?.ackedIndexes ?? []), ...storm.ackedIndexes];
    const { checks, summary } = await runChecks(db, tenant.id, callId, budgetCents, citizens, acked);
    log('');
    for (const line of summary) log(line);
    log('  checks:');
    for (const c of checks) log(`    [${c.ok ? 'yes' : 'NO '}] ${c.name}: ${c.value}`);
    const failed = checks.filter((c) => !c.ok).length + (Number.isFinite(lag) ? 0 : 1);
    log(failed === 0 ? '  all checks passed' : `  ${failed} CHECK(S) FAILED`);
    return failed === 0 ? 0 : 1;
  } finally {
    await client?.close();
    await server?.kill('SIGTERM');
    await handle.close();
    if (argv['keep-db']) log(`  database kept: ${url}`);
    else await adminExec(`drop database if exists ${dbName} with (force)`);
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
