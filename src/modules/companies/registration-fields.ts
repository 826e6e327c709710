import { z } from 'zod';
import { checkbox, emailField, requiredText } from '../../http/zod-fields.js';
import {
  isPartitaIva,
  isPersonTaxCode,
  normaliseTaxCode,
  TAX_CODE_MESSAGES,
} from '../../italian/codice-fiscale.js';
import { DATE_FORMAT_MESSAGE, formatItalianDate, parseItalianDate } from '../../italian/dates.js';
import { municipalityLabel } from '../../italian/municipalities.js';
import type { TCompanyDeclaration } from './company-form.js';

/**
 * Section 1.3 of the ThermoNET guide ("Registrazione Ditta Manutentrice") defined once: for every field its
 * Italian label, the section (fieldset) it belongs to, how it is drawn, its rule and its row on the receipt.
 * The page, the zod schema, the error summary, the receipt (and so the officer's page, which shows the
 * receipt's sections) are all drawn from here. The certifications are defined in certifications.ts.
 */

/** The fieldsets of the form, which are also the sections of the receipt, in order. */
export const COMPANY_SECTIONS = {
  lr: 'Il sottoscritto',
  company: 'in qualità di Rappresentante Legale della Ditta',
  declared: 'DICHIARA i seguenti dati di registrazione della Ditta',
} as const;
export type TCompanySection = keyof typeof COMPANY_SECTIONS;

/** The file names of the attachments as the receipt records them (null: not attached). */
export type TCompanyAttachments = { chamberCertificate: string | null; insurancePolicy: string | null };

type TReceiptValue = (d: TCompanyDeclaration, a: TCompanyAttachments) => string;

/** Fields drawn together in a fieldset of their own, and shown as one row on the receipt. */
export const COMPANY_GROUPS = {
  address: {
    label: 'Indirizzo sede legale',
    receipt: ((d) =>
      `${d.street}${d.streetNumber ? ` ${d.streetNumber}` : ''}, ${d.cap} ${municipalityLabel(d.municipality)}`) as TReceiptValue,
  },
} as const;
export type TCompanyGroup = keyof typeof COMPANY_GROUPS;

/** How a field is drawn. */
export type TFieldInput =
  | {
      kind: 'text';
      type?: 'email' | 'tel';
      required?: boolean;
      autocomplete?: string;
      inputmode?: 'numeric';
      maxlength?: number;
      hint?: string;
    }
  | { kind: 'file'; hint: string; accept: string }
  /** Drawn by the registration form's frame (the privacy checkbox). */
  | { kind: 'frame' };

export type TCompanyField = {
  label: string;
  /** null: not in a fieldset of the page (the privacy checkbox at the end of the form). */
  section: TCompanySection | null;
  group?: TCompanyGroup;
  input: TFieldInput;
  /** The field's own rule; files have none (they are checked as uploads). */
  rule?: z.ZodType;
  /** The field's value on the receipt; absent: not on the receipt (confirmations, privacy, grouped fields). */
  receipt?: TReceiptValue;
};

const optionalText = (max: number) => z.string().trim().max(max, `Al massimo ${max} caratteri.`).default('');
const phone = (label: string, required: boolean) => {
  const checked = z
    .string()
    .trim()
    .regex(
      /^$|^\+?[\d\s./-]{6,20}$/,
      `${label}: inserisci solo cifre, spazi, punti o trattini (da 6 a 20 caratteri).`,
    );
  return required ? checked.min(1, `Inserisci il numero di ${label.toLowerCase()}.`) : checked.default('');
};
const text = (o: Omit<Extract<TFieldInput, { kind: 'text' }>, 'kind'> = {}): TFieldInput => ({
  kind: 'text',
  ...o,
});
const pdf: TFieldInput = { kind: 'file', hint: 'File PDF, al massimo 5 MB', accept: 'application/pdf' };

