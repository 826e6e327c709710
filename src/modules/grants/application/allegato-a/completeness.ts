// Everything "Invia" checks before storing: every step valid, every required attachment present, the
// eligibility rules of the call, and a contribution above zero.
import type { TGrantCall } from '../../calls/call.js';
import { checkEligibility } from '../../calls/eligibility.js';
import { requestedContributionCents, toEligibilityInput } from './answers.js';
import type { TApplicationValues } from './fields.js';
import { readStep, WIZARD_STEPS } from './steps.js';

export type TAttachmentCounts = Partial<Record<string, number>>;

export type TCompleteness =
  | { ok: true; requestedCents: number }
  | { ok: false; errors: Record<string, string>; stepOfError: Record<string, number> };

/**
 * Everything the submit checks before storing: every step valid, every required attachment present,
 * the eligibility rules of the call, and a contribution above zero. Messages are Italian and name the field.
 */
export function checkApplicationComplete(
  call: TGrantCall,
  v: TApplicationValues,
  attachments: TAttachmentCounts,
): TCompleteness {
  const errors: Record<string, string> = {};
  const stepOfError: Record<string, number> = {};
  for (const step of WIZARD_STEPS) {
    const r = readStep(step, v);
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
  const eligibility = checkEligibility(call.eligibility, toEligibilityInput(v));
  if (!eligibility.ok) {
    for (const f of eligibility.failures) {
      const key = `rule_${f.rule}`;
      errors[key] = f.message;
      stepOfError[key] = f.rule === 'gse-contract-date' || f.rule === 'municipality' ? 3 : 2;
    }
    return { ok: false, errors, stepOfError };
  }
  const requested = requestedContributionCents(call, v) ?? 0;
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
  return { ok: true, requestedCents: requested };
}
