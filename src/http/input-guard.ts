import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DomainError } from './errors.js';

/**
 * Characters no text field takes. NUL (PostgreSQL refuses it in text: a 500 before this guard), the other
 * C0 and C1 control characters (tab, line feed and carriage return only in multi-line texts) and the
 * bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), which make a name or a
 * title read differently from what it contains.
 *
 * The rules are applied at the boundary: parseForm/formValues (forms), paramsOf/queryOf (addresses), the
 * shared zod fields (single-line texts) and, for every request, `installInputGuard` below.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;
// eslint-disable-next-line no-control-regex -- as above, without tab, line feed and carriage return
const CONTROL_BUT_LINES = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const BIDI = /[\u202A-\u202E\u2066-\u2069]/;
const BIDI_ALL = /[\u202A-\u202E\u2066-\u2069]/g;

/** What makes a text unacceptable, in Italian ("un carattere nullo"), or undefined when it is fine. */
export type TForbiddenCharacter = 'nul' | 'control' | 'bidi';

export const FORBIDDEN_CHARACTER_NAMES: Record<TForbiddenCharacter, string> = {
  nul: 'un carattere nullo',
  control: 'un carattere di controllo',
  bidi: 'un carattere che cambia la direzione del testo',
};

/** The first rule `value` breaks; `multiline` lets tab, line feed and carriage return through. */
export function forbiddenCharacter(
  value: string,
  opts: { multiline: boolean },
): TForbiddenCharacter | undefined {
  if (value.includes('\u0000')) return 'nul';
  if ((opts.multiline ? CONTROL_BUT_LINES : CONTROL).test(value)) return 'control';
  if (BIDI.test(value)) return 'bidi';
  return undefined;
}

/** `value` without the characters forbiddenCharacter() refuses (to show a refused text again). */
export function withoutForbiddenCharacters(value: string, opts: { multiline: boolean }): string {
  const control = new RegExp((opts.multiline ? CONTROL_BUT_LINES : CONTROL).source, 'g');
  return value.replace(control, '').replace(BIDI_ALL, '');
}

/** The message under a form field that held a refused character (the page names the field). */
export function fieldCharacterMessage(kind: TForbiddenCharacter): string {
  return `Il testo conteneva ${FORBIDDEN_CHARACTER_NAMES[kind]}, che non è ammesso: è stato tolto, controlla il testo e invia di nuovo.`;
}

export type TInputPart = 'body' | 'query' | 'params';

/** A refused character in a request: 422 for a form or JSON body, 400 for the address; names the field. */
export class ForbiddenCharacterError extends DomainError {
  override readonly status: number;
  override readonly title = 'Dati non validi';
  override readonly code = 'forbidden-character';
  override readonly problemMembers: Readonly<Record<string, unknown>>;
  constructor(part: TInputPart, field: string, kind: TForbiddenCharacter) {
    const what = FORBIDDEN_CHARACTER_NAMES[kind];
    super(
      part === 'body'
        ? `Il campo «${field}» contiene ${what}, che non è ammesso. Correggi il testo e invia di nuovo.`
        : part === 'query'
          ? `Il parametro «${field}» dell'indirizzo contiene ${what}, che non è ammesso. Correggi l'indirizzo e riprova.`
          : `L'indirizzo della pagina contiene ${what} (parametro «${field}»), che non è ammesso.`,
    );
    this.status = part === 'body' ? 422 : 400;
    this.problemMembers = { field, location: part, character: kind };
  }
}

type TStringRule = (value: string) => TForbiddenCharacter | undefined;

const single: TStringRule = (v) => forbiddenCharacter(v, { multiline: false });
const multi: TStringRule = (v) => forbiddenCharacter(v, { multiline: true });
const nulOnly: TStringRule = (v) => (v.includes('\u0000') ? 'nul' : undefined);

/** A printable name for a field path: `clienti[2].nome`; a key with odd characters is quoted. */
function fieldName(path: ReadonlyArray<string | number>): string {
  if (path.length === 0) return 'corpo della richiesta';
  return path
    .map((p, i) =>
      typeof p === 'number' ? `[${p}]` : `${i > 0 ? '.' : ''}${/^[\w-]*$/.test(p) ? p : JSON.stringify(p)}`,
    )
    .join('');
}

/**
 * The first string in `value` (nested objects and arrays walked without recursion; Buffers skipped, an
 * uploaded file's name checked as a single line) or key that breaks `rule`.
 */
export function findForbiddenString(
  value: unknown,
  rule: TStringRule,
): { field: string; kind: TForbiddenCharacter } | undefined {
  const stack: Array<{ v: unknown; path: Array<string | number> }> = [{ v: value, path: [] }];
  while (stack.length > 0) {
    const { v, path } = stack.pop()!;
    if (typeof v === 'string') {
      const kind = rule(v);
      if (kind) return { field: fieldName(path), kind };
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], path: [...path, i] });
    } else if (v && typeof v === 'object' && !Buffer.isBuffer(v) && !ArrayBuffer.isView(v)) {
      const o = v as Record<string, unknown>;
      if (Buffer.isBuffer(o.content) && typeof o.filename === 'string') {
        const kind = single(o.filename);
        if (kind) return { field: `${fieldName(path)} (nome del file)`, kind };
        continue;
      }
      for (const [k, child] of Object.entries(o).reverse()) {
        const kind = rule(k);
        if (kind) return { field: fieldName([...path, k]), kind };
        stack.push({ v: child, path: [...path, k] });
      }
    }
  }
  return undefined;
}

/** Form bodies leave every rule but NUL to parseForm/formValues, which show the form again. */
function bodyRule(request: FastifyRequest): TStringRule {
  const type = String(request.headers['content-type'] ?? '').toLowerCase();
  if (type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data'))
    return nulOnly;
  return multi;
}

/**
 * Every request, before validation, CSRF, the session's user or any handler: a path parameter or query
 * value with a refused character is a 400, a body (form, JSON, CSV) with NUL — or, outside forms, any
 * refused character — a 422, as an Italian page or problem+json naming the field. Nothing reaches the
 * database.
 */
export function installInputGuard(app: FastifyInstance) {
  app.addHook('preValidation', async (request) => {
    const checks: Array<[TInputPart, unknown, TStringRule]> = [
      ['params', request.params, single],
      ['query', request.query, single],
      ['body', request.body, bodyRule(request)],
    ];
    for (const [part, value, rule] of checks) {
      const found = findForbiddenString(value, rule);
      if (found) throw new ForbiddenCharacterError(part, found.field, found.kind);
    }
  });
}
