import './boot-env.js';
import cluster from 'node:cluster';
import { buildApp } from './app.js';
import type { TAppDeps } from './app-deps.js';
import { PasswordHasher } from './auth/password-hash.js';
import { ConfigError, loadConfig, type TConfig } from './config.js';
import { openDatabase, type TDatabaseErrorLog } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { DEMO_ACCOUNTS, seedDemo } from './demo-seed.js';
import { startBackgroundJobs } from './jobs/background-jobs.js';

function banner(config: TConfig, processes: number): string {
  const where = config.database.kind === 'pglite' ? `PGlite in ${config.database.dataDir}` : 'PostgreSQL';
  const lines = [
    '',
    `Focolare è in ascolto su http://demo.localhost:${config.port}/ (database: ${where}${processes > 1 ? `, ${processes} processi` : ''})`,
  ];
  if (config.demoSeed) {
    lines.push('Ente dimostrativo: demo — account dimostrativi:');
    for (const a of DEMO_ACCOUNTS)
      lines.push(`  ${a.role.padEnd(13)} nome utente: ${a.username}   password: ${a.password}`);
  }
  if (!config.mail.smtpUrl)
    lines.push(`Posta in uscita (senza SMTP): http://demo.localhost:${config.port}/dev/mailbox`);
  lines.push(`Processo ${process.pid}: per fermarlo premi Ctrl+C oppure esegui kill ${process.pid}`);
  return lines.join('\n');
}

/** Time a stop may take (requests in flight, background jobs, the database) before the process just exits. */
const STOP_TIMEOUT_MS = 10_000;

/**
 * Runs `stop` on the first SIGINT or SIGTERM and ignores the later ones: under `npm start` a terminal's
 * Ctrl+C reaches the server twice, from the terminal and forwarded by npm. A stop that does not end the
 * process within `timeoutMs` (a request that does not finish) ends it with exit code 1.
 */
function onStopSignal(timeoutMs: number, stop: () => void | Promise<void>) {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => {
      console.error(`Focolare non si è fermato entro ${timeoutMs / 1000} s da ${signal}: uscita forzata.`);
      process.exit(1);
    }, timeoutMs).unref();
    Promise.resolve()
      .then(stop)
      .catch((err: unknown) => {
        console.error('Errore durante l’arresto:', err instanceof Error ? err.message : err);
        process.exit(1);
      });
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}

/** Migrations and demo data: once per start, before any process serves requests. */
async function prepareDatabase(config: TConfig, deps: Omit<TAppDeps, 'db'>, onError?: TDatabaseErrorLog) {
  const database = await openDatabase(config.database, config.databaseTimeouts, onError);
  await migrateToLatest(database.db);
  if (config.demoSeed) await seedDemo({ ...deps, db: database.db });
  return database;
}

/** One app instance: HTTP, background jobs and the grants allocator. Instances coordinate through the database. */
async function runInstance(config: TConfig, prepare: boolean, announce: boolean) {
  const base = { config, hasher: new PasswordHasher(config.hashThreads), now: () => new Date() };
  // Connection errors (database restarted, network cut) are logged, never thrown: to the console until the
  // app's log exists, then to it.
  let logDatabaseError: TDatabaseErrorLog = (message, err) => console.warn(`${message}: ${err.message}`);
  const onDatabaseError: TDatabaseErrorLog = (message, err) => logDatabaseError(message, err);
  const database = prepare
    ? await prepareDatabase(config, base, onDatabaseError)
    : await openDatabase(config.database, config.databaseTimeouts, onDatabaseError);
  const app = await buildApp({ ...base, db: database.db });
  logDatabaseError = (message, err) =>
    app.log.warn({ err: { message: err.message, code: (err as { code?: unknown }).code } }, message);
  const stopJobs = startBackgroundJobs(database.db, config, app.log, {
    grantIntakeBusy: () => app.grantIntake.busy(),
  });
  app.grantsAllocator.startSweep();
  await app.listen({ host: config.host, port: config.port });
  if (announce) console.log(banner(config, 1));

  onStopSignal(STOP_TIMEOUT_MS, async () => {
    await app.close();
    await stopJobs();
    await database.close();
    process.exit(0);
  });
  // A cluster worker whose primary is gone stops at once (the primary restarts the whole set).
  if (cluster.isWorker) process.once('disconnect', () => process.exit(1));
}

/** WEB_CONCURRENCY > 1 (PostgreSQL only): the primary prepares the database, then forks the workers. */
async function runPrimary(config: TConfig, processes: number) {
  const base = { config, hasher: new PasswordHasher(config.hashThreads), now: () => new Date() };
  await (await prepareDatabase(config, base)).close();
  let stopping = false;
  for (let i = 0; i < processes; i++) cluster.fork();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    console.error(`Processo ${worker.process.pid} terminato (${signal ?? code}): ne avvio un altro.`);
    cluster.fork();
  });
  let listening = 0;
  cluster.on('listening', () => {
    if (++listening === processes) console.log(banner(config, processes));
  });
  // The workers have STOP_TIMEOUT_MS each; the primary waits a little longer for the last one.
  onStopSignal(STOP_TIMEOUT_MS + 2000, () => {
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
    cluster.on('exit', () => {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    });
  });
}

async function main() {
  let config: TConfig;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  if (cluster.isPrimary) for (const warning of config.warnings) console.warn(warning);
  // PGlite is an embedded database inside one process: more processes need PostgreSQL.
  const processes = config.database.kind === 'postgres' ? config.webConcurrency : 1;
  if (processes > 1 && cluster.isPrimary) return runPrimary(config, processes);
  return runInstance(config, processes === 1, processes === 1);
}

void main();
