/**
 * Login benchmark: `npm run bench:login`.
 *
 * Measures, in one run and on this machine:
 *  - the raw argon2id rate of @node-rs/argon2 `verify` at the app's parameters (ARGON2_OPTIONS, one
 *    stored hash), with as many verifications in flight as there are cores;
 *  - logins per second through real HTTP on 127.0.0.1: the forms are got first (GET /accesso gives the
 *    session cookie and the CSRF token), then POST /accesso with BENCH_CONCURRENCY in flight; only a
 *    303 to /area-riservata counts. The app's PasswordHasher has one thread per core;
 *  - the latency of GET /healthz while the logins run, against the same server at rest.
 * A login costs exactly one argon2id verification, so HTTP rate / raw rate says how much of the hashing
 * capacity is left once the rest of the request (session, CSRF, audit chain, HTML) is paid. Target ≥ 0.8.
 *
 * The raw rate and the HTTP rate are measured in alternating rounds (raw, HTTP, raw, …) and each round's
 * ratio uses the raw rates measured just before and after it, so a noisy neighbour on a shared machine
 * moves both figures together. A last round times whole logins (GET + POST each) for information.
 *
 * Database: createTestDatabase (test/helpers/test-db.ts): an in-memory PGlite, or, with DATABASE_URL, a
 * new throw-away database on that server (created, migrated, and dropped at the end).
 * Knobs (environment): BENCH_ROUNDS (4), BENCH_LOGINS per round (100), BENCH_CONCURRENCY (8),
 * BENCH_ACCOUNTS (20). Bounded: each phase has a time budget, and a watchdog ends the run after 110 s.
 */
import { availableParallelism, cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { verify } from '@node-rs/argon2';
import { buildApp } from '../src/app.js';
import type { TAppDeps } from '../src/app-deps.js';
import { ARGON2_OPTIONS, PasswordHasher } from '../src/auth/password-hash.js';
import { createStaffAccount } from '../src/modules/accounts/create-staff-account.js';
import { findUserByLogin } from '../src/modules/accounts/users.js';
import { createTestTenant, testConfig } from '../test/helpers/test-app.js';
import { createTestDatabase } from '../test/helpers/test-db.js';

const WATCHDOG_MS = 110_000;
const RAW_BUDGET_MS = 4_000;
const STORM_BUDGET_MS = 10_000;

const positiveInt = (name: string, fallback: number): number => {
  const n = Number(process.env[name]);
  return Number.isInteger(n) && n > 0 ? n : fallback;
};
const ROUNDS = Math.min(positiveInt('BENCH_ROUNDS', 4), 10);
const LOGINS = Math.min(positiveInt('BENCH_LOGINS', 100), 2000);
const CONCURRENCY = Math.min(positiveInt('BENCH_CONCURRENCY', 8), 256);
const ACCOUNTS = Math.min(positiveInt('BENCH_ACCOUNTS', 20), 500);
const PASSWORD = 'Bench-Password-2026!';
const CORES = availableParallelism();

type TSummary = { n: number; p50: number; p95: number; max: number };
type TStorm = {
  attempted: number;
  successes: number;
  failures: number;
  statuses: Record<string, number>;
  elapsedMs: number;
  timedOut: boolean;
  post: TSummary;
  health: TSummary;
  healthFailures: number;
  healthIdle: TSummary;
};

const watchdog = setTimeout(() => {
  console.error(`bench:login: superato il limite di ${WATCHDOG_MS / 1000} s, interrotto.`);
  process.exit(2);
}, WATCHDOG_MS);
watchdog.unref();

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/d');
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
/** Process CPU time (all threads, load generator included) spent in the raw and in the HTTP phases. */
const cpuSpent = { raw: 0, rawCount: 0, http: 0, httpCount: 0 };
const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;

/** `count` verifications of one hash with `concurrency` in flight, straight on the library: per second. */
async function rawVerifyRate(hash: string, count: number, concurrency: number): Promise<number> {
  let next = 0;
  let done = 0;
  const deadline = performance.now() + RAW_BUDGET_MS;
  const cpu = process.cpuUsage();
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count && performance.now() < deadline) {
        next++;
        if (!(await verify(hash, PASSWORD))) throw new Error('raw verify returned false');
        done++;
      }
    }),
  );
  cpuSpent.raw += cpuMs(process.cpuUsage(cpu));
  cpuSpent.rawCount += done;
  return done / ((performance.now() - start) / 1000);
}

