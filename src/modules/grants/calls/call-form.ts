// The administrators' call form: a call is data. Text in, TCallInput out, with Italian messages per field.
import { isValidBIC, isValidIBAN } from 'ibantools';
import { z } from 'zod';
import {
  formatDateTime,
  formatItalianDate,
  parseItalianDate,
  parseItalianDateTime,
} from '../../../italian/dates.js';
import { formatEuroAmount, parseEuroCents } from '../../../italian/money.js';
import {
  NEW_APPLIANCE_TYPES,
  OLD_APPLIANCE_TYPES,
  type TLegalReference,
  type TNewApplianceType,
  type TOldApplianceType,
  type TReplacementRule,
} from './call-rules.js';
import { ATTACHMENT_KINDS, DEFAULT_ATTACHMENTS, type TAttachmentRule, type TCallRules } from './call.js';
import type { TCallInput } from './call.js';
import { PUGLIA_2024_CALL } from './seed-puglia-2024.js';

export const CALL_LABELS: Record<string, string> = {
  code: 'Codice del bando (indirizzo della pagina)',
  protocol_prefix: 'Prefisso del numero di protocollo',
  title: 'Titolo',
  summary: 'Sintesi',
  how_to_apply: 'Come presentare la domanda',
  legal_references: 'Riferimenti normativi',
  municipalities: 'Comuni ammessi',
  budget: 'Dotazione finanziaria (€)',
  opens_at: 'Apertura (gg/mm/aaaa hh:mm)',
  closes_at: 'Chiusura (gg/mm/aaaa hh:mm)',
  partial_funding: "L'ultima domanda finanziabile può essere finanziata in parte",
  published: 'Pubblicato sul portale',
  old_max_stars: 'Stelle massime del vecchio apparecchio',
  old_max_kw: 'Potenza massima del vecchio apparecchio (kW)',
  new_required_stars: 'Stelle richieste al nuovo generatore',
  new_max_kw: 'Potenza massima del nuovo generatore (kW)',
  gse_contract_from: 'Contratto GSE sottoscritto a partire dal (gg/mm/aaaa)',
  termocucina_standards: 'Omologazioni ammesse per le termocucine',
  treasury_name: 'Intestatario del conto di tesoreria',
  treasury_iban: 'IBAN del conto di tesoreria',
  treasury_bic: 'BIC della banca tesoriera',
};
for (const t of PUGLIA_2024_CALL.newApplianceTypes)
  CALL_LABELS[`cap_${t.id}`] = `Contributo massimo: ${t.label} (€)`;
for (const a of DEFAULT_ATTACHMENTS) CALL_LABELS[`att_${a.kind}_label`] = 'Descrizione del documento';

const TYPE_LABEL = Object.fromEntries(
  PUGLIA_2024_CALL.oldApplianceTypes.map((t) => [t.id, t.label]),
) as Record<TOldApplianceType, string>;

function legalReferenceLine(r: TLegalReference): string {
  return `${r.kind} n. ${r.number} del ${formatItalianDate(r.date)} - ${r.description}`;
}

/** The form's values for an existing call (or the template). */
export function callFormValues(input: TCallInput): Record<string, string> {
  const r = input.rules;
  const v: Record<string, string> = {
    code: input.code,
    protocol_prefix: input.protocolPrefix,
    title: input.title,
    summary: input.summary,
    how_to_apply: input.howToApply,
    legal_references: r.legalReferences.map(legalReferenceLine).join('\n'),
    municipalities: r.municipalities.join('\n'),
    budget: formatEuroAmount(input.budgetCents),
    opens_at: formatDateTime(input.opensAt),
    closes_at: formatDateTime(input.closesAt),
    partial_funding: input.partialFunding ? '1' : '',
    published: input.published ? '1' : '',
    old_max_stars: String(r.oldMaxStars),
    old_max_kw: String(r.oldMaxKw),
    new_required_stars: String(r.newRequiredStars),
    new_max_kw: String(r.newMaxKw),
    gse_contract_from: formatItalianDate(r.gseContractFrom),
    termocucina_standards: r.termocucinaStandards.join(', '),
    treasury_name: r.treasury?.name ?? '',
    treasury_iban: r.treasury?.iban ?? '',
    treasury_bic: r.treasury?.bic ?? '',
  };
  for (const t of r.newApplianceTypes) v[`cap_${t.id}`] = formatEuroAmount(t.capCents);
  for (const row of r.replacementTable)
    for (const o of row.oldTypes) for (const n of row.newTypes) v[`repl_${o}__${n}`] = '1';
  for (const a of r.attachments) {
    v[`att_${a.kind}_required`] = a.required ? '1' : '';
    v[`att_${a.kind}_label`] = a.label;
  }
  return v;
}

