import { canonicalJson } from '../../audit/audit-chain.js';
import { sha256Hex } from '../../files/uploads.js';
import { formatItalianDate } from '../../italian/dates.js';
import { municipalityLabel } from '../../italian/municipalities.js';
import { renderReceiptPdf } from '../../pdf/receipt-pdf.js';
import type { TTenant } from '../../tenancy/tenant.js';
import { COMPANY_CERTIFICATIONS } from './certifications.js';
import type { TCompanyDeclaration } from './company-form.js';
import { COMPANY_LABELS as L } from './company-form.js';
import { DPR_445_TEXT } from './self-declaration.js';

export type TCompanyReceiptData = {
  registrationNumber: string;
  submittedAt: Date;
  declaration: TCompanyDeclaration;
  attachments: { chamberCertificate: string | null; insurancePolicy: string | null };
};

const dateTime = (d: Date) =>
  d.toLocaleString('it-IT', { timeZone: 'Europe/Rome', dateStyle: 'short', timeStyle: 'medium' });

/** The sections of the receipt, in the order and with the labels of section 1.3. */
export function companyReceiptSections(r: TCompanyReceiptData) {
  const d = r.declaration;
  return [
    {
      title: 'Il sottoscritto',
      rows: [
        [L.lr_full_name, d.lrFullName],
        [L.lr_tax_code, d.lrTaxCode],
        [L.lr_email, d.lrEmail],
      ],
    },
    {
      title: 'in qualità di Rappresentante Legale della Ditta',
      rows: [
        [L.business_name, d.businessName],
        [L.vat_number, d.vatNumber],
        [L.company_tax_code, d.companyTaxCode ?? ''],
      ],
    },
    {
      title: 'DICHIARA i seguenti dati di registrazione della Ditta',
      rows: [
        [L.company_email, d.companyEmail],
        [L.pec, d.pec ?? ''],
        [
          'Indirizzo sede legale',
          `${d.street}${d.streetNumber ? ` ${d.streetNumber}` : ''}, ${d.cap} ${municipalityLabel(d.municipality)}`,
        ],
        [L.phone, d.phone],
        [L.fax, d.fax ?? ''],
        [L.mobile, d.mobile ?? ''],
        [L.sdi_code, d.sdiCode ?? ''],
        [L.cciaa_number, d.cciaaNumber],
        [L.cciaa_municipality, municipalityLabel(d.cciaaMunicipality)],
        [L.rea_number, d.reaNumber ?? ''],
        [L.rea_municipality, municipalityLabel(d.reaMunicipality)],
        [L.activity_start_date, formatItalianDate(d.activityStartDate)],
        [L.chamber_certificate, r.attachments.chamberCertificate ?? 'non allegato'],
        [L.insurance_policy, r.attachments.insurancePolicy ?? 'non allegata'],
      ],
    },
    {
      title: 'Abilitazioni/Certificazioni in possesso',
      rows: COMPANY_CERTIFICATIONS.map((def) => {
        const c = d.certifications.find((x) => x.kind === def.kind);
        const dates = c
          ? `riferimento ${formatItalianDate(c.referenceDate)}, scadenza ${formatItalianDate(c.expiryDate)}${
              c.lastCheckExpiryDate
                ? `, scadenza ultima verifica ${formatItalianDate(c.lastCheckExpiryDate)}`
                : ''
            }`
          : '';
        return [def.label, dates] as const;
      }),
    },
  ] as const;
}

/** The hash of what the legal representative declares: the same data always gives the same hash. */
export function companyReceiptHash(r: TCompanyReceiptData): string {
  return declarationHash(r.registrationNumber, r.submittedAt, companyReceiptSections(r));
}

/** The hash over number, time and the declared sections; recomputed at signing to prove nothing changed. */
export function declarationHash(
  registrationNumber: string,
  submittedAt: Date,
  sections: ReadonlyArray<{ title: string; rows: ReadonlyArray<readonly [string, string]> }>,
): string {
  return sha256Hex(canonicalJson({ registrationNumber, submittedAt: submittedAt.toISOString(), sections }));
}

export async function renderCompanyReceipt(
  tenant: TTenant,
  r: TCompanyReceiptData,
  hash: string,
): Promise<Buffer> {
  return renderReceiptPdf({
    heading: `Ricevuta di registrazione ditta manutentrice n. ${r.registrationNumber}`,
    subheading: `${tenant.name} – inviata il ${dateTime(r.submittedAt)}`,
    sections: companyReceiptSections(r),
    paragraphs: [
      DPR_445_TEXT,
      "Per completare la registrazione il Legale Rappresentante deve firmare l'autodichiarazione con il collegamento ricevuto per e-mail (valido 7 giorni). La registrazione della ditta non fornisce credenziali di accesso.",
    ],
    footer: `Impronta SHA-256 del contenuto dichiarato: ${hash}`,
  });
}
