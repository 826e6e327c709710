// Allegato A ("Modello di domanda") as data: the fields of each wizard step with the form's labels,
// their validation with Italian messages naming the field, and the mapping to the eligibility input.
// Values are kept as typed (strings) in grant_applications.data so a form always shows what was typed.
import { electronicFormatIBAN, isValidIBAN } from 'ibantools';
import { z } from 'zod';
import { isPersonTaxCode, normaliseTaxCode, TAX_CODE_MESSAGES } from '../../../italian/codice-fiscale.js';
import { DATE_FORMAT_MESSAGE, parseItalianDate } from '../../../italian/dates.js';
import { parseEuroCents } from '../../../italian/money.js';
import {
  NEW_APPLIANCE_TYPES,
  OLD_APPLIANCE_TYPES,
  type TNewApplianceType,
  type TOldApplianceType,
} from '../calls/call-rules.js';
import type { TGrantCall } from '../calls/call.js';
import { checkEligibility, computeContribution, type TEligibilityInput } from '../calls/eligibility.js';

export type TApplicationValues = Record<string, string>;

/** The replaced-appliance choice for "no appliance replaced": a new installation, refused by the call. */
export const NO_OLD_APPLIANCE = 'nessuno';
export const NO_OLD_APPLIANCE_LABEL = 'Nessuno: nuova installazione';

export const APPLICATION_LABELS = {
  // Step 1 — Richiedente e residenza
  last_name: 'Cognome',
  first_name: 'Nome',
  birth_place: 'Nato/a a',
  birth_date: 'Data di nascita',
  tax_code: 'Codice Fiscale',
  res_municipality: 'Residente a',
  res_street: 'Via',
  res_number: 'N° civico',
  res_interno: 'Interno',
  res_province: 'Prov.',
  res_cap: 'CAP',
  phone: 'Telefono fisso',
  mobile: 'Telefono mobile',
  email: 'Indirizzo mail',
  pec: 'PEC (eventuale)',
  // Step 2 — Intervento
  new_type: 'Tipologia del nuovo generatore di calore',
  new_make: 'Marca',
  new_model: 'Modello',
  new_kw: 'Potenza termica kW',
  new_fuel: 'Combustibile',
  new_standard: 'Omologazione UNI EN',
  new_stars: 'N° stelle (DM 186/2017)',
  new_efficiency: 'Rendimento',
  new_year: 'Anno di installazione',
  new_is_termocucina: 'Il nuovo apparecchio è una termocucina',
  new_heat_exchanger:
    "La termocucina è collegata tramite scambiatori di calore all'impianto di riscaldamento a radiatori o a pavimento",
  old_type: 'Apparecchio preesistente dismesso e rottamato',
  old_make: 'Marca',
  old_model: 'Modello',
  old_kw: 'Potenza termica kW',
  old_fuel: 'Combustibile',
  old_standard: 'Omologazione UNI EN',
  old_stars: 'N° stelle (DM 186/2017)',
  old_year: 'Anno di installazione',
  // Step 3 — Immobile e dati GSE (DICHIARA INOLTRE, A–H)
  prop_municipality: 'Comune',
  prop_street: 'Via',
  prop_number: 'N°',
  prop_scala: 'Scala',
  prop_interno: 'Int.',
  cad_section: 'Sezione',
  cad_sheet: 'Foglio',
  cad_parcel: 'Mappale o particella',
  cad_sub: 'Sub',
  property_title: 'Il richiedente è',
  owner_name: 'Cognome e nome del proprietario',
  owner_authorisation: "Dichiaro di aver ottenuto l'autorizzazione del proprietario all'intervento",
  stamp_number: 'Numero identificativo della marca da bollo',
  stamp_date: 'Data di emissione della marca da bollo',
  total_cost: "Costo totale dell'intervento (€)",
  gse_admissible: 'Spesa ritenuta ammissibile dal GSE (€)',
  gse_contribution: 'Contributo "Conto Termico 2.0" del GSE (€)',
  gse_practice: 'Numero della pratica Conto Termico del GSE',
  gse_contract_number: 'Numero identificativo del contratto GSE',
  gse_contract_date: 'Data del contratto GSE',
  // Step 4 — Dichiarazioni, impegni e pagamento
  decl_i: 'I. Sono consapevole dei limiti alla cumulabilità fra diversi incentivi',
  decl_j: "J. Autorizzo la Regione a richiedere informazioni al GSE sull'intervento",
  decl_k: 'K. Sono in possesso della certificazione ambientale di cui al D.M. MATTM n. 186 del 07/11/2017',
  commit_pellet: 'Mi impegno a utilizzare pellet certificato classe A1 (UNI EN ISO 17225-2)',
  commit_inspections: "Mi impegno a consentire le verifiche sull'intervento finanziato",
  commit_no_low_class:
    'Mi impegno a non utilizzare generatori a biomasse con classificazione inferiore a 5 stelle',
  commit_documents:
    "Mi impegno a presentare, se richiesta, ulteriore documentazione a conferma dell'intervento",
  iban: 'IBAN',
  bank: 'Banca',
  account_holder: 'Intestato a',
  place: 'Luogo',
  privacy: 'Informativa sul trattamento dei dati personali',
} as const;
export type TApplicationField = keyof typeof APPLICATION_LABELS;

