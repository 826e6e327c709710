import type { z } from 'zod';
import type { TFormState } from '../layout/form-kit.js';
import { ValidationError } from './errors.js';
import {
  fieldCharacterMessage,
  ForbiddenCharacterError,
  forbiddenCharacter,
  withoutForbiddenCharacters,
} from './input-guard.js';

/** Form body as strings, as sent (checkboxes absent when unticked). Arrays keep their first value. */
function rawFormValues(body: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (body && typeof body === 'object') {
    for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
      const first = Array.isArray(v) ? v[0] : v;
      if (typeof first === 'string') out[k] = first;
    }
  }
  return out;
}

/**
 * The form as sent, for showing it again: a value holding a character no form field takes (control
 * characters but tab and line breaks, bidirectional overrides; NUL never gets this far, see input-guard.ts)
 * has it removed and an error on its field in `refused`. Single-line fields also refuse tab and line
 * breaks, through their zod rule (zod-fields.ts).
 */
export function readForm(body: unknown): { values: Record<string, string>; refused: Record<string, string> } {
  const values: Record<string, string> = {};
  const refused: Record<string, string> = {};
  for (const [k, v] of Object.entries(rawFormValues(body))) {
    const kind = forbiddenCharacter(v, { multiline: true });
    values[k] = kind ? withoutForbiddenCharacters(v, { multiline: true }) : v;
    if (kind) refused[k] = fieldCharacterMessage(kind);
  }
  return { values, refused };
}

/**
 * Form body as strings (checkboxes absent when unticked). Arrays keep their first value. A value with a
 * refused character (see readForm) is a ForbiddenCharacterError: 422, naming the field.
 */
export function formValues(body: unknown): Record<string, string> {
  const values = rawFormValues(body);
  for (const [k, v] of Object.entries(values)) {
    const kind = forbiddenCharacter(v, { multiline: true });
    if (kind) throw new ForbiddenCharacterError('body', k, kind);
  }
  return values;
}

/** Validates a form with its zod schema; on failure, one Italian message per field (the first issue). */
export function parseForm<S extends z.ZodType>(
  schema: S,
  body: unknown,
  confirmations: readonly TConfirmation[] = [],
): { ok: true; data: z.infer<S>; values: Record<string, string> } | { ok: false; form: TFormState } {
  // A refused character is reported on its field (and dropped from the value shown again).
  const { values, refused } = readForm(body);
  const result = schema.safeParse(values);
  const errors: Record<string, string> = { ...refused };
  if (!result.success) {
    for (const issue of result.error.issues) {
      const key = String(issue.path[0] ?? '_form');
      errors[key] ??= issue.message;
    }
  }
  // "Conferma" fields are compared on the raw values, so the mismatch shows up with the other errors.
  for (const c of confirmations) {
    const a = values[c.field] ?? '';
    const b = values[c.confirm] ?? '';
    const same = c.caseInsensitive ? a.trim().toLowerCase() === b.trim().toLowerCase() : a === b;
    if (a !== '' && b !== '' && !same) errors[c.confirm] ??= c.message;
  }
  if (result.success && Object.keys(errors).length === 0) return { ok: true, data: result.data, values };
  return { ok: false, form: { values, errors } };
}

/**
 * The form's data by its schema, or every problem at once as a ValidationError (for runForm to show the page
 * again): the schema's and confirmations' messages, plus `moreErrors` found by the caller (the check code).
 */
export function parseFormOrThrow<S extends z.ZodType>(
  schema: S,
  body: unknown,
  opts: { confirmations?: readonly TConfirmation[]; moreErrors?: Record<string, string> } = {},
): z.infer<S> {
  const parsed = parseForm(schema, body, opts.confirmations);
  const errors: Record<string, string> = {};
  if (!parsed.ok) for (const [k, v] of Object.entries(parsed.form.errors)) if (v) errors[k] = v;
  Object.assign(errors, opts.moreErrors);
  if (!parsed.ok || Object.keys(errors).length > 0) throw new ValidationError(errors);
  return parsed.data;
}

/** A field typed twice ("Conferma Email", "Conferma Password"). */
export type TConfirmation = { field: string; confirm: string; message: string; caseInsensitive?: boolean };

/** A file of a multipart form, as the multipart plugin leaves it in the body (see app.ts). */
export type TUploadedFile = { filename: string; content: Buffer; truncated: boolean };

function isUploadedFile(v: unknown): v is TUploadedFile {
  return typeof v === 'object' && v !== null && Buffer.isBuffer((v as TUploadedFile).content);
}

/** The files of a multipart form; an empty file input (no file chosen) is left out. */
export function formFiles(body: unknown): Record<string, TUploadedFile[]> {
  const out: Record<string, TUploadedFile[]> = {};
  if (body && typeof body === 'object') {
    for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
      const list = (Array.isArray(v) ? v : [v])
        .filter(isUploadedFile)
        .filter((f) => f.filename !== '' || f.content.length > 0);
      if (list.length > 0) out[k] = list;
    }
  }
  return out;
}
