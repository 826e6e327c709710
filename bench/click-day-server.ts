// Profiling variant of src/server.ts for bench/click-day.ts (`--server profile`): the same app and allocator
// sweep, plus, printed as one JSON line on stdout at SIGTERM:
//  - every SQL statement the instance ran, grouped by its first words, with count and total time;
//  - the event loop's utilisation and delay over the run.
// BENCH_JOBS=0 leaves the background jobs (mail, receipts, purges) off, to see the intake alone.
// Not used by the figures of a normal run, which start src/server.ts itself.
import '../src/boot-env.js';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { buildApp } from '../src/app.js';
import { PasswordHasher } from '../src/auth/password-hash.js';
import { loadConfig } from '../src/config.js';
import { openPostgres } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import type { Database } from '../src/db/schema.js';
import { startBackgroundJobs } from '../src/jobs/background-jobs.js';

const statements = new Map<string, { n: number; ms: number }>();
const shape = (s: string) =>
  s
    .replace(/\s+/g, ' ')
    .replace(/\$\d+(, \$\d+)*/g, '$…')
    .replace(/\(\$…\)(, \(\$…\))+/g, '($…), …')
    .slice(0, 110);

async function main() {
  const config = loadConfig(process.env);
  if (config.database.kind !== 'postgres') throw new Error('DATABASE_URL required');
  openPostgres('postgres://unused', 1); // installs the type parsers of src/db/database.ts
  const pool = new pg.Pool({ connectionString: config.database.url, max: config.database.poolSize });
  pool.on('error', () => {});
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    log: (e) => {
      const key = shape(e.query.sql);
      const s = statements.get(key) ?? { n: 0, ms: 0 };
      s.n++;
      s.ms += e.queryDurationMillis;
      statements.set(key, s);
    },
  });
  await migrateToLatest(db);
  const app = await buildApp({ config, db, hasher: new PasswordHasher(1), now: () => new Date() });
  const stopJobs = process.env.BENCH_JOBS === '0' ? async () => {} : startBackgroundJobs(db, config, app.log);
  app.grantsAllocator.startSweep();
  await app.listen({ host: config.host, port: config.port });

  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  let elu = performance.eventLoopUtilization();
  // SIGUSR2: start counting afresh (the bench sends it at the opening, after the pages were fetched).
  process.on('SIGUSR2', () => {
    statements.clear();
    delay.reset();
    elu = performance.eventLoopUtilization();
  });
  process.once('SIGTERM', async () => {
    delay.disable();
    const u = performance.eventLoopUtilization(elu);
    await app.close();
    await stopJobs();
    await db.destroy();
    const top = [...statements].sort((a, b) => b[1].ms - a[1].ms);
    console.log(
      `BENCH-STATS ${JSON.stringify({
        eventLoopUtilisation: Number(u.utilization.toFixed(3)),
        loopDelayMs: {
          p50: delay.percentile(50) / 1e6,
          p99: delay.percentile(99) / 1e6,
          max: delay.max / 1e6,
        },
        statements: top.map(([sql, s]) => ({ sql, n: s.n, ms: Math.round(s.ms) })),
      })}`,
    );
    process.exit(0);
  });
}

void main();
