import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { DomainError, NotFoundError } from './errors.js';
import { ForbiddenCharacterError, forbiddenCharacter, type TInputPart } from './input-guard.js';

/**
 * Route params and query strings are declared with zod schemas and read through these two functions, so a
 * handler never casts `req.params as …`. A param that does not match (an id that is not a UUID) names no
 * page: 404 before any query runs.
 */
export const zId = z.uuid();
/** `{ id }` — the most common route shape. */
export const ZIdParams = z.object({ id: zId });

/** A value (of a path parameter or query string) with a control or bidirectional character: 400 naming it. */
function refuseForbiddenCharacters(part: TInputPart, raw: Record<string, unknown>) {
  for (const [k, v] of Object.entries(raw)) {
    for (const s of Array.isArray(v) ? v : [v]) {
      const kind = typeof s === 'string' ? forbiddenCharacter(s, { multiline: false }) : undefined;
      if (kind) throw new ForbiddenCharacterError(part, k, kind);
    }
  }
}

export function paramsOf<S extends z.ZodType>(req: FastifyRequest, schema: S): z.infer<S> {
  refuseForbiddenCharacters('params', (req.params ?? {}) as Record<string, unknown>);
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
 * does not parse is a 400 with an Italian page. A value with a control or bidirectional character is a
 * 400 naming the parameter, whatever the schema says.
 */
export function queryOf<S extends z.ZodType>(req: FastifyRequest, schema: S): z.infer<S> {
  refuseForbiddenCharacters('query', (req.query ?? {}) as Record<string, unknown>);
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
