import type { z } from 'zod';
import { ValidationError } from '../../http/errors.js';
import { parseForm } from '../../http/forms.js';

/** The form's data by its schema, or every field's Italian message at once as a ValidationError. */
export function formDataOrThrow<S extends z.ZodType>(schema: S, values: Record<string, string>): z.infer<S> {
  const parsed = parseForm(schema, values);
  if (parsed.ok) return parsed.data;
  const errors: Record<string, string> = {};
  for (const [field, message] of Object.entries(parsed.form.errors)) if (message) errors[field] = message;
  throw new ValidationError(errors);
}
