// Allegato A ("Modello di domanda") defined once: every field of the application with its Italian label, its
// kind and rules, the step and fieldset it belongs to, the group that tells two equal labels apart, when it
// is required, and how the form shows it. The wizard's pages, the step schemas (./steps.ts), completeness,
// the summary and the officer's page, the receipt and the exports all read this definition.
import { NEW_APPLIANCE_TYPES, OLD_APPLIANCE_TYPES } from '../../calls/call-rules.js';
import type { TGrantCall } from '../../calls/call.js';
import {
  choice,
  date,
  decimal,
  email,
  euro,
  iban,
  integer,
  phone,
  taxCode,
  text,
  tick,
  type TFieldKind,
} from './field-kinds.js';
import { FIELDSETS, type TFieldPlace, type TStepNo } from './fieldsets.js';

export type TFieldDef<V> = TFieldKind<V> & TFieldPlace;

const DATE_HINT = 'gg/mm/aaaa';
const ND = 'ND se non noto (solo camino aperto)';
const ZERO = '0 se non noto (solo camino aperto)';

/** The replaced-appliance choice for "no appliance replaced": a new installation, refused by the call. */
export const NO_OLD_APPLIANCE = 'nessuno';
export const NO_OLD_APPLIANCE_LABEL = 'Nessuno: nuova installazione';

export const PROPERTY_TITLES = {
  proprietario: 'Proprietario',
  affittuario:
    "Affittuario o altro soggetto che abbia la disponibilità dell'immobile, previa autorizzazione del proprietario (Soggetto Ammesso Equiparato)",
} as const;

const OWNER_HINT = 'Solo se il richiedente è affittuario o soggetto equiparato';

/** What the applicant must say about replacing an open fireplace whose data are unknown. */
function unknownDataHint(call: TGrantCall): string {
  const unknownAllowed = call.rules.oldApplianceTypes
    .filter((t) => call.rules.unknownDataAllowedFor.includes(t.id))
    .map((t) => t.label.toLowerCase())
    .join(', ');
  return `Nel caso si sostituisca un ${unknownAllowed}, e non si abbiano i dati richiesti, compilare i campi con la dicitura ND, oppure 0 (zero) se è richiesto un valore numerico (kW, omologazione, n. stelle e anno di installazione). Per le altre tipologie (inserti, stufe e caldaie) è obbligatorio compilare tutti i campi.`;
}

