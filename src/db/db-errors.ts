/**
 * Recognises an error that means "the database is not reachable right now" (server shutting down or
 * restarting, connection refused, cut or timed out), as opposed to an error of the query itself.
 * Such a request is answered 503 with Retry-After (see src/http/error-pages.tsx), never 500.
 */

/** Seconds a client is told to wait (Retry-After) while the database is unavailable. */
export const DATABASE_RETRY_AFTER_SECONDS = 10;

/** PostgreSQL SQLSTATEs: admin_shutdown, crash_shutdown, cannot_connect_now; class 08 is "connection exception". */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03']);

/** Node socket errors seen when the server is gone or the network between us drops. */
const UNAVAILABLE_SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

/** Messages of node-postgres (pg, pg-pool) for a dropped or timed-out connection. */
const UNAVAILABLE_MESSAGES = [
  'connection terminated',
  'timeout exceeded when trying to connect',
  'connection timeout',
  'query read timeout',
  'client has encountered a connection error and is not queryable',
  'client was closed and is not queryable',
  'cannot use a pool after calling end on the pool',
];

function matches(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (UNAVAILABLE_SQLSTATES.has(code) || /^08[0-9A-Z]{3}$/.test(code)) return true;
    if (UNAVAILABLE_SOCKET_CODES.has(code)) return true;
  }
  const message = err.message.toLowerCase();
  return UNAVAILABLE_MESSAGES.some((m) => message.includes(m));
}

/** True when `err` (or an error it wraps: `cause`, AggregateError) says the database is unavailable. */
export function isDatabaseUnavailable(err: unknown): boolean {
  const seen = new Set<unknown>();
  const queue: unknown[] = [err];
  while (queue.length > 0) {
    const e = queue.shift();
    if (e === undefined || e === null || seen.has(e)) continue;
    seen.add(e);
    if (matches(e)) return true;
    if (e instanceof AggregateError) queue.push(...(e.errors as unknown[]));
    if (e instanceof Error) queue.push(e.cause);
  }
  return false;
}
