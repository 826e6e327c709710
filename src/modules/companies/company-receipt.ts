import { formatItalianDate } from '../../italian/dates.js';
import { municipalityLabel } from '../../italian/municipalities.js';
import type { TTenant } from '../../tenancy/tenant.js';
import { COMPANY_CERTIFICATIONS } from './certifications.js';
import type { TCompanyDeclaration } from './company-form.js';
import { COMPANY_LABELS as L } from './company-form.js';
import { certificationsSection, declarationHash, renderDeclarationReceipt } from './declaration-receipt.js';

export type TCompanyReceiptData = {
  registrationNumber: string;
  submittedAt: Date;
  declaration: TCompanyDeclaration;
  attachments: { chamberCertificate: string | null; insurancePolicy: string | null };
};

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
    certificationsSection(COMPANY_CERTIFICATIONS, d.certifications),
  ] as const;
}

/** The hash of what the legal representative declares: the same data always gives the same hash. */
export function companyReceiptHash(r: TCompanyReceiptData): string {
  return declarationHash(r.registrationNumber, r.submittedAt, companyReceiptSections(r));
}

export async function renderCompanyReceipt(
  tenant: TTenant,
  r: TCompanyReceiptData,
  hash: string,
): Promise<Buffer> {
  return renderDeclarationReceipt({
    tenant,
    heading: `Ricevuta di registrazione ditta manutentrice n. ${r.registrationNumber}`,
    submittedAt: r.submittedAt,
    sections: companyReceiptSections(r),
    notes: [
      "Per completare la registrazione il Legale Rappresentante deve firmare l'autodichiarazione con il collegamento ricevuto per e-mail (valido 7 giorni). La registrazione della ditta non fornisce credenziali di accesso.",
    ],
    hash,
  });
}
