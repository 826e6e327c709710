// The answers of Allegato A, read once from what is stored: the draft's texts, their typed values, and what
// they mean (the eligibility input, the contribution asked for, the property's cadastral identity), and
// each answer as people read it.
import { z } from 'zod';
import type { TGrantCall } from '../../calls/call.js';
import { computeContribution, type TEligibilityInput } from '../../calls/eligibility.js';
import {
  APPLICATION_FIELDS,
  fieldDef,
  NO_OLD_APPLIANCE,
  type TApplicationAnswers,
  type TApplicationDraft,
  type TApplicationField,
  type TDraftAnswers,
} from './allegato-a.js';
import { GROUPS } from './fieldsets.js';

/** `grant_applications.data` as stored (jsonb; its text under some drivers). */
const ZStored = z.preprocess(
  (v) => (typeof v === 'string' ? JSON.parse(v) : v),
  z.record(z.string(), z.unknown()).catch({}),
);

/** The texts of a stored draft, field by field; anything that is not a field of Allegato A is left out. */
export function readDraft(stored: unknown): TApplicationDraft {
  const data = ZStored.parse(stored ?? {});
  const out: TApplicationDraft = {};
  for (const f of APPLICATION_FIELDS) {
    const v = data[f];
    if (typeof v === 'string') out[f] = v;
  }
  return out;
}

/** Each answer of the draft that is valid so far, as its typed value. */
export function draftAnswers(draft: TApplicationDraft): TDraftAnswers {
  const out: Partial<Record<TApplicationField, unknown>> = {};
  for (const f of APPLICATION_FIELDS) {
    const r = fieldDef(f).typed.safeParse(draft[f]);
    if (r.success) out[f] = r.data;
  }
  // Each value was produced by its own field's schema, whose output type TDraftAnswers names.
  return out as TDraftAnswers;
}

/** The typed answers of a stored row's `data` (rows read without applicationFromRow). */
export const storedAnswers = (stored: unknown): TDraftAnswers => draftAnswers(readDraft(stored));

/** All the answers as typed values, when every one of them is valid (the steps' own checks aside). */
export function completeAnswers(draft: TApplicationDraft): TApplicationAnswers | undefined {
  const a = draftAnswers(draft);
  return APPLICATION_FIELDS.every((f) => a[f] !== undefined) ? (a as TApplicationAnswers) : undefined;
}

/** The eligibility input from the answers. */
export function toEligibilityInput(a: TApplicationAnswers): TEligibilityInput {
  const isNew = a.old_type === NO_OLD_APPLIANCE;
  return {
    municipality: a.prop_municipality,
    isNewInstallation: isNew,
    oldAppliance: {
      type: a.old_type === NO_OLD_APPLIANCE ? 'camino_aperto' : a.old_type,
      make: a.old_make,
      model: a.old_model,
      fuel: a.old_fuel,
      standard: a.old_standard,
      kw: a.old_kw,
      stars: Math.trunc(a.old_stars),
      yearInstalled: Math.trunc(a.old_year),
    },
    newAppliance: {
      type: a.new_type,
      kw: a.new_kw,
      stars: Math.trunc(a.new_stars),
      standard: a.new_standard,
      isTermocucina: a.new_is_termocucina,
      heatExchangerConnected: a.new_heat_exchanger,
    },
    gseContractDate: a.gse_contract_date,
  };
}

/** The contribution this application asks for (CHIEDE il contributo di €), in cents; undefined if not computable yet. */
export function requestedContributionCents(
  call: TGrantCall,
  a: Pick<TDraftAnswers, 'gse_admissible' | 'gse_contribution' | 'new_type'>,
): number | undefined {
  const { gse_admissible: admissible, gse_contribution: gse, new_type: type } = a;
  if (admissible === undefined || gse === undefined || type === undefined) return undefined;
  if (!call.rules.newApplianceTypes.some((t) => t.id === type)) return undefined;
  return computeContribution(call.eligibility, type, admissible, gse);
}

/** Cadastral identity of the property, for "one application per property": municipality + sezione/foglio/particella/sub. */
export function propertyKey(
  a: Pick<TDraftAnswers, 'prop_municipality' | 'cad_section' | 'cad_sheet' | 'cad_parcel' | 'cad_sub'>,
): string {
  const norm = (s: string | undefined) =>
    (s ?? '')
      .trim()
      .toUpperCase()
      .replace(/\s+/g, '')
      .replace(/^0+(?=\d)/, '');
  return [a.prop_municipality, a.cad_section, a.cad_sheet, a.cad_parcel, a.cad_sub].map(norm).join('|');
}

/** "Nome Cognome" of the applicant, for e-mails and the receipt. */
export function applicantName(a: Pick<TDraftAnswers, 'first_name' | 'last_name'>): string {
  return [a.first_name, a.last_name].filter(Boolean).join(' ').trim() || 'richiedente';
}

/** "Cognome Nome", as lists sort people. */
export function applicantSortName(a: Pick<TDraftAnswers, 'first_name' | 'last_name'>): string {
  return `${a.last_name ?? ''} ${a.first_name ?? ''}`.trim();
}

/** A field's label where it is read apart from its fieldset: "Nuovo apparecchio – Marca". */
export function answerLabel(f: TApplicationField, separator = ' – '): string {
  const d = fieldDef(f);
  return d.group ? `${GROUPS[d.group]}${separator}${d.label}` : d.label;
}

/**
 * An answer as people read it (the citizen's summary, the officer's page): what was typed, a choice by its
 * label, "Sì"/"No" for a box.
 */
export function answerText(call: TGrantCall, f: TApplicationField, draft: TApplicationDraft): string {
  const value = draft[f] ?? '';
  const d = fieldDef(f);
  if (d.kind === 'tick') return value === '1' ? 'Sì' : 'No';
  if (d.kind === 'choice') return d.options?.(call).find((o) => o.value === value)?.label ?? value;
  return value;
}
