// The wizard's steps of Allegato A: the fields each step owns and their validation (Z*Step).
import { electronicFormatIBAN, isValidIBAN } from 'ibantools';
import { z } from 'zod';
import { isPersonTaxCode, normaliseTaxCode, TAX_CODE_MESSAGES } from '../../../../italian/codice-fiscale.js';
import { parseEuroCents } from '../../../../italian/money.js';
import { NEW_APPLIANCE_TYPES, OLD_APPLIANCE_TYPES } from '../../calls/call-rules.js';
import { date, decimal, email, euro, integer, opt, phone, req, tick } from './field-rules.js';
import { APPLICATION_LABELS, NO_OLD_APPLIANCE, type TApplicationValues } from './fields.js';

export const ZApplicantStep = z.object({
  last_name: req('last_name'),
  first_name: req('first_name'),
  birth_place: req('birth_place'),
  birth_date: date('birth_date'),
  tax_code: req('tax_code', 16)
    .transform(normaliseTaxCode)
    .refine(isPersonTaxCode, `${APPLICATION_LABELS.tax_code}: ${TAX_CODE_MESSAGES.person}`),
  res_municipality: req('res_municipality'),
  res_street: req('res_street'),
  res_number: req('res_number', 10),
  res_interno: req('res_interno', 10),
  res_province: req('res_province', 2)
    .transform((v) => v.toUpperCase())
    .refine(
      (v) => /^[A-Z]{2}$/.test(v),
      `${APPLICATION_LABELS.res_province}: indica la sigla di due lettere, ad esempio BA.`,
    ),
  res_cap: req('res_cap', 5).refine((v) => /^\d{5}$/.test(v), `${APPLICATION_LABELS.res_cap}: 5 cifre.`),
  phone: phone('phone'),
  mobile: phone('mobile'),
  email: email('email', true),
  pec: email('pec', false),
});

export const ZInterventionStep = z.object({
  new_type: z.enum(NEW_APPLIANCE_TYPES, { error: `${APPLICATION_LABELS.new_type}: scegli una tipologia.` }),
  new_make: req('new_make'),
  new_model: req('new_model'),
  new_kw: decimal('new_kw'),
  new_fuel: req('new_fuel'),
  new_standard: req('new_standard', 40),
  new_stars: integer('new_stars', 1, 5),
  new_efficiency: decimal('new_efficiency'),
  new_year: integer('new_year', 2000, 2100),
  new_is_termocucina: opt('new_is_termocucina', 1),
  new_heat_exchanger: opt('new_heat_exchanger', 1),
  old_type: z.enum([...OLD_APPLIANCE_TYPES, NO_OLD_APPLIANCE], {
    error: `${APPLICATION_LABELS.old_type}: scegli una tipologia.`,
  }),
  old_make: req('old_make'),
  old_model: req('old_model'),
  old_kw: decimal('old_kw', ' (0 se non noto, solo per il camino aperto)'),
  old_fuel: req('old_fuel'),
  old_standard: req('old_standard', 40),
  old_stars: integer('old_stars', 0, 5),
  old_year: integer('old_year', 0, 2100),
});

