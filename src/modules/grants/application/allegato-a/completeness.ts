// Everything "Invia" checks before storing: every step valid, every required attachment present, the
// eligibility rules of the call, and a contribution above zero. Messages are Italian and name the field.
import type { TGrantCall } from '../../calls/call.js';
import { checkEligibility } from '../../calls/eligibility.js';
import type { TApplicationAnswers, TApplicationDraft } from './allegato-a.js';
import { completeAnswers, requestedContributionCents, toEligibilityInput } from './answers.js';
import { readStep, WIZARD_STEPS } from './steps.js';

export type TAttachmentCounts = Partial<Record<string, number>>;

type TProblems = { ok: false; errors: Record<string, string>; stepOfError: Record<string, number> };

export type TCompleteness = { ok: true; requestedCents: number } | TProblems;

/** The answers, typed, of an application ready to be sent, with the contribution it asks for. */
export type TAssessment = { ok: true; answers: TApplicationAnswers; requestedCents: number } | TProblems;

export function assessApplication(
  call: TGrantCall,
  draft: TApplicationDraft,
  attachments: TAttachmentCounts,
): TAssessment {
  const errors: Record<string, string> = {};
  const stepOfError: Record<string, number> = {};
  for (const step of WIZARD_STEPS) {
    const r = readStep(step, draft);
    if (!r.ok)
      for (const [k, m] of Object.entries(r.errors)) {
        errors[k] = m;
        stepOfError[k] = step.n;
      }
  }
  for (const a of call.rules.attachments) {
    if (a.required && !(attachments[a.kind] ?? 0)) {
      errors[`file_${a.kind}`] = `Allegato mancante: ${a.label}.`;
      stepOfError[`file_${a.kind}`] = 5;
    }
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors, stepOfError };
  const answers = completeAnswers(draft);
  if (!answers) throw new Error('valid steps without typed answers');
  const eligibility = checkEligibility(call.eligibility, toEligibilityInput(answers));
  if (!eligibility.ok) {
    for (const f of eligibility.failures) {
      const key = `rule_${f.rule}`;
      errors[key] = f.message;
      stepOfError[key] = f.rule === 'gse-contract-date' || f.rule === 'municipality' ? 3 : 2;
    }
    return { ok: false, errors, stepOfError };
  }
  const requested = requestedContributionCents(call, answers) ?? 0;
  if (requested <= 0) {
    return {
      ok: false,
      errors: {
        gse_contribution:
          'Il contributo GSE copre già la spesa ammissibile: il contributo regionale risulterebbe pari a 0 €.',
      },
      stepOfError: { gse_contribution: 3 },
    };
  }
  return { ok: true, answers, requestedCents: requested };
}

/** Whether the application can be sent, and the contribution it asks for (the summary page, the tests). */
export function checkApplicationComplete(
  call: TGrantCall,
  draft: TApplicationDraft,
  attachments: TAttachmentCounts,
): TCompleteness {
  const r = assessApplication(call, draft, attachments);
  return r.ok ? { ok: true, requestedCents: r.requestedCents } : r;
}
