import { z } from 'zod';
import { checkbox, emailField, requiredText } from '../../http/zod-fields.js';
import {
  isPartitaIva,
  isPersonTaxCode,
  normaliseTaxCode,
  TAX_CODE_MESSAGES,
} from '../../italian/codice-fiscale.js';
import { DATE_FORMAT_MESSAGE, parseItalianDate } from '../../italian/dates.js';
import {
  capBelongsTo,
  findMunicipality,
  municipalityLabel,
  type TMunicipality,
} from '../../italian/municipalities.js';
import { COMPANY_CERTIFICATIONS, readCertifications, type TCertificationInput } from './certifications.js';

/** Labels of section 1.3 of the ThermoNET guide, by form field. The form, the error summary and the receipt use them. */
export const COMPANY_LABELS = {
  lr_full_name: 'Cognome e Nome',
  lr_tax_code: 'Codice Fiscale',
  lr_email: 'Email',
  lr_email_confirm: 'Conferma Email',
  business_name: 'Ragione Sociale',
  vat_number: 'Partita IVA',
  company_tax_code: 'Codice Fiscale',
  company_email: 'Email Ditta',
  pec: 'PEC',
  municipality: 'Comune',
  cap: 'CAP',
  street: 'Via',
  street_number: 'Civico',
  phone: 'Telefono',
  fax: 'Fax',
  mobile: 'Cellulare',
  sdi_code: 'Codice Destinatario (SDI)',
  cciaa_number: 'N. registro imprese (CCIAA)',
  cciaa_municipality: 'Comune Registro Imprese',
  rea_number: 'Numero REA (sede legale)',
  rea_municipality: 'Comune REA (sede legale)',
  activity_start_date: 'Data Inizio Attività (gg/mm/aaaa)',
  chamber_certificate: 'Certificato Camera di Commercio',
  insurance_policy: 'Polizza Assicurativa',
  privacy: 'Informativa sulla privacy',
} as const;

const optionalText = (max: number) => z.string().trim().max(max, `Al massimo ${max} caratteri.`).default('');
const phone = (label: string, required: boolean) => {
  const base = z.string().trim();
  const checked = base.regex(
    /^$|^\+?[\d\s./-]{6,20}$/,
    `${label}: inserisci solo cifre, spazi, punti o trattini (da 6 a 20 caratteri).`,
  );
  return required ? checked.min(1, `Inserisci il numero di ${label.toLowerCase()}.`) : checked.default('');
};

export const ZCompanyRegistration = z.object({
  lr_full_name: requiredText('Inserisci cognome e nome del legale rappresentante.', 120),
  lr_tax_code: z
    .string({ error: 'Inserisci il codice fiscale del legale rappresentante.' })
    .trim()
    .min(1, 'Inserisci il codice fiscale del legale rappresentante.')
    .transform(normaliseTaxCode)
    .refine(isPersonTaxCode, TAX_CODE_MESSAGES.person),
  lr_email: emailField("Inserisci l'indirizzo e-mail del legale rappresentante."),
  lr_email_confirm: z
    .string({ error: "Ripeti l'indirizzo e-mail." })
    .trim()
    .min(1, "Ripeti l'indirizzo e-mail."),
  business_name: requiredText('Inserisci la ragione sociale.', 200),
  vat_number: z
    .string({ error: 'Inserisci la partita IVA.' })
    .trim()
    .min(1, 'Inserisci la partita IVA.')
    .transform((v) => v.replace(/\s+/g, ''))
    .refine(isPartitaIva, TAX_CODE_MESSAGES.vat),
  company_tax_code: z
    .string()
    .trim()
    .default('')
    .transform(normaliseTaxCode)
    .refine(
      (v) => v === '' || isPartitaIva(v) || isPersonTaxCode(v),
      'Il codice fiscale della ditta non è valido: 11 cifre con la cifra di controllo corretta, oppure 16 caratteri per una ditta individuale.',
    ),
  company_email: emailField("Inserisci l'indirizzo e-mail della ditta."),
  pec: z
    .string()
    .trim()
    .default('')
    .refine(
      (v) => v === '' || z.email().safeParse(v).success,
      'La PEC non è un indirizzo valido (nome@dominio.it).',
    ),
  municipality: requiredText('Inserisci il comune della sede legale.', 100),
  cap: z
    .string({ error: 'Inserisci il CAP.' })
    .trim()
    .min(1, 'Inserisci il CAP.')
    .regex(/^\d{5}$/, 'Il CAP è formato da 5 cifre.'),
  street: requiredText('Inserisci la via della sede legale.', 200),
  street_number: optionalText(20),
  phone: phone('Telefono', true),
  fax: phone('Fax', false),
  mobile: phone('Cellulare', false),
  sdi_code: z
    .string()
    .trim()
    .default('')
    .transform((v) => v.toUpperCase())
    .refine(
      (v) => v === '' || /^[A-Z0-9]{7}$/.test(v),
      'Il Codice Destinatario (SDI) è formato da 7 caratteri tra lettere e cifre.',
    ),
  cciaa_number: requiredText('Inserisci il numero di iscrizione al registro delle imprese (CCIAA).', 40),
  cciaa_municipality: requiredText('Inserisci il comune del registro delle imprese.', 100),
  rea_number: optionalText(40),
  rea_municipality: requiredText('Inserisci il comune REA della sede legale.', 100),
  activity_start_date: z
    .string({ error: 'Inserisci la data di inizio attività.' })
    .trim()
    .min(1, 'Inserisci la data di inizio attività.')
    .refine((v) => parseItalianDate(v) !== undefined, DATE_FORMAT_MESSAGE),
  privacy: checkbox("Per registrare la ditta devi accettare l'informativa sulla privacy."),
});