export const ALLEGATO_A = {
  // Step 1 — Richiedente e residenza
  last_name: { ...text('Cognome'), fieldset: 'applicant', half: true, autocomplete: 'family-name' },
  first_name: { ...text('Nome'), fieldset: 'applicant', half: true, autocomplete: 'given-name' },
  birth_place: { ...text('Nato/a a'), fieldset: 'applicant', half: true },
  birth_date: {
    ...date('Data di nascita'),
    fieldset: 'applicant',
    half: true,
    hint: DATE_HINT,
    autocomplete: 'bday',
  },
  tax_code: { ...taxCode('Codice Fiscale'), fieldset: 'applicant', hint: '16 caratteri', maxlength: 16 },
  res_municipality: { ...text('Residente a'), fieldset: 'residence', half: true },
  res_street: { ...text('Via'), fieldset: 'residence', half: true },
  res_number: { ...text('N° civico', { max: 10 }), fieldset: 'residence', half: true },
  res_interno: {
    ...text('Interno', { max: 10 }),
    fieldset: 'residence',
    half: true,
    hint: 'Nel caso di abitazioni unifamiliari inserire 1',
  },
  res_province: {
    ...text('Prov.', {
      max: 2,
      upperCase: true,
      pattern: /^[A-Z]{2}$/,
      message: 'indica la sigla di due lettere, ad esempio BA.',
    }),
    fieldset: 'residence',
    half: true,
    hint: 'Sigla, ad esempio BA',
    maxlength: 2,
  },
  res_cap: {
    ...text('CAP', { max: 5, pattern: /^\d{5}$/, message: '5 cifre.' }),
    fieldset: 'residence',
    half: true,
    inputmode: 'numeric',
    maxlength: 5,
    autocomplete: 'postal-code',
  },
  phone: { ...phone('Telefono fisso'), fieldset: 'contacts', half: true, type: 'tel', autocomplete: 'tel' },
  mobile: { ...phone('Telefono mobile'), fieldset: 'contacts', half: true, type: 'tel', autocomplete: 'tel' },
  email: {
    ...email('Indirizzo mail', { required: true }),
    fieldset: 'contacts',
    half: true,
    type: 'email',
    autocomplete: 'email',
    hint: 'Qui arriveranno la ricevuta e le comunicazioni sulla domanda',
  },
  pec: { ...email('PEC (eventuale)', { required: false }), fieldset: 'contacts', half: true, type: 'email' },

  // Step 2 — Intervento
  new_type: {
    ...choice(
      'Tipologia del nuovo generatore di calore',
      NEW_APPLIANCE_TYPES,
      'scegli una tipologia.',
      (call) => call.rules.newApplianceTypes.map((t) => ({ value: t.id, label: t.label })),
    ),
    fieldset: 'newType',
    group: 'new',
    control: 'radio',
  },
  new_make: { ...text('Marca'), fieldset: 'newAppliance', group: 'new', half: true },
  new_model: { ...text('Modello'), fieldset: 'newAppliance', group: 'new', half: true },
  new_kw: {
    ...decimal('Potenza termica kW'),
    fieldset: 'newAppliance',
    group: 'new',
    half: true,
    hint: 'Ad esempio 9,5',
    inputmode: 'text',
  },
  new_fuel: { ...text('Combustibile'), fieldset: 'newAppliance', group: 'new', half: true },
  new_standard: {
    ...text('Omologazione UNI EN', { max: 40 }),
    fieldset: 'newAppliance',
    group: 'new',
    half: true,
    hint: 'Ad esempio UNI EN 14785',
  },
  new_stars: {
    ...integer('N° stelle (DM 186/2017)', 1, 5),
    fieldset: 'newAppliance',
    group: 'new',
    half: true,
    inputmode: 'numeric',
    maxlength: 1,
  },
  new_efficiency: {
    ...decimal('Rendimento'),
    fieldset: 'newAppliance',
    group: 'new',
    half: true,
    hint: 'In percentuale, ad esempio 91,2',
  },
  new_year: {
    ...integer('Anno di installazione', 2000, 2100),
    fieldset: 'newAppliance',
    group: 'new',
    half: true,
    hint: 'Ad esempio 2024',
    inputmode: 'numeric',
    maxlength: 4,
  },
  new_is_termocucina: {
    ...tick('Il nuovo apparecchio è una termocucina', { required: false }),
    fieldset: 'newAppliance',
    group: 'new',
  },
  new_heat_exchanger: {
    ...tick(
      "La termocucina è collegata tramite scambiatori di calore all'impianto di riscaldamento a radiatori o a pavimento",
      { required: false },
    ),
    fieldset: 'newAppliance',
    group: 'new',
    hint: (call) =>
      `Le termocucine sono ammesse solo se collegate tramite scambiatori di calore all'impianto di riscaldamento e certificate ${call.rules.termocucinaStandards.join(' o ')}.`,
  },
  old_type: {
    ...choice(
      'Apparecchio preesistente dismesso e rottamato',
      [...OLD_APPLIANCE_TYPES, NO_OLD_APPLIANCE],
      'scegli una tipologia.',
      (call) => [
        ...call.rules.oldApplianceTypes.map((t) => ({ value: t.id, label: t.label })),
        { value: NO_OLD_APPLIANCE, label: NO_OLD_APPLIANCE_LABEL },
      ],
    ),
    fieldset: 'oldAppliance',
    group: 'old',
    control: 'radio',
    hints: (call) => [unknownDataHint(call)],
  },
  old_make: { ...text('Marca'), fieldset: 'oldAppliance', group: 'old', half: true, hint: ND },
  old_model: { ...text('Modello'), fieldset: 'oldAppliance', group: 'old', half: true, hint: ND },
  old_kw: {
    ...decimal('Potenza termica kW', ' (0 se non noto, solo per il camino aperto)'),
    fieldset: 'oldAppliance',
    group: 'old',
    half: true,
    hint: ZERO,
  },
  old_fuel: { ...text('Combustibile'), fieldset: 'oldAppliance', group: 'old', half: true, hint: ND },
  old_standard: {
    ...text('Omologazione UNI EN', { max: 40 }),
    fieldset: 'oldAppliance',
    group: 'old',
    half: true,
    hint: ZERO,
  },
  old_stars: {
    ...integer('N° stelle (DM 186/2017)', 0, 5),
    fieldset: 'oldAppliance',
    group: 'old',
    half: true,
    hint: ZERO,
    inputmode: 'numeric',
    maxlength: 1,
  },
  old_year: {
    ...integer('Anno di installazione', 0, 2100),
    fieldset: 'oldAppliance',
    group: 'old',
    hint: ZERO,
    inputmode: 'numeric',
    maxlength: 4,
  },

  // Step 3 — Immobile e dati GSE (DICHIARA INOLTRE, A–H)
  prop_municipality: {
    ...text('Comune'),
    options: (call) => call.rules.municipalities.map((m) => ({ value: m, label: m })),
    fieldset: 'property',
    control: 'select',
    hint: 'Solo i Comuni ammessi dal bando',
  },
  prop_street: { ...text('Via'), fieldset: 'property', group: 'property', half: true },
  prop_number: { ...text('N°', { max: 10 }), fieldset: 'property', group: 'property', half: true },
  prop_scala: { ...text('Scala', { required: false, max: 10 }), fieldset: 'property', half: true },
  prop_interno: { ...text('Int.', { required: false, max: 10 }), fieldset: 'property', half: true },
  cad_section: { ...text('Sezione', { required: false, max: 10 }), fieldset: 'cadastre', half: true },
  cad_sheet: { ...text('Foglio', { max: 10 }), fieldset: 'cadastre', half: true },
  cad_parcel: { ...text('Mappale o particella', { max: 10 }), fieldset: 'cadastre', half: true },
  cad_sub: { ...text('Sub', { required: false, max: 10 }), fieldset: 'cadastre', half: true },
  property_title: {
    ...choice('Il richiedente è', ['proprietario', 'affittuario'], 'scegli Proprietario o Affittuario.', () =>
      Object.entries(PROPERTY_TITLES).map(([value, label]) => ({ value, label })),
    ),
    fieldset: 'title',
    control: 'radio',
  },
  owner_name: {
    ...text('Cognome e nome del proprietario', { required: false }),
    fieldset: 'title',
    hint: OWNER_HINT,
    requiredWhen: {
      field: 'property_title',
      equals: 'affittuario',
      message: "Cognome e nome del proprietario: campo obbligatorio per l'affittuario.",
    },
  },
  owner_authorisation: {
    ...tick("Dichiaro di aver ottenuto l'autorizzazione del proprietario all'intervento", {
      required: false,
    }),
    fieldset: 'title',
    hint: OWNER_HINT,
    requiredWhen: {
      field: 'property_title',
      equals: 'affittuario',
      message: "Autorizzazione del proprietario: l'affittuario deve dichiarare di averla ottenuta.",
    },
  },
  stamp_number: {
    ...text('Numero identificativo della marca da bollo', {
      max: 14,
      pattern: /^\d{14}$/,
      message: 'sono 14 cifre, come stampato sulla marca.',
    }),
    fieldset: 'stamp',
    half: true,
    hint: '14 cifre, come stampato sulla marca',
    inputmode: 'numeric',
    maxlength: 14,
  },
  stamp_date: {
    ...date('Data di emissione della marca da bollo'),
    fieldset: 'stamp',
    half: true,
    hint: DATE_HINT,
  },
  total_cost: { ...euro("Costo totale dell'intervento (€)"), fieldset: 'gse', hint: 'Ad esempio 4.500,00' },
  gse_admissible: {
    ...euro('Spesa ritenuta ammissibile dal GSE (€)'),
    fieldset: 'gse',
    hint: 'Ad esempio 4.000,00',
    notAbove: {
      field: 'total_cost',
      message: "Spesa ritenuta ammissibile dal GSE (€): non può superare il costo totale dell'intervento.",
    },
  },
  gse_contribution: {
    ...euro('Contributo "Conto Termico 2.0" del GSE (€)'),
    fieldset: 'gse',
    hint: 'Importo indicato nella "Scheda contratto" del GSE, ad esempio 1.500,00',
  },
  gse_practice: { ...text('Numero della pratica Conto Termico del GSE', { max: 40 }), fieldset: 'gse' },
  gse_contract_number: {
    ...text('Numero identificativo del contratto GSE', { max: 40 }),
    fieldset: 'gse',
    half: true,
  },
  gse_contract_date: {
    ...date('Data del contratto GSE'),
    fieldset: 'gse',
    half: true,
    hint: `${DATE_HINT}; il contratto deve essere sottoscritto dal 01/01/2023`,
  },

  // Step 4 — Dichiarazioni, impegni e pagamento
  decl_i: {
    ...tick('I. Sono consapevole dei limiti alla cumulabilità fra diversi incentivi', { required: true }),
    fieldset: 'declarations',
    hint: "Di non aver beneficiato, di non intendere beneficiare e di impegnarsi a non beneficiare di incentivi e contributi per l'intervento ulteriori rispetto al contratto di Conto Termico 2.0 con il GSE.",
  },
  decl_j: {
    ...tick("J. Autorizzo la Regione a richiedere informazioni al GSE sull'intervento", { required: true }),
    fieldset: 'declarations',
  },
  decl_k: {
    ...tick(
      'K. Sono in possesso della certificazione ambientale di cui al D.M. MATTM n. 186 del 07/11/2017',
      { required: true },
    ),
    fieldset: 'declarations',
  },
  commit_pellet: {
    ...tick('Mi impegno a utilizzare pellet certificato classe A1 (UNI EN ISO 17225-2)', { required: true }),
    fieldset: 'commitments',
  },
  commit_inspections: {
    ...tick("Mi impegno a consentire le verifiche sull'intervento finanziato", { required: true }),
    fieldset: 'commitments',
  },
  commit_no_low_class: {
    ...tick('Mi impegno a non utilizzare generatori a biomasse con classificazione inferiore a 5 stelle', {
      required: true,
    }),
    fieldset: 'commitments',
  },
  commit_documents: {
    ...tick("Mi impegno a presentare, se richiesta, ulteriore documentazione a conferma dell'intervento", {
      required: true,
    }),
    fieldset: 'commitments',
  },
  iban: {
    ...iban('IBAN'),
    fieldset: 'payment',
    hint: '27 caratteri, ad esempio IT60X0542811101000000123456',
    maxlength: 42,
  },
  bank: { ...text('Banca'), fieldset: 'payment', half: true },
  account_holder: { ...text('Intestato a'), fieldset: 'payment', half: true },
  place: { ...text('Luogo'), fieldset: 'payment', hint: 'Luogo in cui compili la domanda' },
  privacy: {
    ...tick('Informativa sul trattamento dei dati personali', {
      required: true,
      message: 'Informativa privacy: occorre dichiarare di averla letta e autorizzare il trattamento.',
    }),
    fieldset: 'privacy',
    boxLabel: 'Dichiaro di essere informato/a e autorizzo il trattamento dei dati personali',
  },
} as const satisfies Record<string, TFieldDef<unknown>>;

export type TApplicationField = keyof typeof ALLEGATO_A;
export const APPLICATION_FIELDS = Object.keys(ALLEGATO_A) as TApplicationField[];

/** The definition of one field (its kind's typed answer erased). */
export const fieldDef = (f: TApplicationField): TFieldDef<unknown> => ALLEGATO_A[f];

/** The step a field is asked in. */
export const stepOfField = (f: TApplicationField): TStepNo => FIELDSETS[ALLEGATO_A[f].fieldset].step;

/** The answers as typed values, one per field: the type follows from the definition. */
export type TApplicationAnswers = {
  [F in TApplicationField]: (typeof ALLEGATO_A)[F] extends TFieldKind<infer V> ? V : never;
};

/** What is stored for a draft or an application: the text typed in each field (normalised once valid). */
export type TApplicationDraft = Partial<Record<TApplicationField, string>>;

/** The answers of a draft so far: each field whose text is valid, as its typed value. */
export type TDraftAnswers = Partial<TApplicationAnswers>;
