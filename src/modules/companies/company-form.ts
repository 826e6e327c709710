import { parseItalianDate } from '../../italian/dates.js';
import {
  capBelongsTo,
  findMunicipality,
  municipalityLabel,
  type TMunicipality,
} from '../../italian/municipalities.js';
import { COMPANY_CERTIFICATIONS, readCertifications, type TCertificationInput } from './certifications.js';
import { ZCompanyRegistration } from './registration-fields.js';

/** What the legal representative declares in section 1.3, read and checked (fields: registration-fields.ts). */
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
