// What the answers of Allegato A mean: the eligibility input, the contribution asked for, the property's
// cadastral identity, and each answer as people read it.
import { parseItalianDate } from '../../../../italian/dates.js';
import { parseEuroCents } from '../../../../italian/money.js';
import type { TNewApplianceType, TOldApplianceType } from '../../calls/call-rules.js';
import type { TGrantCall } from '../../calls/call.js';
import { computeContribution } from '../../calls/eligibility.js';
import type { TEligibilityInput } from '../../calls/eligibility.js';
import { parseDecimal } from './field-rules.js';
import {
  NO_OLD_APPLIANCE,
  NO_OLD_APPLIANCE_LABEL,
  PROPERTY_TITLES,
  type TApplicationValues,
} from './fields.js';

const num = (v: string | undefined): number => parseDecimal(v ?? '') ?? 0;

/** The eligibility input from the stored answers (validated by the steps). */
export function toEligibilityInput(v: TApplicationValues): TEligibilityInput {
  const isNew = v.old_type === NO_OLD_APPLIANCE;
  return {
    municipality: v.prop_municipality ?? '',
    isNewInstallation: isNew,
    oldAppliance: {
      type: (isNew ? 'camino_aperto' : v.old_type) as TOldApplianceType,
      make: v.old_make ?? '',
      model: v.old_model ?? '',
      fuel: v.old_fuel ?? '',
      standard: v.old_standard ?? '',
      kw: num(v.old_kw),
      stars: Math.trunc(num(v.old_stars)),
      yearInstalled: Math.trunc(num(v.old_year)),
    },
    newAppliance: {
      type: v.new_type as TNewApplianceType,
      kw: num(v.new_kw),
      stars: Math.trunc(num(v.new_stars)),
      standard: v.new_standard ?? '',
      isTermocucina: v.new_is_termocucina === '1',
      heatExchangerConnected: v.new_heat_exchanger === '1',
    },
    gseContractDate: parseItalianDate(v.gse_contract_date ?? '') ?? '',
  };
}

/** The contribution this application asks for (CHIEDE il contributo di €), in cents; undefined if not computable yet. */
export function requestedContributionCents(call: TGrantCall, v: TApplicationValues): number | undefined {
  const admissible = parseEuroCents(v.gse_admissible ?? '');
  const gse = parseEuroCents(v.gse_contribution ?? '');
  if (admissible === undefined || gse === undefined) return undefined;
  if (!call.rules.newApplianceTypes.some((t) => t.id === v.new_type)) return undefined;
  return computeContribution(call.eligibility, v.new_type as TNewApplianceType, admissible, gse);
}

/** Cadastral identity of the property, for "one application per property": municipality + sezione/foglio/particella/sub. */
export function propertyKey(v: TApplicationValues): string {
  const norm = (s: string | undefined) =>
    (s ?? '')
      .trim()
      .toUpperCase()
      .replace(/\s+/g, '')
      .replace(/^0+(?=\d)/, '');
  return [v.prop_municipality, v.cad_section, v.cad_sheet, v.cad_parcel, v.cad_sub].map(norm).join('|');
}

/** The check boxes of Allegato A (the rest are texts and choices). */
const TICK_FIELDS = new Set([
  'new_is_termocucina',
  'new_heat_exchanger',
  'owner_authorisation',
  'decl_i',
  'decl_j',
  'decl_k',
  'commit_pellet',
  'commit_inspections',
  'commit_no_low_class',
  'commit_documents',
  'privacy',
]);

/** An answer as people read it (the citizen's summary, the officer's page): a choice's label, "Sì"/"No" for a box. */
export function answerText(call: TGrantCall, field: string, v: TApplicationValues): string {
  const value = v[field] ?? '';
  if (TICK_FIELDS.has(field)) return value === '1' ? 'Sì' : 'No';
  if (field === 'new_type') return call.rules.newApplianceTypes.find((t) => t.id === value)?.label ?? value;
  if (field === 'old_type')
    return value === NO_OLD_APPLIANCE
      ? NO_OLD_APPLIANCE_LABEL
      : (call.rules.oldApplianceTypes.find((t) => t.id === value)?.label ?? value);
  if (field === 'property_title') return PROPERTY_TITLES[value as keyof typeof PROPERTY_TITLES] ?? value;
  return value;
}