export const ZPropertyStep = z
  .object({
    prop_municipality: req('prop_municipality'),
    prop_street: req('prop_street'),
    prop_number: req('prop_number', 10),
    prop_scala: opt('prop_scala', 10),
    prop_interno: opt('prop_interno', 10),
    cad_section: opt('cad_section', 10),
    cad_sheet: req('cad_sheet', 10),
    cad_parcel: req('cad_parcel', 10),
    cad_sub: opt('cad_sub', 10),
    property_title: z.enum(['proprietario', 'affittuario'], {
      error: `${APPLICATION_LABELS.property_title}: scegli Proprietario o Affittuario.`,
    }),
    owner_name: opt('owner_name'),
    owner_authorisation: opt('owner_authorisation', 1),
    stamp_number: req('stamp_number', 14).refine(
      (v) => /^\d{14}$/.test(v),
      `${APPLICATION_LABELS.stamp_number}: sono 14 cifre, come stampato sulla marca.`,
    ),
    stamp_date: date('stamp_date'),
    total_cost: euro('total_cost'),
    gse_admissible: euro('gse_admissible'),
    gse_contribution: euro('gse_contribution'),
    gse_practice: req('gse_practice', 40),
    gse_contract_number: req('gse_contract_number', 40),
    gse_contract_date: date('gse_contract_date'),
  })
  .superRefine((v, ctx) => {
    if (v.property_title === 'affittuario') {
      if (!v.owner_name)
        ctx.addIssue({
          code: 'custom',
          path: ['owner_name'],
          message: `${APPLICATION_LABELS.owner_name}: campo obbligatorio per l'affittuario.`,
        });
      if (v.owner_authorisation !== '1')
        ctx.addIssue({
          code: 'custom',
          path: ['owner_authorisation'],
          message: "Autorizzazione del proprietario: l'affittuario deve dichiarare di averla ottenuta.",
        });
    }
    const admissible = parseEuroCents(v.gse_admissible);
    const total = parseEuroCents(v.total_cost);
    if (admissible !== undefined && total !== undefined && admissible > total) {
      ctx.addIssue({
        code: 'custom',
        path: ['gse_admissible'],
        message: `${APPLICATION_LABELS.gse_admissible}: non può superare il costo totale dell'intervento.`,
      });
    }
  });

export const ZDeclarationsStep = z.object({
  decl_i: tick('decl_i'),
  decl_j: tick('decl_j'),
  decl_k: tick('decl_k'),
  commit_pellet: tick('commit_pellet'),
  commit_inspections: tick('commit_inspections'),
  commit_no_low_class: tick('commit_no_low_class'),
  commit_documents: tick('commit_documents'),
  iban: req('iban', 42)
    .transform((v) => electronicFormatIBAN(v) ?? v.replace(/\s/g, '').toUpperCase())
    .refine(
      (v) => isValidIBAN(v),
      `${APPLICATION_LABELS.iban}: il codice IBAN non è valido, controlla di averlo copiato per intero.`,
    ),
  bank: req('bank'),
  account_holder: req('account_holder'),
  place: req('place'),
  privacy: z.literal('1', {
    error: 'Informativa privacy: occorre dichiarare di averla letta e autorizzare il trattamento.',
  }),
});

export const WIZARD_STEPS = [
  { n: 1, id: 'richiedente', title: 'Richiedente e recapiti', schema: ZApplicantStep },
  { n: 2, id: 'intervento', title: 'Nuovo e vecchio apparecchio', schema: ZInterventionStep },
  { n: 3, id: 'immobile', title: 'Immobile, marca da bollo e dati GSE', schema: ZPropertyStep },
  { n: 4, id: 'dichiarazioni', title: 'Dichiarazioni, impegni e pagamento', schema: ZDeclarationsStep },
  { n: 5, id: 'allegati', title: 'Allegati', schema: null },
  { n: 6, id: 'riepilogo', title: 'Riepilogo e invio', schema: null },
] as const;
export type TWizardStep = (typeof WIZARD_STEPS)[number];

export type TStepRead =
  { ok: true; values: TApplicationValues } | { ok: false; errors: Record<string, string> };

/** Validates the fields of one step; on success returns them normalised (tax code upper case, IBAN compact). */
export function readStep(step: TWizardStep, values: TApplicationValues): TStepRead {
  if (!step.schema) return { ok: true, values: {} };
  const parsed = step.schema.safeParse(values);
  if (parsed.success) {
    const out: TApplicationValues = {};
    for (const [k, v] of Object.entries(parsed.data)) out[k] = String(v ?? '');
    return { ok: true, values: out };
  }
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const key = String(issue.path[0] ?? 'form');
    errors[key] ??= issue.message;
  }
  return { ok: false, errors };
}

/** The fields a step owns (what its form posts). */
export function stepFields(step: TWizardStep): string[] {
  if (!step.schema) return [];
  return Object.keys(step.schema.shape);
}
