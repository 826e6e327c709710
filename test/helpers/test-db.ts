import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { openPgliteInstance, openPostgres, type TDatabaseHandle, type TDb } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import type { Database } from '../../src/db/schema.js';

/**
 * One database per test file, migrated to the latest version, on the engine the run asks for:
 * DATABASE_URL set → a new database on that PostgreSQL server (dropped at the end);
 * otherwise → an in-memory PGlite. `fresh()` gives another isolated, migrated and empty database.
 *
 * The migrations run once per run, not once per file: the first test process migrates a template (PGlite: a
 * data directory dumped to a tarball in the OS temporary folder; PostgreSQL: a template database), keyed by a
 * hash of the migration files, and every test database is a copy of it (PGlite: `loadDataDir`; PostgreSQL:
 * `CREATE DATABASE … TEMPLATE`). The node:test runner runs files in parallel processes, so the template is
 * made under a cross-process lock (a lock file; an advisory lock) and reused as long as the migrations do
 * not change. test/integration/migrations.test.ts still migrates an empty database itself.
 */
export type TTestDatabase = TDatabaseHandle & {
  engine: 'pglite' | 'postgres';
  fresh: () => Promise<TDatabaseHandle>;
};

const adminUrl = process.env.DATABASE_URL;

/**
 * The template's key: a hash of what decides the migrated schema (the migrations), of how the template is
 * made (this file) and, for PGlite, of the dump's format (PGlite's version).
 */
async function migrationsKey(): Promise<string> {
  const dbDir = fileURLToPath(new URL('../../src/db/', import.meta.url));
  const migrationsDir = join(dbDir, 'migrations');
  const files = [
    fileURLToPath(import.meta.url),
    join(dbDir, 'migrate.ts'),
    ...(await readdir(migrationsDir)).sort().map((f) => join(migrationsDir, f)),
  ];
  const h = createHash('sha256');
  for (const f of files)
    h.update(basename(f))
      .update('\0')
      .update(await readFile(f))
      .update('\0');
  // The dump's format is PGlite's: its package.json sits above the entry point's dist/ folder.
  const pgliteEntry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const pglitePackage = JSON.parse(
    await readFile(join(dirname(pgliteEntry), '..', 'package.json'), 'utf8'),
  ) as {
    version: string;
  };
  h.update(`pglite ${pglitePackage.version}`);
  return h.digest('hex').slice(0, 16);
}

let key: Promise<string> | undefined;
const templateKey = () => (key ??= migrationsKey());

