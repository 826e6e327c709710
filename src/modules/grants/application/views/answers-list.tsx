// The answers of one step of Allegato A as a description list: the same on the citizen's summary and on
// the officer's page. Labels and choices come from the definition (answerLabel, answerText).
import type { TGrantCall } from '../../calls/call.js';
import type { TApplicationDraft } from '../allegato-a/allegato-a.js';
import { answerLabel, answerText } from '../allegato-a/answers.js';
import { stepFields, type TWizardStep } from '../allegato-a/steps.js';

export function AnswerList(p: { call: TGrantCall; values: TApplicationDraft; step: TWizardStep }) {
  return (
    <dl class="row mb-0">
      {stepFields(p.step).map((f) => (
        <>
          <dt class="col-sm-5" safe>
            {answerLabel(f)}
          </dt>
          <dd class="col-sm-7" safe>
            {answerText(p.call, f, p.values) || '—'}
          </dd>
        </>
      ))}
    </dl>
  );
}
