import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { openPgliteInstance, openPostgres, type TDatabaseHandle, type TDb } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import type { Database } from '../../src/db/schema.js';

/**
 * One database per test file, migrated to the latest version, on the engine the run asks for:
 * DATABASE_URL set → a new database on that PostgreSQL server (dropped at the end);
 * otherwise → an in-memory PGlite. `fresh()` gives another isolated database (a PGlite clone, or a
 * new PostgreSQL database) for tests that must start from empty.
 */
export type TTestDatabase = TDatabaseHandle & {
  engine: 'pglite' | 'postgres';
  fresh: () => Promise<TDatabaseHandle>;
};

const adminUrl = process.env.DATABASE_URL;

async function newPostgresDatabase(): Promise<TDatabaseHandle> {
  const name = `focolare_t_${randomBytes(6).toString('hex')}`;
  const admin = openPostgres(adminUrl!, 1);
  await sql.raw(`create database ${name}`).execute(admin.db);
  await admin.close();
  const url = new URL(adminUrl!);
  url.pathname = `/${name}`;
  const handle = openPostgres(url.toString(), 10);
  await migrateToLatest(handle.db);
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
  const pglite = await PGlite.create();
  const base = openPgliteInstance(pglite, false);
  await migrateToLatest(base.db);
  const clones: TDatabaseHandle[] = [];
  return {
    ...base,
    engine: 'pglite',
    fresh: async () => {
      const h = openPgliteInstance((await pglite.clone()) as PGlite);
      clones.push(h);
      return h;
    },
    close: async () => {
      for (const h of clones.splice(0)) await h.close().catch(() => {});
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
