import { CsrfField, ErrorSummary, fieldId, type TFormState } from '../../../layout/form-kit.js';
import type { TPageContext } from '../../../layout/layout.js';
import { DECISIONS, type TDecisionSlug } from '../decisions.js';
import type { TCertRow } from './certifications.js';

/** The decisions on a company or a person: the forms allowed in the current status and their notes. */

/** What a detail page with decisions gets besides its subject. */
export type TDecisionPageProps = {
  ctx: TPageContext;
  certifications: readonly TCertRow[];
  today: string;
  soon: string;
  allowed: readonly TDecisionSlug[];
  form: TFormState;
  problem?: string | undefined;
};

/** The decisions allowed in the current status, each its own form; Rifiuta and Sospendi need a reason. */
export function DecisionForms({
  csrfToken,
  base,
  allowed,
  form,
  problem,
  subject,
}: {
  csrfToken: string;
  base: string;
  allowed: readonly TDecisionSlug[];
  form: TFormState;
  problem?: string | undefined;
  subject: string;
}) {
  const reasonError = form.errors.reason;
  const id = fieldId('reason');
  return (
    <section class="mt-5" aria-labelledby="decisione">
      <h2 id="decisione" class="h4">
        Decisione
      </h2>
      {problem ? (
        <div class="alert alert-danger" role="alert">
          <span safe>{problem}</span>
        </div>
      ) : (
        ''
      )}
      {allowed.length === 0 ? <p>Nessuna decisione possibile in questo stato.</p> : ''}
      {allowed.map((slug) => {
        const withReason = slug === 'rifiuta' || slug === 'sospendi';
        return (
          <form method="post" action={`${base}/${slug}`} class="mb-4" novalidate>
            <CsrfField token={csrfToken} />
            {withReason ? (
              <div class="form-group">
                <label for={id} class="active">
                  <span safe>{`Motivazione (${DECISIONS[slug].button.toLowerCase()})`}</span>
                  <span aria-hidden="true"> *</span>
                </label>
                <textarea
                  id={id}
                  name="reason"
                  rows="3"
                  maxlength="1000"
                  class={reasonError ? 'form-control is-invalid' : 'form-control'}
                  required
                  aria-required="true"
                  aria-invalid={reasonError ? 'true' : undefined}
                  aria-describedby={reasonError ? `${id}-hint ${id}-error` : `${id}-hint`}
                  safe
                >
                  {form.values.reason ?? ''}
                </textarea>
                <small id={`${id}-hint`} class="form-text">
                  La motivazione è inviata per e-mail al Legale Rappresentante e registrata.
                </small>
                {reasonError ? (
                  <div id={`${id}-error`} class="invalid-feedback d-block" safe>
                    {reasonError}
                  </div>
                ) : (
                  ''
                )}
              </div>
            ) : (
              ''
            )}
            <button
              type="submit"
              class={withReason ? 'btn btn-outline-danger' : 'btn btn-primary'}
              aria-label={`${DECISIONS[slug].button} ${subject}`}
            >
              <span>{DECISIONS[slug].button}</span>
            </button>
          </form>
        );
      })}
    </section>
  );
}

/** The reason of the last decision, if any, and the summary of the decision form's errors. */
export function DecisionNotes({ reason, form }: { reason: string | null; form: TFormState }) {
  return (
    <>
      {reason ? (
        <p>
          Motivazione dell'ultima decisione: <span safe>{reason}</span>
        </p>
      ) : (
        ''
      )}
      <ErrorSummary form={form} labels={{ reason: 'Motivazione' }} />
    </>
  );
}