export type TCompanyDeclaration = {
  lrFullName: string;
  lrTaxCode: string;
  lrEmail: string;
  businessName: string;
  vatNumber: string;
  companyTaxCode: string | null;
  companyEmail: string;
  pec: string | null;
  municipality: TMunicipality;
  cap: string;
  street: string;
  streetNumber: string | null;
  phone: string;
  fax: string | null;
  mobile: string | null;
  sdiCode: string | null;
  cciaaNumber: string;
  cciaaMunicipality: TMunicipality;
  reaNumber: string | null;
  reaMunicipality: TMunicipality;
  activityStartDate: string;
  certifications: TCertificationInput[];
};

const AMBIGUOUS_OR_UNKNOWN =
  'Comune non trovato nell\'elenco ISTAT: scrivi il nome per intero; se più comuni hanno lo stesso nome aggiungi la provincia, per esempio "Castro (LE)".';

/**
 * Reads section 1.3 from the form: zod for each field, then the rules that involve several fields
 * (e-mail confirmation, municipality from the ISTAT list and its CAP, dates in order). Returns one
 * Italian message per field.
 */
export function readCompanyRegistration(
  values: Record<string, string>,
  today: string,
): { ok: true; declaration: TCompanyDeclaration } | { ok: false; errors: Record<string, string> } {
  const parsed = ZCompanyRegistration.safeParse(values);
  const errors: Record<string, string> = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
  }
  const email = (values.lr_email ?? '').trim().toLowerCase();
  const confirm = (values.lr_email_confirm ?? '').trim().toLowerCase();
  if (email && confirm && email !== confirm) errors.lr_email_confirm ??= 'Le due e-mail non coincidono.';

  const municipality = values.municipality?.trim() ? findMunicipality(values.municipality) : undefined;
  if (values.municipality?.trim() && !municipality) errors.municipality ??= AMBIGUOUS_OR_UNKNOWN;
  if (municipality && /^\d{5}$/.test(values.cap?.trim() ?? '') && !capBelongsTo(values.cap!, municipality))
    errors.cap ??= `Il CAP non corrisponde al comune di ${municipalityLabel(municipality)} (CAP ammessi: ${municipality.caps.length > 4 ? `${municipality.caps[0]}–${municipality.caps.at(-1)}` : municipality.caps.join(', ')}).`;
  const cciaaMunicipality = values.cciaa_municipality?.trim()
    ? findMunicipality(values.cciaa_municipality)
    : undefined;
  if (values.cciaa_municipality?.trim() && !cciaaMunicipality)
    errors.cciaa_municipality ??= AMBIGUOUS_OR_UNKNOWN;
  const reaMunicipality = values.rea_municipality?.trim()
    ? findMunicipality(values.rea_municipality)
    : undefined;
  if (values.rea_municipality?.trim() && !reaMunicipality) errors.rea_municipality ??= AMBIGUOUS_OR_UNKNOWN;

  const start = parseItalianDate(values.activity_start_date ?? '');
  if (start && start > today)
    errors.activity_start_date ??= 'La data di inizio attività non può essere nel futuro.';

  const certs = readCertifications(COMPANY_CERTIFICATIONS, values);
  for (const [k, v] of Object.entries(certs.errors)) errors[k] ??= v;

  if (
    !parsed.success ||
    Object.keys(errors).length > 0 ||
    !municipality ||
    !cciaaMunicipality ||
    !reaMunicipality ||
    !start
  )
    return { ok: false, errors };
  const d = parsed.data;
  const orNull = (v: string) => (v === '' ? null : v);
  return {
    ok: true,
    declaration: {
      lrFullName: d.lr_full_name,
      lrTaxCode: d.lr_tax_code,
      lrEmail: d.lr_email,
      businessName: d.business_name,
      vatNumber: d.vat_number,
      companyTaxCode: orNull(d.company_tax_code),
      companyEmail: d.company_email,
      pec: orNull(d.pec),
      municipality,
      cap: d.cap,
      street: d.street,
      streetNumber: orNull(d.street_number),
      phone: d.phone,
      fax: orNull(d.fax),
      mobile: orNull(d.mobile),
      sdiCode: orNull(d.sdi_code),
      cciaaNumber: d.cciaa_number,
      cciaaMunicipality,
      reaNumber: orNull(d.rea_number),
      reaMunicipality,
      activityStartDate: start,
      certifications: certs.certifications,
    },
  };
}