/** One storm of logins, driven from a worker thread (bench/login-client.mjs). */
function runStorm(data: Record<string, unknown>): Promise<TStorm> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./login-client.mjs', import.meta.url), { workerData: data });
    worker.once('message', (m: TStorm & { error?: string }) => {
      void worker.terminate();
      if (m.error) reject(new Error(m.error));
      else resolve(m);
    });
    worker.once('error', reject);
  });
}

const rate = (s: TStorm) => s.successes / (s.elapsedMs / 1000);

async function main(): Promise<number> {
  const tdb = await createTestDatabase();
  const config = testConfig({ RATE_LIMIT_PER_MINUTE: '1000000', HASH_THREADS: '0' });
  const deps: TAppDeps = { config, db: tdb.db, hasher: new PasswordHasher(0), now: () => new Date() };

  const tenant = await createTestTenant(tdb.db, { slug: `bench${Date.now().toString(36)}` });
  const usernames = Array.from(
    { length: ACCOUNTS },
    (_, i) => `bench.utente${String(i + 1).padStart(3, '0')}`,
  );
  await Promise.all(
    usernames.map((username) =>
      createStaffAccount(
        deps,
        tenant,
        {
          username,
          email: `${username}@${tenant.slug}.example.org`,
          fullName: `Utente ${username}`,
          initialPassword: PASSWORD,
          role: 'officer',
          mustChangePassword: false,
        },
        { id: null, label: 'bench', ip: null },
      ),
    ),
  );
  const sample = await findUserByLogin(tdb.db, tenant.id, usernames[0]!, false);
  if (!sample) throw new Error('bench account not found');

  const app = await buildApp(deps, { logger: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no TCP address');
  const stormData = (mode: 'post' | 'full', round: number) => ({
    mode,
    port: address.port,
    host: `${tenant.slug}.localhost`,
    usernames,
    password: PASSWORD,
    firstIndex: round * LOGINS,
    logins: LOGINS,
    concurrency: CONCURRENCY,
    timeBudgetMs: STORM_BUDGET_MS,
    healthIntervalMs: 20,
    healthBaseline: round === 0 ? 40 : 0,
  });

  // Warm-up (JIT, first queries, argon2 memory, HTTP path): not measured.
  await rawVerifyRate(sample.password_hash, CORES * 4, CORES);
  await runStorm({ ...stormData('post', 0), logins: CONCURRENCY * 2, healthBaseline: 0 });

  const rawCount = Math.max(LOGINS, CORES * 25);
  const raws: number[] = [await rawVerifyRate(sample.password_hash, rawCount, CORES)];
  const storms: TStorm[] = [];
  const ratios: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const cpu = process.cpuUsage();
    const s = await runStorm(stormData('post', round));
    cpuSpent.http += cpuMs(process.cpuUsage(cpu));
    cpuSpent.httpCount += s.successes;
    storms.push(s);
    raws.push(await rawVerifyRate(sample.password_hash, rawCount, CORES));
    ratios.push(rate(s) / ((raws[round]! + raws[round + 1]!) / 2));
  }
  const full = await runStorm(stormData('full', ROUNDS));
  const rawAfterFull = await rawVerifyRate(sample.password_hash, rawCount, CORES);
  const fullRatio = rate(full) / ((raws.at(-1)! + rawAfterFull) / 2);

  const totalOk = storms.reduce((n, s) => n + s.successes, 0);
  const totalAttempted = storms.reduce((n, s) => n + s.attempted, 0);
  const totalFailures = storms.reduce((n, s) => n + s.failures, 0);
  const totalSeconds = storms.reduce((n, s) => n + s.elapsedMs, 0) / 1000;
  const statuses: Record<string, number> = {};
  for (const s of storms)
    for (const [k, v] of Object.entries(s.statuses)) statuses[k] = (statuses[k] ?? 0) + v;
  const rawMean = raws.reduce((a, b) => a + b, 0) / raws.length;
  const httpRate = totalOk / totalSeconds;
  const ratio = median(ratios);
  const idle = storms[0]!.healthIdle;
  const postP = storms.map((s) => s.post);
  const healthP = storms.map((s) => s.health);

  const lines = [
    'Focolare — bench:login',
    `  macchina: ${CORES} core (${cpus()[0]?.model.trim() ?? 'n/d'}), Node ${process.version}, UV_THREADPOOL_SIZE=${process.env.UV_THREADPOOL_SIZE ?? '4 (predefinito)'}`,
    `  database: ${tdb.engine}; argon2id m=${ARGON2_OPTIONS.memoryCost} KiB, t=${ARGON2_OPTIONS.timeCost}, p=${ARGON2_OPTIONS.parallelism}; PasswordHasher: ${deps.hasher.threads} thread`,
    `  carico: ${ROUNDS} giri da ${LOGINS} accessi, ${CONCURRENCY} in volo, ${ACCOUNTS} account, Host ${tenant.slug}.localhost → 127.0.0.1:${address.port}`,
    '',
    '  giro  argon2 diretto/s  accessi HTTP/s  rapporto  POST p50/p95 ms  /healthz p50/p95 ms',
    ...storms.map(
      (s, i) =>
        `  ${String(i + 1).padStart(4)}  ${fmt((raws[i]! + raws[i + 1]!) / 2).padStart(16)}  ${fmt(rate(s)).padStart(14)}  ${fmt(ratios[i]!, 2).padStart(8)}  ${`${fmt(s.post.p50, 0)}/${fmt(s.post.p95, 0)}`.padStart(15)}  ${`${fmt(s.health.p50, 1)}/${fmt(s.health.p95, 1)}`.padStart(19)}`,
    ),
    '',
    `  argon2id verify diretto (${CORES} in parallelo): ${fmt(rawMean)}/s (min ${fmt(Math.min(...raws))}, max ${fmt(Math.max(...raws))})`,
    `  accessi via HTTP (POST /accesso):          ${fmt(httpRate)}/s — ${totalOk}/${totalAttempted} riusciti (303) in ${fmt(totalSeconds, 2)} s; risposte ${Object.entries(
      statuses,
    )
      .map(([k, v]) => `${k}×${v}`)
      .join(', ')}${storms.some((s) => s.timedOut) ? ' [un giro interrotto dal limite di tempo]' : ''}`,
    `  rapporto HTTP / diretto (mediana dei giri): ${fmt(ratio, 2)} — obiettivo ≥ 0.80: ${ratio >= 0.8 ? 'raggiunto' : 'NON raggiunto'}`,
    `  latenza POST /accesso: p50 ${fmt(median(postP.map((p) => p.p50)), 0)} ms, p95 ${fmt(median(postP.map((p) => p.p95)), 0)} ms (mediane dei giri)`,
    `  GET /healthz a riposo:           p50 ${fmt(idle.p50, 2)} ms, p95 ${fmt(idle.p95, 2)} ms (n=${idle.n})`,
    `  GET /healthz durante gli accessi: p50 ${fmt(median(healthP.map((h) => h.p50)), 2)} ms, p95 ${fmt(median(healthP.map((h) => h.p95)), 2)} ms, max ${fmt(Math.max(...healthP.map((h) => h.max)), 2)} ms (n=${healthP.reduce((n, h) => n + h.n, 0)}, errori ${storms.reduce((n, s) => n + s.healthFailures, 0)})`,
    `  CPU del processo per accesso HTTP: ${fmt(cpuSpent.http / cpuSpent.httpCount)} ms (comprende il generatore di carico e la preparazione dei moduli${tdb.engine === 'postgres' ? '; esclude PostgreSQL' : ''}); per verify diretto: ${fmt(cpuSpent.raw / cpuSpent.rawCount)} ms → rapporto di CPU ${fmt(cpuSpent.raw / cpuSpent.rawCount / (cpuSpent.http / cpuSpent.httpCount), 2)}`,
    '',
    `  per informazione, accessi completi (GET + POST /accesso ciascuno): ${fmt(rate(full))}/s, ${full.successes}/${full.attempted} riusciti, rapporto ${fmt(fullRatio, 2)}; /healthz p50 ${fmt(full.health.p50, 1)} ms, p95 ${fmt(full.health.p95, 1)} ms`,
  ];
  console.log(lines.join('\n'));

  await app.close();
  await tdb.close();
  return totalFailures + full.failures === 0 && totalOk > 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
