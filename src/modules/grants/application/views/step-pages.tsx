// Steps 1–4 of the application: the fields of Allegato A grouped and labelled as in the form.
// "Salva e continua" validates the step, "Salva bozza" keeps what was typed.
import { CsrfField, ErrorSummary, RequiredNote, type TFormState } from '../../../../layout/form-kit.js';
import type { TPageContext } from '../../../../layout/layout.js';
import { type TGrantCall } from '../../calls/call.js';
import { type TApplicationValues } from '../allegato-a/fields.js';
import { stepPath } from '../save-draft.js';
import { ApplicantFields, InterventionFields } from './applicant-intervention-fields.js';
import { DeclarationsFields, PropertyFields } from './property-declarations-fields.js';
import { WizardLayout } from './wizard-frame.js';

/** The same label in two groups ("Marca" of the new and of the old appliance): the summary says which. */
const STEP2_SUMMARY_LABELS: Record<string, string> = Object.fromEntries(
  ['make', 'model', 'kw', 'fuel', 'standard', 'stars', 'year', 'efficiency'].flatMap((f) => [
    [`new_${f}`, 'Nuovo apparecchio'],
    [`old_${f}`, 'Apparecchio preesistente'],
  ]),
);
const STEP3_SUMMARY_LABELS: Record<string, string> = {
  prop_street: 'Immobile',
  prop_number: 'Immobile',
};

export function StepPage(p: {
  ctx: TPageContext;
  call: TGrantCall;
  applicationId: string;
  step: 1 | 2 | 3 | 4;
  form: TFormState;
  /** The answers stored so far (for the amount shown in step 4). */
  saved: TApplicationValues;
}) {
  const labels = p.step === 2 ? STEP2_SUMMARY_LABELS : p.step === 3 ? STEP3_SUMMARY_LABELS : {};
  const action = stepPath(p.applicationId, p.step);
  return (
    <WizardLayout ctx={p.ctx} applicationId={p.applicationId} callTitle={p.call.title} step={p.step}>
      <ErrorSummary form={p.form} labels={labels} />
      <form method="post" action={action} novalidate>
        <CsrfField token={p.ctx.csrfToken} />
        <RequiredNote />
        {p.step === 1 ? <ApplicantFields form={p.form} /> : ''}
        {p.step === 2 ? <InterventionFields form={p.form} call={p.call} /> : ''}
        {p.step === 3 ? <PropertyFields form={p.form} call={p.call} /> : ''}
        {p.step === 4 ? <DeclarationsFields form={p.form} call={p.call} saved={p.saved} /> : ''}
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