export const COMPANY_FIELDS = {
  lr_full_name: {
    label: 'Cognome e Nome',
    section: 'lr',
    input: text({ required: true, autocomplete: 'name' }),
    rule: requiredText('Inserisci cognome e nome del legale rappresentante.', 120),
    receipt: (d) => d.lrFullName,
  },
  lr_tax_code: {
    label: 'Codice Fiscale',
    section: 'lr',
    input: text({ required: true, maxlength: 16, hint: '16 caratteri' }),
    rule: z
      .string({ error: 'Inserisci il codice fiscale del legale rappresentante.' })
      .trim()
      .min(1, 'Inserisci il codice fiscale del legale rappresentante.')
      .transform(normaliseTaxCode)
      .refine(isPersonTaxCode, TAX_CODE_MESSAGES.person),
    receipt: (d) => d.lrTaxCode,
  },
  lr_email: {
    label: 'Email',
    section: 'lr',
    input: text({ type: 'email', required: true, autocomplete: 'email' }),
    rule: emailField("Inserisci l'indirizzo e-mail del legale rappresentante."),
    receipt: (d) => d.lrEmail,
  },
  lr_email_confirm: {
    label: 'Conferma Email',
    section: 'lr',
    input: text({ type: 'email', required: true, autocomplete: 'email' }),
    rule: z.string({ error: "Ripeti l'indirizzo e-mail." }).trim().min(1, "Ripeti l'indirizzo e-mail."),
  },
  business_name: {
    label: 'Ragione Sociale',
    section: 'company',
    input: text({ required: true, autocomplete: 'organization' }),
    rule: requiredText('Inserisci la ragione sociale.', 200),
    receipt: (d) => d.businessName,
  },
  vat_number: {
    label: 'Partita IVA',
    section: 'company',
    input: text({ required: true, inputmode: 'numeric', maxlength: 11, hint: '11 cifre' }),
    rule: z
      .string({ error: 'Inserisci la partita IVA.' })
      .trim()
      .min(1, 'Inserisci la partita IVA.')
      .transform((v) => v.replace(/\s+/g, ''))
      .refine(isPartitaIva, TAX_CODE_MESSAGES.vat),
    receipt: (d) => d.vatNumber,
  },
  company_tax_code: {
    label: 'Codice Fiscale',
    section: 'company',
    input: text({ maxlength: 16 }),
    rule: z
      .string()
      .trim()
      .default('')
      .transform(normaliseTaxCode)
      .refine(
        (v) => v === '' || isPartitaIva(v) || isPersonTaxCode(v),
        'Il codice fiscale della ditta non è valido: 11 cifre con la cifra di controllo corretta, oppure 16 caratteri per una ditta individuale.',
      ),
    receipt: (d) => d.companyTaxCode ?? '',
  },
  company_email: {
    label: 'Email Ditta',
    section: 'declared',
    input: text({ type: 'email', required: true }),
    rule: emailField("Inserisci l'indirizzo e-mail della ditta."),
    receipt: (d) => d.companyEmail,
  },
  pec: {
    label: 'PEC',
    section: 'declared',
    input: text({ type: 'email' }),
    rule: z
      .string()
      .trim()
      .default('')
      .refine(
        (v) => v === '' || z.email().safeParse(v).success,
        'La PEC non è un indirizzo valido (nome@dominio.it).',
      ),
    receipt: (d) => d.pec ?? '',
  },
  municipality: {
    label: 'Comune',
    section: 'declared',
    group: 'address',
    input: text({ required: true, hint: 'Per esempio "Monterotondo" oppure "Castro (LE)"' }),
    rule: requiredText('Inserisci il comune della sede legale.', 100),
  },
  cap: {
    label: 'CAP',
    section: 'declared',
    group: 'address',
    input: text({ required: true, inputmode: 'numeric', maxlength: 5 }),
    rule: z
      .string({ error: 'Inserisci il CAP.' })
      .trim()
      .min(1, 'Inserisci il CAP.')
      .regex(/^\d{5}$/, 'Il CAP è formato da 5 cifre.'),
  },
  street: {
    label: 'Via',
    section: 'declared',
    group: 'address',
    input: text({ required: true }),
    rule: requiredText('Inserisci la via della sede legale.', 200),
  },
  street_number: {
    label: 'Civico',
    section: 'declared',
    group: 'address',
    input: text(),
    rule: optionalText(20),
  },
  phone: {
    label: 'Telefono',
    section: 'declared',
    input: text({ type: 'tel', required: true }),
    rule: phone('Telefono', true),
    receipt: (d) => d.phone,
  },
  fax: {
    label: 'Fax',
    section: 'declared',
    input: text({ type: 'tel' }),
    rule: phone('Fax', false),
    receipt: (d) => d.fax ?? '',
  },
  mobile: {
    label: 'Cellulare',
    section: 'declared',
    input: text({ type: 'tel' }),
    rule: phone('Cellulare', false),
    receipt: (d) => d.mobile ?? '',
  },
  sdi_code: {
    label: 'Codice Destinatario (SDI)',
    section: 'declared',
    input: text({ maxlength: 7, hint: '7 caratteri' }),
    rule: z
      .string()
      .trim()
      .default('')
      .transform((v) => v.toUpperCase())
      .refine(
        (v) => v === '' || /^[A-Z0-9]{7}$/.test(v),
        'Il Codice Destinatario (SDI) è formato da 7 caratteri tra lettere e cifre.',
      ),
    receipt: (d) => d.sdiCode ?? '',
  },
  cciaa_number: {
    label: 'N. registro imprese (CCIAA)',
    section: 'declared',
    input: text({ required: true }),
    rule: requiredText('Inserisci il numero di iscrizione al registro delle imprese (CCIAA).', 40),
    receipt: (d) => d.cciaaNumber,
  },
  cciaa_municipality: {
    label: 'Comune Registro Imprese',
    section: 'declared',
    input: text({ required: true }),
    rule: requiredText('Inserisci il comune del registro delle imprese.', 100),
    receipt: (d) => municipalityLabel(d.cciaaMunicipality),
  },
  rea_number: {
    label: 'Numero REA (sede legale)',
    section: 'declared',
    input: text(),
    rule: optionalText(40),
    receipt: (d) => d.reaNumber ?? '',
  },
  rea_municipality: {
    label: 'Comune REA (sede legale)',
    section: 'declared',
    input: text({ required: true }),
    rule: requiredText('Inserisci il comune REA della sede legale.', 100),
    receipt: (d) => municipalityLabel(d.reaMunicipality),
  },
  activity_start_date: {
    label: 'Data Inizio Attività (gg/mm/aaaa)',
    section: 'declared',
    input: text({ required: true }),
    rule: z
      .string({ error: 'Inserisci la data di inizio attività.' })
      .trim()
      .min(1, 'Inserisci la data di inizio attività.')
      .refine((v) => parseItalianDate(v) !== undefined, DATE_FORMAT_MESSAGE),
    receipt: (d) => formatItalianDate(d.activityStartDate),
  },
  chamber_certificate: {
    label: 'Certificato Camera di Commercio',
    section: 'declared',
    input: pdf,
    receipt: (_d, a) => a.chamberCertificate ?? 'non allegato',
  },
  insurance_policy: {
    label: 'Polizza Assicurativa',
    section: 'declared',
    input: pdf,
    receipt: (_d, a) => a.insurancePolicy ?? 'non allegata',
  },
  privacy: {
    label: 'Informativa sulla privacy',
    section: null,
    input: { kind: 'frame' },
    rule: checkbox("Per registrare la ditta devi accettare l'informativa sulla privacy."),
  },
} as const satisfies Record<string, TCompanyField>;