const text = (label: string, max = 500) =>
  z
    .string({ error: `${label}: campo obbligatorio.` })
    .trim()
    .min(1, `${label}: campo obbligatorio.`)
    .max(max, `${label}: al massimo ${max} caratteri.`);

const ZCallHead = z.object({
  code: text(CALL_LABELS.code!, 60).refine(
    (v) => /^[a-z0-9][a-z0-9-]*$/.test(v),
    `${CALL_LABELS.code}: solo lettere minuscole, cifre e trattini, ad esempio puglia-2024-biomasse.`,
  ),
  protocol_prefix: text(CALL_LABELS.protocol_prefix!, 12).refine(
    (v) => /^[A-Z0-9]+$/.test(v),
    `${CALL_LABELS.protocol_prefix}: solo lettere maiuscole e cifre, ad esempio BIO24.`,
  ),
  title: text(CALL_LABELS.title!, 500),
  summary: z.string().trim().max(4000).default(''),
  how_to_apply: z.string().trim().max(8000).default(''),
});

type TRead = { ok: true; input: TCallInput } | { ok: false; errors: Record<string, string> };

/** Reads the call form. Every problem names its field. */
export function readCallForm(v: Record<string, string | undefined>): TRead {
  const errors: Record<string, string> = {};
  const get = (k: string) => (v[k] ?? '').trim();
  const head = ZCallHead.safeParse(v);
  if (!head.success) for (const i of head.error.issues) errors[String(i.path[0])] ??= i.message;

  const budget = parseEuroCents(get('budget'));
  if (budget === undefined || budget <= 0)
    errors.budget = `${CALL_LABELS.budget}: inserisci un importo in euro, ad esempio 200.000,00.`;
  const opensAt = parseItalianDateTime(get('opens_at'));
  if (!opensAt)
    errors.opens_at = `${CALL_LABELS.opens_at}: inserisci data e ora, ad esempio 14/10/2024 09:00.`;
  const closesAt = parseItalianDateTime(get('closes_at'));
  if (!closesAt)
    errors.closes_at = `${CALL_LABELS.closes_at}: inserisci data e ora, ad esempio 09/12/2024 23:59.`;
  if (opensAt && closesAt && closesAt <= opensAt)
    errors.closes_at = 'La chiusura deve essere successiva all’apertura.';

  const municipalities = get('municipalities')
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (municipalities.length === 0)
    errors.municipalities = `${CALL_LABELS.municipalities}: indica almeno un Comune, uno per riga.`;

  const legalReferences: TLegalReference[] = [];
  for (const line of get('legal_references')
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean)) {
    const m = /^(DD|DGR)\s+n\.\s*(\S+)\s+del\s+(\d{2}\/\d{2}\/\d{4})\s*[-–:]\s*(.+)$/.exec(line);
    const date = m ? parseItalianDate(m[3]!) : undefined;
    if (!m || !date) {
      errors.legal_references = `${CALL_LABELS.legal_references}: la riga "${line}" non è nella forma "DD n. 95 del 14/10/2024 - descrizione".`;
      break;
    }
    legalReferences.push({ kind: m[1] as 'DD' | 'DGR', number: m[2]!, date, description: m[4]! });
  }

  const int = (k: string, min: number, max: number) => {
    const n = Number(get(k).replace(',', '.'));
    if (get(k) === '' || !Number.isFinite(n) || n < min || n > max) {
      errors[k] = `${CALL_LABELS[k]}: inserisci un numero da ${min} a ${max}.`;
      return min;
    }
    return n;
  };
  const oldMaxStars = int('old_max_stars', 0, 5);
  const oldMaxKw = int('old_max_kw', 1, 1000);
  const newRequiredStars = int('new_required_stars', 1, 5);
  const newMaxKw = int('new_max_kw', 1, 1000);
  const gseFrom = parseItalianDate(get('gse_contract_from'));
  if (!gseFrom)
    errors.gse_contract_from = `${CALL_LABELS.gse_contract_from}: inserisci una data nel formato gg/mm/aaaa.`;

  const newApplianceTypes = [];
  for (const t of PUGLIA_2024_CALL.newApplianceTypes) {
    const raw = get(`cap_${t.id}`);
    if (raw === '') continue; // type not funded by this call
    const cap = parseEuroCents(raw);
    if (cap === undefined || cap <= 0)
      errors[`cap_${t.id}`] =
        `${CALL_LABELS[`cap_${t.id}`]}: inserisci un importo, o lascia vuoto se la tipologia non è ammessa.`;
    else newApplianceTypes.push({ ...t, capCents: cap });
  }
  if (newApplianceTypes.length === 0 && !Object.keys(errors).some((k) => k.startsWith('cap_')))
    errors[`cap_${NEW_APPLIANCE_TYPES[0]}`] =
      'Indica il contributo massimo di almeno una tipologia di nuovo impianto.';
  const funded = new Set(newApplianceTypes.map((t) => t.id));

  const replacementTable: TReplacementRule[] = [];
  for (const o of OLD_APPLIANCE_TYPES) {
    const newTypes = NEW_APPLIANCE_TYPES.filter(
      (n) => v[`repl_${o}__${n}`] === '1' && funded.has(n),
    ) as TNewApplianceType[];
    if (newTypes.length > 0)
      replacementTable.push({
        oldTypes: [o],
        newTypes,
        text: `${TYPE_LABEL[o]} → ${newTypes.map((n) => TYPE_LABEL[n]).join(', ')}`,
      });
  }
  if (replacementTable.length === 0)
    errors.replacement = 'Tabella delle sostituzioni: indica almeno una sostituzione ammessa.';

  const attachments: TAttachmentRule[] = ATTACHMENT_KINDS.map((kind) => {
    const def = DEFAULT_ATTACHMENTS.find((a) => a.kind === kind)!;
    return {
      ...def,
      required: v[`att_${kind}_required`] === '1',
      label: get(`att_${kind}_label`) || def.label,
    };
  });

  const treasury = {
    name: get('treasury_name'),
    iban: get('treasury_iban').replace(/\s/g, '').toUpperCase(),
    bic: get('treasury_bic').toUpperCase(),
  };
  const anyTreasury = treasury.name !== '' || treasury.iban !== '' || treasury.bic !== '';
  if (anyTreasury) {
    if (!treasury.name)
      errors.treasury_name = `${CALL_LABELS.treasury_name}: campo obbligatorio se indichi il conto.`;
    if (!isValidIBAN(treasury.iban))
      errors.treasury_iban = `${CALL_LABELS.treasury_iban}: il codice IBAN non è valido.`;
    if (!isValidBIC(treasury.bic))
      errors.treasury_bic = `${CALL_LABELS.treasury_bic}: il BIC non è valido (8 o 11 caratteri, ad esempio BITAITRRXXX).`;
  }

  if (Object.keys(errors).length > 0 || !head.success) return { ok: false, errors };
  const rules: TCallRules = {
    legalReferences,
    municipalities,
    newApplianceTypes,
    oldApplianceTypes: PUGLIA_2024_CALL.oldApplianceTypes,
    replacementTable,
    unknownDataAllowedFor: PUGLIA_2024_CALL.unknownDataAllowedFor,
    termocucinaTypes: PUGLIA_2024_CALL.termocucinaTypes,
    termocucinaStandards: get('termocucina_standards')
      .split(/[,;]/)
      .map((s) => s.trim())
      .filter(Boolean),
    oldMaxStars,
    oldMaxKw,
    newRequiredStars,
    newMaxKw,
    gseContractFrom: gseFrom!,
    closingTimeStatedInCall: true,
    attachments,
    ...(anyTreasury ? { treasury } : {}),
  };
  return {
    ok: true,
    input: {
      code: head.data.code,
      protocolPrefix: head.data.protocol_prefix,
      title: head.data.title,
      summary: head.data.summary,
      howToApply: head.data.how_to_apply,
      published: v.published === '1',
      budgetCents: budget!,
      opensAt: opensAt!,
      closesAt: closesAt!,
      partialFunding: v.partial_funding === '1',
      rules,
    },
  };
}
