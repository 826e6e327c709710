import type { FastifyReply, FastifyRequest } from 'fastify';
import type { TFormState } from '../layout/form-kit.js';
import { ConflictError, ValidationError } from './errors.js';
import { readForm } from './forms.js';
import { setFlash, type TFlash } from './request-context.js';

/** What a successful form POST does next: an optional flash message, then 303 to `redirect` (PRG). */
export type TFormSuccess = { redirect: string; flash?: string | TFlash };

export type TFormRun<T> = {
  /** The use case; it receives the submitted values (strings, as typed) and throws typed errors. */
  run: (values: Record<string, string>) => Promise<T>;
  /** Where to go after success, and what to say. */
  done: (result: T) => TFormSuccess;
  /** Draws the page again with the form state: values kept, field errors, or a page-level problem. */
  render: (form: TFormState, problem: string | undefined, status: number) => unknown;
  /**
   * A ConflictError ("operation not possible now") by default re-draws the page with its message (409);
   * give `conflictRedirect` to answer it with a flash + 303 to that address instead.
   */
  conflictRedirect?: string;
};

/**
 * The one shape of every form POST: run the use case; ValidationError → the page again (422) with the
 * messages and the typed values; ConflictError → the page with the message (409) or flash + 303; success →
 * flash + 303. Any other error goes to the central handler.
 */
export async function runForm<T>(req: FastifyRequest, reply: FastifyReply, spec: TFormRun<T>) {
  const { values, refused } = readForm(req.body);
  if (Object.keys(refused).length > 0) return spec.render({ values, errors: refused }, undefined, 422);
  let result: T;
  try {
    result = await spec.run(values);
  } catch (err) {
    if (err instanceof ValidationError)
      return spec.render({ values, errors: err.fieldErrors }, undefined, 422);
    if (err instanceof ConflictError) {
      if (spec.conflictRedirect !== undefined) {
        setFlash(req, { kind: 'danger', text: err.message });
        return reply.redirect(spec.conflictRedirect, 303);
      }
      return spec.render({ values, errors: {} }, err.message, 409);
    }
    throw err;
  }
  const next = spec.done(result);
  if (next.flash !== undefined)
    setFlash(req, typeof next.flash === 'string' ? { kind: 'success', text: next.flash } : next.flash);
  return reply.redirect(next.redirect, 303);
}
