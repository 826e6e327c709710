import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { TConfig } from '../config.js';
import type { Database } from './schema.js';

export type TDb = Kysely<Database>;

export type TDatabaseHandle = {
  db: TDb;
  kind: 'postgres' | 'pglite';
  close: () => Promise<void>;
};

// bigint (int8) columns come back as JS numbers: our sequences stay far below 2^53.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));
// date columns stay 'yyyy-mm-dd' strings: a calendar date has no time zone.
pg.types.setTypeParser(1082, (v) => v);

/** Real PostgreSQL through a node-postgres pool. */
export function openPostgres(url: string, poolSize = 10): TDatabaseHandle {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle connection dropped by the server (restart, failover, database dropped) must not crash the
  // process: the pool discards it and opens a new one on the next query.
  pool.on('error', (err) => {
    process.emitWarning(`PostgreSQL idle connection closed: ${err.message}`);
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, kind: 'postgres', close: () => db.destroy() };
}

/**
 * Kysely over an existing PGlite instance, through PGlite's own node-postgres adapter:
 * the same PostgresDialect code path as production. PGlite is one connection, so the pool has one client.
 */
export function openPgliteInstance(pglite: PGlite, ownsInstance = true): TDatabaseHandle {
  const pool = new pg.Pool({ ...createPgConfig(pglite), max: 1 } as unknown as pg.PoolConfig);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    kind: 'pglite',
    close: async () => {
      await db.destroy();
      if (ownsInstance) await pglite.close();
    },
  };
}

export async function openDatabase(config: TConfig['database']): Promise<TDatabaseHandle> {
  if (config.kind === 'postgres') return openPostgres(config.url, config.poolSize);
  mkdirSync(config.dataDir, { recursive: true });
  const pglite = await PGlite.create(config.dataDir);
  return openPgliteInstance(pglite);
}
