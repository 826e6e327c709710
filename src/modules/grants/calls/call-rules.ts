// The Puglia 2024 biomass-heater call (DD n. 95 of 14/10/2024, DGR 1357/2024) as plain data.
// Source: ../shared/seeds/003_b6ab4503955fff4b.txt (the Avviso, "Allegato 1", and its Allegato A).
// A call is data: the eligibility and amount functions in ./eligibility.ts read only this shape.

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

export const PUGLIA_2024_CALL: TCall = {
  id: 'puglia-2024-biomasse',
  title:
    "Avviso pubblico per il miglioramento della qualità dell'aria nei comuni individuati dalla DGR n. 1357 del 03 ottobre 2024 attraverso l'erogazione di contributi a sportello destinati ai cittadini per la sostituzione di generatori di calore e caminetti a biomasse",
  legalReferences: [
    {
      kind: 'DD',
      number: '95',
      date: '2024-10-14',
      description:
        'Determinazione dirigenziale di approvazione dell’Avviso (Dipartimento Ambiente, Paesaggio e Qualità Urbana)',
    },
    {
      kind: 'DGR',
      number: '1357',
      date: '2024-10-03',
      description: 'Individuazione dei Comuni ed estensione dell’Avviso',
    },
    {
      kind: 'DGR',
      number: '426',
      date: '2024-04-08',
      description: 'Contributo integrativo regionale massimo per tipologia di impianto',
    },
    {
      kind: 'DD',
      number: '49',
      date: '2024-05-02',
      description: 'Avviso precedente (Torchiarolo e Francavilla Fontana), integrato e aggiornato',
    },
  ],
  // Avviso, section 1 (OBIETTIVO).
  municipalities: [
    'Bari',
    'Palo del Colle',
    'Bitonto',
    'Modugno',
    'Molfetta',
    'Taranto',
    'Mottola',
    'Castellaneta',
    'Mesagne',
    'Latiano',
    'Ceglie Messapica',
    'Oria',
    'Erchie',
    'Cellino San Marco',
    'San Donaci',
    'Torre S. Susanna',
    'San Pancrazio Salentino',
    'San Pietro Vernotico',
    'Lecce',
    'Galatina',
    'Campi Salentina',
  ],
  // Avviso, section 4 (TIPOLOGIA NUOVO IMPIANTO / CONTRIBUTO MASSIMO).
  newApplianceTypes: [
    { id: 'caldaia_legna_cippato', label: 'Caldaia a legna/cippato', capCents: 1_000_000 },
    { id: 'caldaia_pellet', label: 'Caldaia a Pellet', capCents: 700_000 },
    {
      id: 'termocamini_termostufe_termocucine',
      label: 'Termocamini/termostufe/termocucine',
      capCents: 500_000,
    },
    { id: 'inserto_legna', label: 'Inserto camino legna', capCents: 400_000 },
    { id: 'inserto_pellet', label: 'Inserto camino pellet', capCents: 400_000 },
    { id: 'stufa_legna', label: 'Stufa a legna', capCents: 300_000 },
    { id: 'stufa_pellet', label: 'Stufa a pellet', capCents: 300_000 },
  ],
  // Allegato A, "previa dismissione e rottamazione del preesistente apparecchio".
  oldApplianceTypes: [
    { id: 'camino_aperto', label: 'Camino aperto' },
    { id: 'caldaia_legna_cippato', label: 'Caldaia a legna/cippato' },
    { id: 'caldaia_pellet', label: 'Caldaia a Pellet' },
    { id: 'termocamini_termostufe_termocucine', label: 'Termocamini/termostufe/termocucine' },
    { id: 'inserto_legna', label: 'Inserto camino legna' },
    { id: 'inserto_pellet', label: 'Inserto camino pellet' },
    { id: 'stufa_legna', label: 'Stufa a legna' },
    { id: 'stufa_pellet', label: 'Stufa a pellet' },
  ],
  // Avviso, section 2, as written. The call's table has no row for termocamini/termostufe/termocucine
  // (neither as old nor as new type), although section 4 sets a cap for them: see the report.
  replacementTable: [
    {
      oldTypes: ['camino_aperto', 'inserto_legna', 'inserto_pellet'],
      newTypes: ['inserto_legna', 'inserto_pellet'],
      text: 'Camino aperto o inserto ≤ 3 stelle → Inserto a 5 stelle (2.B)',
    },
    {
      oldTypes: ['stufa_legna', 'stufa_pellet'],
      newTypes: ['stufa_legna', 'stufa_pellet', 'caldaia_legna_cippato', 'caldaia_pellet'],
      text: 'Stufa legna/pellet ≤ 3 stelle → Stufa legna/pellet 5 stelle (2.B), Caldaia legna/pellet 5 stelle (2.B)',
    },
    {
      oldTypes: ['caldaia_legna_cippato', 'caldaia_pellet'],
      newTypes: ['caldaia_legna_cippato', 'caldaia_pellet'],
      text: 'Caldaia legna/pellet ≤ 3 stelle → Caldaia legna/pellet 5 stelle (2.B)',
    },
  ],
  unknownDataAllowedFor: ['camino_aperto'],
  termocucinaTypes: ['termocamini_termostufe_termocucine'],
  termocucinaStandards: ['EN 13240', 'EN 14785'],
  oldMaxStars: 3,
  oldMaxKw: 35,
  newRequiredStars: 5,
  newMaxKw: 35,
  gseContractFrom: '2023-01-01',
  budgetCents: 20_000_000,
  // "dalla data di pubblicazione del presente avviso sul BURP": the publication date is not in the seed.
  opensAt: null,
  // "al 9 dicembre 2024", no time stated: end of that day, Italian time (CET, UTC+1).
  closesAt: '2024-12-09T23:59:59.999+01:00',
  closingTimeStatedInCall: false,
  // The call says only "fino ad esaurimento delle risorse disponibili": silent on partial funding.
  partialFundingOfLastApplication: false,
};
