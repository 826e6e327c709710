import './boot-env.js';
import { buildApp } from './app.js';
import { PasswordHasher } from './auth/password-hash.js';
import { ConfigError, loadConfig, type TConfig } from './config.js';
import { openDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { DEMO_ACCOUNTS, seedDemo } from './demo-seed.js';
import { startBackgroundJobs } from './jobs/background-jobs.js';

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
  const database = await openDatabase(config.database);
  await migrateToLatest(database.db);
  const deps = {
    config,
    db: database.db,
    hasher: new PasswordHasher(config.hashThreads),
    now: () => new Date(),
  };
  if (config.demoSeed) await seedDemo(deps);
  const app = await buildApp(deps);
  const stopJobs = startBackgroundJobs(database.db, config, app.log, {
    grantIntakeBusy: () => app.grantIntake.busy(),
  });
  app.grantsAllocator.startSweep();
  await app.listen({ host: config.host, port: config.port });

  const where = config.database.kind === 'pglite' ? `PGlite in ${config.database.dataDir}` : 'PostgreSQL';
  const lines = ['', `Focolare è in ascolto su http://demo.localhost:${config.port}/ (database: ${where})`];
  if (config.demoSeed) {
    lines.push('Ente dimostrativo: demo — account dimostrativi:');
    for (const a of DEMO_ACCOUNTS)
      lines.push(`  ${a.role.padEnd(13)} nome utente: ${a.username}   password: ${a.password}`);
  }
  if (!config.mail.smtpUrl)
    lines.push(`Posta in uscita (senza SMTP): http://demo.localhost:${config.port}/dev/mailbox`);
  console.log(lines.join('\n'));

  const shutdown = async () => {
    await app.close();
    await stopJobs();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

void main();