export type TCompanyFieldName = keyof typeof COMPANY_FIELDS;

/** The field names in the order of the form. */
export const COMPANY_FIELD_NAMES = Object.keys(COMPANY_FIELDS) as TCompanyFieldName[];

/** Labels by form field, for the error summary. */
export const COMPANY_LABELS = Object.fromEntries(
  COMPANY_FIELD_NAMES.map((name) => [name, COMPANY_FIELDS[name].label]),
) as { readonly [K in TCompanyFieldName]: (typeof COMPANY_FIELDS)[K]['label'] };

type TFields = typeof COMPANY_FIELDS;
type TRuleShape = {
  [K in keyof TFields as TFields[K] extends { rule: z.ZodType } ? K : never]: TFields[K] extends {
    rule: infer R extends z.ZodType;
  }
    ? R
    : never;
};

/** Each field's own rule, as one zod object (rules involving several fields: company-form.ts). */
export const ZCompanyRegistration = z.object(
  Object.fromEntries(
    COMPANY_FIELD_NAMES.flatMap((name) => {
      const f: TCompanyField = COMPANY_FIELDS[name];
      return f.rule ? [[name, f.rule]] : [];
    }),
  ) as TRuleShape,
);

/** The fields of a section in form order; consecutive fields of a group come as one entry. */
export function sectionLayout(
  section: TCompanySection,
): Array<{ field: TCompanyFieldName } | { group: TCompanyGroup; fields: TCompanyFieldName[] }> {
  const out: Array<{ field: TCompanyFieldName } | { group: TCompanyGroup; fields: TCompanyFieldName[] }> = [];
  for (const name of COMPANY_FIELD_NAMES) {
    const f: TCompanyField = COMPANY_FIELDS[name];
    if (f.section !== section) continue;
    const last = out.at(-1);
    if (!f.group) out.push({ field: name });
    else if (last && 'group' in last && last.group === f.group) last.fields.push(name);
    else out.push({ group: f.group, fields: [name] });
  }
  return out;
}
