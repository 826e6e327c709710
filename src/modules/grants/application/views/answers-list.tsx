// The answers of one step of Allegato A as a description list: the same on the citizen's summary and on
// the officer's page.
import type { TGrantCall } from '../../calls/call.js';
import { answerText } from '../allegato-a/answers.js';
import { APPLICATION_LABELS, type TApplicationValues } from '../allegato-a/fields.js';
import { stepFields, type TWizardStep } from '../allegato-a/steps.js';

const group = (f: string) =>
  f.startsWith('new_') ? 'Nuovo apparecchio – ' : f.startsWith('old_') ? 'Apparecchio preesistente – ' : '';

export function AnswerList(p: { call: TGrantCall; values: TApplicationValues; step: TWizardStep }) {
  return (
    <dl class="row mb-0">
      {stepFields(p.step).map((f) => (
        <>
          <dt class="col-sm-5" safe>
            {`${group(f)}${APPLICATION_LABELS[f as keyof typeof APPLICATION_LABELS] ?? f}`}
          </dt>
          <dd class="col-sm-7" safe>
            {answerText(p.call, f, p.values) || '—'}
          </dd>
        </>
      ))}
    </dl>
  );
}
