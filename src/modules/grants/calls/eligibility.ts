// Eligibility and amount for a grant application: pure functions over plain data, no I/O.
// Amounts are integer euro cents throughout.
import { formatItalianDate } from '../../../italian/dates.js';
import type { TCall, TNewApplianceType, TOldApplianceType } from './call-rules.js';

export interface TOldApplianceInput {
  type: TOldApplianceType;
  /** "ND" allowed only where the call allows unknown data (open fireplace). */
  make: string;
  model: string;
  fuel: string;
  /** UNI EN standard; "ND" or "0" allowed only where unknown data is allowed. */
  standard: string;
  /** Nominal power in kW; 0 means unknown. */
  kw: number;
  /** Stars under DM 186/2017; 0 means unknown. */
  stars: number;
  /** Year of installation; 0 means unknown. */
  yearInstalled: number;
}

export interface TNewApplianceInput {
  type: TNewApplianceType;
  kw: number;
  stars: number;
  /** UNI EN standard of the installed appliance, e.g. "UNI EN 14785". */
  standard: string;
  /** Within "Termocamini/termostufe/termocucine": true when the appliance is a termocucina. */
  isTermocucina: boolean;
  /** Connected through heat exchangers to a radiator or floor heating system. */
  heatExchangerConnected: boolean;
}

export interface TEligibilityInput {
  /** Municipality of the property where the appliance is installed. */
  municipality: string;
  oldAppliance: TOldApplianceInput;
  newAppliance: TNewApplianceInput;
  /** Date of the GSE Conto Termico 2.0 contract ("scheda contratto"), ISO YYYY-MM-DD. */
  gseContractDate: string;
  /** True when nothing was replaced (a new installation). */
  isNewInstallation: boolean;
}

export const ELIGIBILITY_RULES = [
  'municipality',
  'old-appliance-data',
  'old-appliance-stars',
  'old-appliance-power',
  'new-appliance-stars',
  'new-appliance-power',
  'replacement',
  'termocucina-heat-exchanger',
  'termocucina-standard',
  'gse-contract-date',
  'new-installation',
] as const;
export type TEligibilityRule = (typeof ELIGIBILITY_RULES)[number];

export interface TEligibilityFailure {
  rule: TEligibilityRule;
  message: string;
}

export type TEligibilityResult = { ok: true } | { ok: false; failures: TEligibilityFailure[] };

function normalizeName(s: string): string {
  return s.trim().replace(/\s+/g, ' ').toLocaleLowerCase('it-IT');
}

function isUnknownText(s: string): boolean {
  const t = s.trim().toUpperCase();
  return t === '' || t === 'ND' || t === 'N.D.' || t === '0';
}

function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

function standardNumbers(s: string): string[] {
  return s.match(/\d{4,5}/g) ?? [];
}

export function isMunicipalityEligible(call: TCall, municipality: string): boolean {
  const wanted = normalizeName(municipality);
  return call.municipalities.some((m) => normalizeName(m) === wanted);
}

export function isReplacementAllowed(
  call: TCall,
  oldType: TOldApplianceType,
  newType: TNewApplianceType,
): boolean {
  return call.replacementTable.some((r) => r.oldTypes.includes(oldType) && r.newTypes.includes(newType));
}

