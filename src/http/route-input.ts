import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { DomainError, NotFoundError } from './errors.js';

/**
 * Route params and query strings are declared with zod schemas and read through these two functions, so a
 * handler never casts `req.params as …`. A param that does not match (an id that is not a UUID) names no
 * page: 404 before any query runs.
 */
export const zId = z.uuid();
/** `{ id }` — the most common route shape. */
export const ZIdParams = z.object({ id: zId });

export function paramsOf<S extends z.ZodType>(req: FastifyRequest, schema: S): z.infer<S> {
  const r = schema.safeParse(req.params ?? {});
  if (!r.success) throw new NotFoundError();
  return r.data;
}

export class BadQueryError extends DomainError {
  override readonly status = 400;
  override readonly title = 'Richiesta non valida';
  override readonly code = 'bad-query';
  constructor() {
    super("L'indirizzo della pagina contiene parametri non validi. Torna indietro e riprova.");
  }
}

/**
 * A query string by its schema. Filters should use `.catch()` for a forgiving default; a query that still
 * does not parse is a 400 with an Italian page.
 */
export function queryOf<S extends z.ZodType>(req: FastifyRequest, schema: S): z.infer<S> {
  const raw = Object.fromEntries(
    Object.entries((req.query ?? {}) as Record<string, unknown>).map(([k, v]) => [
      k,
      Array.isArray(v) ? v[0] : v,
    ]),
  );
  const r = schema.safeParse(raw);
  if (!r.success) throw new BadQueryError();
  return r.data;
}
