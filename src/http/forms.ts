import type { z } from 'zod';
import type { TFormState } from '../layout/form-kit.js';

/** Form body as strings (checkboxes absent when unticked). Arrays keep their first value. */
export function formValues(body: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (body && typeof body === 'object') {
    for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
      const first = Array.isArray(v) ? v[0] : v;
      if (typeof first === 'string') out[k] = first;
    }
  }
  return out;
}

/** Validates a form with its zod schema; on failure, one Italian message per field (the first issue). */
export function parseForm<S extends z.ZodType>(
  schema: S,
  body: unknown,
  confirmations: readonly TConfirmation[] = [],
): { ok: true; data: z.infer<S>; values: Record<string, string> } | { ok: false; form: TFormState } {
  const values = formValues(body);
  const result = schema.safeParse(values);
  const errors: Record<string, string> = {};
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