export const PROPERTY_TITLES = {
  proprietario: 'Proprietario',
  affittuario:
    "Affittuario o altro soggetto che abbia la disponibilità dell'immobile, previa autorizzazione del proprietario (Soggetto Ammesso Equiparato)",
} as const;

const req = (field: TApplicationField, max = 120) =>
  z
    .string({ error: `${APPLICATION_LABELS[field]}: campo obbligatorio.` })
    .trim()
    .min(1, `${APPLICATION_LABELS[field]}: campo obbligatorio.`)
    .max(max, `${APPLICATION_LABELS[field]}: al massimo ${max} caratteri.`);
const opt = (field: TApplicationField, max = 120) =>
  z
    .string()
    .trim()
    .max(max, `${APPLICATION_LABELS[field]}: al massimo ${max} caratteri.`)
    .optional()
    .default('');
const tick = (field: TApplicationField) =>
  z.literal('1', {
    error: `${APPLICATION_LABELS[field].replace(/^[IJK]\. /, '')}: dichiarazione obbligatoria.`,
  });
const date = (field: TApplicationField) =>
  req(field).refine(
    (v) => parseItalianDate(v) !== undefined,
    `${APPLICATION_LABELS[field]}: ${DATE_FORMAT_MESSAGE}`,
  );
const phone = (field: TApplicationField) =>
  opt(field, 20).refine(
    (v) => v === '' || /^[0-9 +./-]{6,20}$/.test(v),
    `${APPLICATION_LABELS[field]}: numero non valido.`,
  );
const email = (field: TApplicationField, required: boolean) =>
  (required ? req(field, 254) : opt(field, 254)).refine(
    (v) => v === '' || z.email().safeParse(v).success,
    `${APPLICATION_LABELS[field]}: l'indirizzo non è valido (nome@dominio.it).`,
  );

/** "12,5" or "12.5" → 12.5; undefined otherwise. */
export function parseDecimal(value: string): number | undefined {
  const v = value.trim().replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(v)) return undefined;
  return Number(v);
}

const euro = (field: TApplicationField) =>
  req(field, 20).refine(
    (v) => parseEuroCents(v) !== undefined,
    `${APPLICATION_LABELS[field]}: inserisci un importo in euro, ad esempio 3.500,00.`,
  );
const decimal = (field: TApplicationField, unknownAllowedHint = '') =>
  req(field, 10).refine(
    (v) => parseDecimal(v) !== undefined,
    `${APPLICATION_LABELS[field]}: inserisci un numero, ad esempio 12,5${unknownAllowedHint}.`,
  );
const integer = (field: TApplicationField, min: number, max: number) =>
  req(field, 4).refine((v) => {
    if (!/^\d+$/.test(v.trim())) return false;
    const n = Number(v);
    return n >= min && n <= max;
  }, `${APPLICATION_LABELS[field]}: inserisci un numero intero da ${min} a ${max}.`);

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
