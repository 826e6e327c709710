/**
 * The one way to recognise a unique violation (SQLSTATE 23505) raised by PostgreSQL or PGlite: by the name
 * of the constraint or unique index that refused the row. Use cases map it to the same Italian message
 * they give when the duplicate is caught before the insert, so a request that loses a race reads the same.
 */
export function uniqueViolationOf(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const e = err as { code?: unknown; constraint?: unknown };
  if (e.code !== '23505') return undefined;
  return typeof e.constraint === 'string' ? e.constraint : '';
}

/** True when `err` is a unique violation of one of the named constraints (any of them when none is named). */
export function isUniqueViolation(err: unknown, ...constraints: string[]): boolean {
  const name = uniqueViolationOf(err);
  if (name === undefined) return false;
  return constraints.length === 0 || constraints.includes(name);
}
