// The rules of a call as plain data: appliance types, the replacement table, limits and dates. The
// eligibility and amount functions (./eligibility.ts, ./contribution.ts) read only this shape; the Puglia
// 2024 call (./seed-puglia-2024.ts) is one value of it.

/** New (5-star) appliance types of the Avviso, section 4 and Allegato A "CHIEDE". */
export const NEW_APPLIANCE_TYPES = [
  'caldaia_legna_cippato',
  'caldaia_pellet',
  'termocamini_termostufe_termocucine',
  'inserto_legna',
  'inserto_pellet',
  'stufa_legna',
  'stufa_pellet',
] as const;
export type TNewApplianceType = (typeof NEW_APPLIANCE_TYPES)[number];

/** Replaced (old) appliance types of Allegato A "previa dismissione e rottamazione". */
export const OLD_APPLIANCE_TYPES = ['camino_aperto', ...NEW_APPLIANCE_TYPES] as const;
export type TOldApplianceType = (typeof OLD_APPLIANCE_TYPES)[number];

export type TApplianceType = TOldApplianceType;

export interface TApplianceTypeInfo<T extends string> {
  id: T;
  /** Label as written in the call. */
  label: string;
}

export interface TNewApplianceTypeInfo extends TApplianceTypeInfo<TNewApplianceType> {
  /** Maximum regional contribution for this new type, integer euro cents. */
  capCents: number;
}

export interface TReplacementRule {
  /** Old types covered by this row of the replacement table. */
  oldTypes: readonly TOldApplianceType[];
  /** New types that may replace them. */
  newTypes: readonly TNewApplianceType[];
  /** The row as written in the call, for display. */
  text: string;
}

export interface TLegalReference {
  kind: 'DD' | 'DGR';
  number: string;
  /** ISO date (YYYY-MM-DD). */
  date: string;
  description: string;
}

export interface TCall {
  id: string;
  title: string;
  legalReferences: readonly TLegalReference[];
  /** Eligible municipalities, names exactly as in the call. */
  municipalities: readonly string[];
  newApplianceTypes: readonly TNewApplianceTypeInfo[];
  oldApplianceTypes: readonly TApplianceTypeInfo<TOldApplianceType>[];
  replacementTable: readonly TReplacementRule[];
  /** Old appliance whose data may be "ND"/0 (Allegato A, note to the replaced appliance). */
  unknownDataAllowedFor: readonly TOldApplianceType[];
  /** New types subject to the termocucine conditions (heat exchanger, EN 13240 / EN 14785). */
  termocucinaTypes: readonly TNewApplianceType[];
  termocucinaStandards: readonly string[];
  oldMaxStars: number;
  oldMaxKw: number;
  newRequiredStars: number;
  newMaxKw: number;
  /** GSE Conto Termico 2.0 contract signed from this ISO date (inclusive). */
  gseContractFrom: string;
  budgetCents: number;
  /** ISO date-time, or null when the call states no fixed instant. */
  opensAt: string | null;
  closesAt: string;
  /** False when the call does not state a time and the end of the day is assumed. */
  closingTimeStatedInCall: boolean;
  partialFundingOfLastApplication: boolean;
}
