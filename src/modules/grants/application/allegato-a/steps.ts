// The wizard's steps, and the schema of each step derived from the definition of Allegato A: the fields a
// step owns, their rules, and the rules between them (required when, not above).
import { z } from 'zod';
import {
  ALLEGATO_A,
  APPLICATION_FIELDS,
  fieldDef,
  stepOfField,
  type TApplicationDraft,
  type TApplicationField,
} from './allegato-a.js';
import { FIELDSETS, type TFieldsetId, type TStepNo } from './fieldsets.js';

/** The fields of a step, in the order of the form. */
export const fieldsOfStep = (n: TStepNo): TApplicationField[] =>
  APPLICATION_FIELDS.filter((f) => stepOfField(f) === n);

/** The fieldsets of a step with their fields, in the order of the form. */
export const fieldsetsOfStep = (n: TStepNo): Array<{ id: TFieldsetId; fields: TApplicationField[] }> =>
  (Object.keys(FIELDSETS) as TFieldsetId[])
    .filter((id) => FIELDSETS[id].step === n)
    .map((id) => ({ id, fields: APPLICATION_FIELDS.filter((f) => ALLEGATO_A[f].fieldset === id) }));

/** A step's schema: what may be typed in its fields, normalised as it is stored. */
function stepSchema(n: TStepNo) {
  const fields = fieldsOfStep(n);
  const shape: Record<string, z.ZodType<string, unknown>> = {};
  for (const f of fields) shape[f] = fieldDef(f).text;
  return z.object(shape).superRefine((v: Record<string, string | undefined>, ctx) => {
    for (const f of fields) {
      const def = fieldDef(f);
      if (def.requiredWhen && v[def.requiredWhen.field] === def.requiredWhen.equals) {
        const answer = def.typed.safeParse(v[f] ?? '');
        if (!answer.success || answer.data === '' || answer.data === false)
          ctx.addIssue({ code: 'custom', path: [f], message: def.requiredWhen.message });
      }
      if (def.notAbove) {
        const mine = def.typed.safeParse(v[f]);
        const other = fieldDef(def.notAbove.field).typed.safeParse(v[def.notAbove.field]);
        if (mine.success && other.success && Number(mine.data) > Number(other.data))
          ctx.addIssue({ code: 'custom', path: [f], message: def.notAbove.message });
      }
    }
  });
}

export const ZApplicantStep = stepSchema(1);
export const ZInterventionStep = stepSchema(2);
export const ZPropertyStep = stepSchema(3);
export const ZDeclarationsStep = stepSchema(4);

export const WIZARD_STEPS = [
  { n: 1, id: 'richiedente', title: 'Richiedente e recapiti', schema: ZApplicantStep },
  { n: 2, id: 'intervento', title: 'Nuovo e vecchio apparecchio', schema: ZInterventionStep },
  { n: 3, id: 'immobile', title: 'Immobile, marca da bollo e dati GSE', schema: ZPropertyStep },
  { n: 4, id: 'dichiarazioni', title: 'Dichiarazioni, impegni e pagamento', schema: ZDeclarationsStep },
  { n: 5, id: 'allegati', title: 'Allegati', schema: null },
  { n: 6, id: 'riepilogo', title: 'Riepilogo e invio', schema: null },
] as const;
export type TWizardStep = (typeof WIZARD_STEPS)[number];
/** Steps 1–4: the steps made of answers. */
export type TAnswerStep = Extract<TWizardStep, { n: TStepNo }>;
export const ANSWER_STEPS = WIZARD_STEPS.filter((s): s is TAnswerStep => s.schema !== null);

export type TStepRead =
  { ok: true; values: TApplicationDraft } | { ok: false; errors: Record<string, string> };

/** Validates the fields of one step; on success returns them normalised (tax code upper case, IBAN compact). */
export function readStep(step: TWizardStep, values: Record<string, string | undefined>): TStepRead {
  if (!step.schema) return { ok: true, values: {} };
  const parsed = step.schema.safeParse(values);
  if (parsed.success) return { ok: true, values: parsed.data };
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const key = String(issue.path[0] ?? 'form');
    errors[key] ??= issue.message;
  }
  return { ok: false, errors };
}

/** What is wrong with the answers, step by step (empty when every step passes). */
export function answerProblems(draft: TApplicationDraft): string[] {
  return ANSWER_STEPS.flatMap((s) => {
    const r = readStep(s, draft);
    return r.ok ? [] : Object.values(r.errors);
  });
}

/** The fields a step owns (what its form posts). */
export function stepFields(step: TWizardStep): TApplicationField[] {
  return step.schema ? fieldsOfStep(step.n) : [];
}
