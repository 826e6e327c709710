import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient, sql } from 'kysely';
import pg from 'pg';
import type { TConfig } from '../config.js';
import { isDatabaseUnavailable } from './db-errors.js';
import type { Database } from './schema.js';

export type TDb = Kysely<Database>;

export type TDatabaseHandle = {
  db: TDb;
  kind: 'postgres' | 'pglite';
  close: () => Promise<void>;
};

/** Limits on the database connection (PostgreSQL only: on PGlite, one in-process connection, they do not apply). */
export type TDatabaseTimeouts = {
  /** Opening a connection, and waiting for a free one in the pool. */
  connectMs: number;
  /** PostgreSQL statement_timeout: the server cancels a statement running longer. */
  statementMs: number;
  /** PostgreSQL idle_in_transaction_session_timeout: the server ends a session idle inside a transaction. */
  idleInTransactionMs: number;
  /** Client-side: a query without an answer (the server or the network gone silent) fails after this. */
  queryMs: number;
};

export const DEFAULT_DATABASE_TIMEOUTS: TDatabaseTimeouts = {
  connectMs: 5_000,
  statementMs: 30_000,
  idleInTransactionMs: 60_000,
  queryMs: 35_000,
};

/** Where connection errors are reported; they never throw. */
export type TDatabaseErrorLog = (message: string, err: Error) => void;

const defaultErrorLog: TDatabaseErrorLog = (message, err) => {
  console.warn(`${message}: ${err.message}`);
};

// bigint (int8) columns come back as JS numbers: our sequences stay far below 2^53.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));
// date columns stay 'yyyy-mm-dd' strings: a calendar date has no time zone.
pg.types.setTypeParser(1082, (v) => v);

/**
 * Real PostgreSQL through a node-postgres pool. Every connection error is handled here, so that a
 * restart, a failover or a network cut is never an uncaught exception: the broken connection is
 * dropped, the request that used it fails (answered 503, see db-errors.ts) and the pool opens new
 * connections when the database answers again.
 */
export function openPostgres(
  url: string,
  poolSize = 10,
  timeouts: TDatabaseTimeouts = DEFAULT_DATABASE_TIMEOUTS,
  onError: TDatabaseErrorLog = defaultErrorLog,
): TDatabaseHandle {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    connectionTimeoutMillis: timeouts.connectMs,
    statement_timeout: timeouts.statementMs,
    idle_in_transaction_session_timeout: timeouts.idleInTransactionMs,
    query_timeout: timeouts.queryMs,
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
  });
  const reported = new WeakSet<Error>();
  const report = (message: string, err: Error) => {
    if (reported.has(err)) return;
    reported.add(err);
    onError(message, err);
  };
  // An idle connection dropped by the server (restart, failover, database dropped): the pool discards it.
  pool.on('error', (err) => report('PostgreSQL: connessione inattiva chiusa', err));
  // A connection in use (inside a transaction, between two queries) has no pool listener: without this
  // one its 'error' event would be an uncaught exception. Its next query fails and the pool discards it.
  pool.on('connect', (client) => {
    client.on('error', (err) => report('PostgreSQL: connessione interrotta', err));
  });
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: discardingBrokenConnections(pool) }),
  });
  return { db, kind: 'postgres', close: () => db.destroy() };
}

/**
 * The pool as Kysely sees it, except that a connection whose query failed because the connection is
 * unusable (cut, or silent past the query timeout: its query may still be pending on it) is destroyed
 * on release instead of going back to the pool, so that the next request opens a fresh one.
 */
function discardingBrokenConnections(pool: pg.Pool): PostgresPool {
  return {
    end: () => pool.end(),
    connect: async () => {
      const client = await pool.connect();
      let broken: Error | undefined;
      const query = (sqlOrCursor: unknown, parameters?: ReadonlyArray<unknown>): unknown => {
        if (typeof sqlOrCursor !== 'string') return client.query(sqlOrCursor as pg.Submittable);
        return client.query(sqlOrCursor, parameters as unknown[]).catch((err: unknown) => {
          if (isDatabaseUnavailable(err)) broken = err instanceof Error ? err : new Error(String(err));
          throw err;
        });
      };
      return { query: query as PostgresPoolClient['query'], release: () => client.release(broken) };
    },
  };
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

export async function openDatabase(
  config: TConfig['database'],
  timeouts: TDatabaseTimeouts = DEFAULT_DATABASE_TIMEOUTS,
  onError?: TDatabaseErrorLog,
): Promise<TDatabaseHandle> {
  if (config.kind === 'postgres') return openPostgres(config.url, config.poolSize, timeouts, onError);
  mkdirSync(config.dataDir, { recursive: true });
  const pglite = await PGlite.create(config.dataDir);
  return openPgliteInstance(pglite);
}

/** Health checks wait this long for `select 1`, so that /healthz answers within 2 s in every case. */
export const HEALTH_DB_TIMEOUT_MS = 1_500;

/** Whether the database answers: 'ok', 'error' (the database refused or failed) or 'timeout' (it did not answer in time). */
export async function probeDatabase(
  db: TDb,
  timeoutMs = HEALTH_DB_TIMEOUT_MS,
): Promise<'ok' | 'error' | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  const query = sql`select 1`.execute(db).then(
    () => 'ok' as const,
    () => 'error' as const,
  );
  try {
    return await Promise.race([query, late]);
  } finally {
    clearTimeout(timer);
  }
}