export function checkEligibility(call: TCall, application: TEligibilityInput): TEligibilityResult {
  const failures: TEligibilityFailure[] = [];
  const fail = (rule: TEligibilityRule, message: string): void => {
    failures.push({ rule, message });
  };
  const { oldAppliance: oldA, newAppliance: newA } = application;

  if (!isMunicipalityEligible(call, application.municipality)) {
    fail(
      'municipality',
      `Il Comune "${application.municipality.trim()}" non è tra i Comuni ammessi dall'avviso.`,
    );
  }

  if (application.isNewInstallation) {
    fail('new-installation', 'Non sono ammessi contributi per casi di nuova installazione.');
  }

  const unknownAllowed = call.unknownDataAllowedFor.includes(oldA.type);
  if (!unknownAllowed) {
    const missing: string[] = [];
    if (isUnknownText(oldA.make)) missing.push('marca');
    if (isUnknownText(oldA.model)) missing.push('modello');
    if (isUnknownText(oldA.fuel)) missing.push('combustibile');
    if (isUnknownText(oldA.standard)) missing.push('omologazione UNI EN');
    if (!(Number.isFinite(oldA.kw) && oldA.kw > 0)) missing.push('potenza termica');
    if (!(Number.isInteger(oldA.stars) && oldA.stars > 0)) missing.push('numero di stelle');
    if (!(Number.isInteger(oldA.yearInstalled) && oldA.yearInstalled > 0))
      missing.push('anno di installazione');
    if (missing.length > 0) {
      fail(
        'old-appliance-data',
        `Per l'apparecchio sostituito occorre indicare ${missing.join(', ')}: la dicitura "ND" o il valore 0 sono ammessi solo per il camino aperto.`,
      );
    }
  }

  if (!(Number.isInteger(oldA.stars) && oldA.stars >= 0 && oldA.stars <= call.oldMaxStars)) {
    fail(
      'old-appliance-stars',
      `L'apparecchio sostituito deve avere una classificazione ambientale non superiore a ${call.oldMaxStars} stelle.`,
    );
  }
  if (!(Number.isFinite(oldA.kw) && oldA.kw >= 0 && oldA.kw <= call.oldMaxKw)) {
    fail(
      'old-appliance-power',
      `L'apparecchio sostituito deve avere una potenza non superiore a ${call.oldMaxKw} kW.`,
    );
  }
  if (newA.stars !== call.newRequiredStars) {
    fail(
      'new-appliance-stars',
      `Il nuovo generatore deve avere una classificazione ambientale pari a ${call.newRequiredStars} stelle.`,
    );
  }
  if (!(Number.isFinite(newA.kw) && newA.kw > 0 && newA.kw <= call.newMaxKw)) {
    fail(
      'new-appliance-power',
      `Il nuovo generatore deve avere una potenza maggiore di 0 e non superiore a ${call.newMaxKw} kW.`,
    );
  }

  if (!isReplacementAllowed(call, oldA.type, newA.type)) {
    const oldLabel = call.oldApplianceTypes.find((t) => t.id === oldA.type)?.label ?? oldA.type;
    const newLabel = call.newApplianceTypes.find((t) => t.id === newA.type)?.label ?? newA.type;
    fail(
      'replacement',
      `La sostituzione di "${oldLabel}" con "${newLabel}" non è ammessa dalla tabella delle sostituzioni dell'avviso.`,
    );
  }

  if (call.termocucinaTypes.includes(newA.type) && newA.isTermocucina) {
    if (!newA.heatExchangerConnected) {
      fail(
        'termocucina-heat-exchanger',
        "La termocucina è ammessa solo se collegata tramite scambiatori di calore all'impianto di riscaldamento a radiatori o a pavimento.",
      );
    }
    const allowed = call.termocucinaStandards.flatMap(standardNumbers);
    if (!standardNumbers(newA.standard).some((n) => allowed.includes(n))) {
      fail(
        'termocucina-standard',
        `La termocucina è ammessa solo se omologata ${call.termocucinaStandards.join(' o ')}.`,
      );
    }
  }

  if (!isIsoDate(application.gseContractDate) || application.gseContractDate < call.gseContractFrom) {
    fail(
      'gse-contract-date',
      `La scheda contratto con il GSE (Conto Termico 2.0) deve essere sottoscritta a partire dal ${formatItalianDate(call.gseContractFrom)}.`,
    );
  }

  return failures.length === 0 ? { ok: true } : { ok: false, failures };
}

function assertCents(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer number of cents, got ${value}`);
  }
}

/** The call's cap for a new appliance type, in cents. */
export function capCentsFor(call: TCall, newType: TNewApplianceType): number {
  const info = call.newApplianceTypes.find((t) => t.id === newType);
  if (!info) throw new RangeError(`Unknown new appliance type for this call: ${newType}`);
  return info.capCents;
}

/**
 * Regional contribution = min(cap for the new type, admissible spend − GSE contribution), never
 * negative, so that regional + GSE never exceeds the admissible spend validated by GSE.
 */
export function computeContribution(
  call: TCall,
  newType: TNewApplianceType,
  admissibleSpendCents: number,
  gseContributionCents: number,
): number {
  assertCents('admissibleSpendCents', admissibleSpendCents);
  assertCents('gseContributionCents', gseContributionCents);
  const cap = capCentsFor(call, newType);
  return Math.max(0, Math.min(cap, admissibleSpendCents - gseContributionCents));
}