// ---- PGlite: a migrated data directory, dumped once, loaded per database ----

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the lock file (true), or says it is held by a live process (false); a dead holder's lock is removed. */
async function tryLock(path: string): Promise<boolean> {
  try {
    const f = await open(path, 'wx');
    await f.writeFile(String(process.pid));
    await f.close();
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const holder = Number.parseInt(await readFile(path, 'utf8').catch(() => ''), 10);
  // No pid yet: a holder between open and write, or one that died there (then the file stays old).
  const stale =
    Number.isInteger(holder) && holder > 0
      ? !alive(holder)
      : Date.now() - ((await stat(path).catch(() => undefined))?.mtimeMs ?? Date.now()) > 10_000;
  if (stale) await unlink(path).catch(() => {});
  return false;
}

/**
 * A fresh PGlite migrated to the latest version, as a tarball of its data directory. Made small, since
 * every test database loads it: 1 MB WAL segments instead of 16, and without the template databases
 * (tests work in `postgres` and never create a database on PGlite): 42 MB → about 16 MB, and about a
 * second less of CPU for each test process.
 */
async function dumpMigratedPglite(): Promise<Uint8Array> {
  const pglite = await PGlite.create({ initDbStartParams: ['--wal-segsize=1'] });
  try {
    const h = openPgliteInstance(pglite, false);
    await migrateToLatest(h.db);
    await h.close();
    for (const t of ['template0', 'template1']) {
      await pglite.exec(`alter database ${t} with is_template false`);
      await pglite.exec(`drop database ${t}`);
    }
    await pglite.exec('checkpoint');
    return new Uint8Array(await (await pglite.dumpDataDir('none')).arrayBuffer());
  } finally {
    await pglite.close();
  }
}

async function pgliteTemplate(): Promise<Blob> {
  const dir = join(tmpdir(), 'focolare-test-db');
  await mkdir(dir, { recursive: true });
  const file = join(dir, `pglite-${await templateKey()}.tar`);
  for (;;) {
    const ready = await readFile(file).catch(() => undefined);
    if (ready) return new Blob([ready]);
    if (await tryLock(`${file}.lock`)) {
      try {
        if (!(await stat(file).catch(() => undefined))) {
          const tmp = `${file}.${process.pid}.tmp`;
          await writeFile(tmp, await dumpMigratedPglite());
          await rename(tmp, file); // atomic: a reader sees the whole tarball or none
          await removeOldDumps(dir, file);
        }
      } finally {
        await unlink(`${file}.lock`).catch(() => {});
      }
    } else {
      await sleep(100);
    }
  }
}

/** Dumps of earlier migrations, made more than a day ago (another checkout may still use a recent one). */
async function removeOldDumps(dir: string, current: string): Promise<void> {
  const dayAgo = Date.now() - 86_400_000;
  for (const name of await readdir(dir)) {
    const path = join(dir, name);
    if (path === current || !/^pglite-[0-9a-f]{16}\.tar$/.test(name)) continue;
    const s = await stat(path).catch(() => undefined);
    if (s && s.mtimeMs < dayAgo) await unlink(path).catch(() => {});
  }
}

let pgliteDump: Promise<Blob> | undefined;

async function newPglite(): Promise<PGlite> {
  pgliteDump ??= pgliteTemplate();
  pgliteDump.catch(() => (pgliteDump = undefined));
  return PGlite.create({ loadDataDir: await pgliteDump });
}

// ---- PostgreSQL: a migrated template database, copied per database ----

function urlOf(name: string): string {
  const url = new URL(adminUrl!);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * The template database for the current migrations, made once per server under an advisory lock: built
 * under a temporary name and renamed when complete, so that a run killed half-way leaves no half-migrated
 * template. It accepts no connections, so that copying it never fails with "being accessed by other users".
 */
async function makePostgresTemplate(): Promise<string> {
  const name = `focolare_tpl_${await templateKey()}`;
  const building = `${name}_build`;
  const admin = openPostgres(adminUrl!, 1);
  const exists = async (db: TDb) =>
    (await sql<{ n: number }>`select count(*)::int as n from pg_database where datname = ${name}`.execute(db))
      .rows[0]!.n > 0;
  try {
    if (await exists(admin.db)) return name;
    await admin.db.connection().execute(async (conn) => {
      await sql`select pg_advisory_lock(hashtext(${name}))`.execute(conn);
      try {
        if (await exists(conn)) return;
        await sql.raw(`drop database if exists ${building}`).execute(conn);
        await sql.raw(`create database ${building}`).execute(conn);
        const h = openPostgres(urlOf(building), 1);
        try {
          await migrateToLatest(h.db);
        } finally {
          await h.close();
        }
        await sql.raw(`alter database ${building} rename to ${name}`).execute(conn);
        await sql.raw(`alter database ${name} with is_template true allow_connections false`).execute(conn);
        await sql
          .raw(`comment on database ${name} is 'focolare test template, ${new Date().toISOString()}'`)
          .execute(conn);
        await dropOldTemplates(conn, name);
      } finally {
        await sql`select pg_advisory_unlock(hashtext(${name}))`.execute(conn);
      }
    });
    return name;
  } finally {
    await admin.close();
  }
}

/** Templates of earlier migrations, made more than a day ago (another checkout may still use a recent one). */
async function dropOldTemplates(db: TDb, current: string): Promise<void> {
  const { rows } = await sql<{ name: string; comment: string | null }>`
    select datname as name, shobj_description(oid, 'pg_database') as comment from pg_database
    where datname like ${'focolare\\_tpl\\_%'} and datname <> ${current}`.execute(db);
  const dayAgo = Date.now() - 86_400_000;
  for (const r of rows) {
    const made = Date.parse(r.comment?.split(', ').at(-1) ?? '');
    if (!(made < dayAgo) || !/^focolare_tpl_[0-9a-f]{16}$/.test(r.name)) continue;
    await sql.raw(`alter database ${r.name} with is_template false`).execute(db);
    await sql.raw(`drop database if exists ${r.name}`).execute(db);
  }
}

let postgresTemplate: Promise<string> | undefined;

async function newPostgresDatabase(): Promise<TDatabaseHandle> {
  postgresTemplate ??= makePostgresTemplate();
  postgresTemplate.catch(() => (postgresTemplate = undefined));
  const template = await postgresTemplate;
  const name = `focolare_t_${randomBytes(6).toString('hex')}`;
  const admin = openPostgres(adminUrl!, 1);
  await sql.raw(`create database ${name} template ${template}`).execute(admin.db);
  await admin.close();
  const handle = openPostgres(urlOf(name), 10);
  return {
    ...handle,
    close: async () => {
      await handle.close();
      const a = openPostgres(adminUrl!, 1);
      await sql.raw(`drop database if exists ${name} with (force)`).execute(a.db);
      await a.close();
    },
  };
}

export async function createTestDatabase(): Promise<TTestDatabase> {
  if (adminUrl) {
    const handle = await newPostgresDatabase();
    const extra: TDatabaseHandle[] = [];
    return {
      ...handle,
      engine: 'postgres',
      fresh: async () => {
        const h = await newPostgresDatabase();
        extra.push(h);
        return h;
      },
      close: async () => {
        for (const h of extra.splice(0)) await h.close().catch(() => {});
        await handle.close();
      },
    };
  }
  const pglite = await newPglite();
  const base = openPgliteInstance(pglite, false);
  const others: TDatabaseHandle[] = [];
  return {
    ...base,
    engine: 'pglite',
    fresh: async () => {
      const h = openPgliteInstance(await newPglite());
      others.push(h);
      return h;
    },
    close: async () => {
      for (const h of others.splice(0)) await h.close().catch(() => {});
      await base.close();
      await pglite.close();
    },
  };
}

/**
 * The database a test uses for its own writes. On PostgreSQL: a pool of its own on the test database, with
 * an error listener, so that an idle connection cut by the final `drop database … with (force)` of
 * createTestDatabase cannot surface as an uncaught error; the helper's own pool then only holds its one
 * migration connection. `url` is that database's connection string ('' on PGlite).
 */
export async function ownPool(
  tdb: TTestDatabase,
  max = 10,
): Promise<{ db: TDb; url: string; close: () => Promise<void> }> {
  if (tdb.engine === 'pglite') return { db: tdb.db, url: '', close: async () => {} };
  const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(tdb.db);
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${rows[0]!.name}`;
  const pool = new pg.Pool({ connectionString: url.toString(), max });
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, url: url.toString(), close: () => db.destroy() };
}
