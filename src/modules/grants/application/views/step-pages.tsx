// Steps 1–4 of the application: the fields of Allegato A grouped and labelled as in the form (step-form.tsx).
// "Salva e continua" validates the step, "Salva bozza" keeps what was typed.
import { CsrfField, ErrorSummary, RequiredNote, type TFormState } from '../../../../layout/form-kit.js';
import type { TPageContext } from '../../../../layout/layout.js';
import type { TGrantCall } from '../../calls/call.js';
import { fieldDef, type TDraftAnswers } from '../allegato-a/allegato-a.js';
import { GROUPS, type TStepNo } from '../allegato-a/fieldsets.js';
import { fieldsOfStep } from '../allegato-a/steps.js';
import { stepPath } from '../save-draft.js';
import { StepFields } from './step-form.js';
import { WizardLayout } from './wizard-frame.js';

/** The same label in two groups ("Marca" of the new and of the old appliance): the error summary says which. */
const errorLabels = (n: TStepNo): Record<string, string> =>
  Object.fromEntries(
    fieldsOfStep(n).flatMap((f) => {
      const group = fieldDef(f).group;
      return group ? [[f, GROUPS[group]]] : [];
    }),
  );

export function StepPage(p: {
  ctx: TPageContext;
  call: TGrantCall;
  applicationId: string;
  step: TStepNo;
  form: TFormState;
  /** The answers stored so far (for the amount shown in step 4). */
  saved: TDraftAnswers;
}) {
  const action = stepPath(p.applicationId, p.step);
  return (
    <WizardLayout ctx={p.ctx} applicationId={p.applicationId} callTitle={p.call.title} step={p.step}>
      <ErrorSummary form={p.form} labels={errorLabels(p.step)} />
      <form method="post" action={action} novalidate>
        <CsrfField token={p.ctx.csrfToken} />
        <RequiredNote />
        <StepFields step={p.step} form={p.form} call={p.call} saved={p.saved} />
        <div class="d-flex flex-wrap gap-2 mt-4">
          <button type="submit" name="azione" value="continua" class="btn btn-primary">
            Salva e continua
          </button>
          <button type="submit" name="azione" value="bozza" class="btn btn-outline-primary">
            Salva bozza
          </button>
          {p.step > 1 ? (
            <a class="btn btn-link" href={stepPath(p.applicationId, p.step - 1)}>
              Torna al passo precedente
            </a>
          ) : (
            ''
          )}
        </div>
      </form>
    </WizardLayout>
  );
}
