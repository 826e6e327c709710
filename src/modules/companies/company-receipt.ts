import type { TTenant } from '../../tenancy/tenant.js';
import { COMPANY_CERTIFICATIONS } from './certifications.js';
import type { TCompanyDeclaration } from './company-form.js';
import { certificationsSection, declarationHash, renderDeclarationReceipt } from './declaration-receipt.js';
import {
  COMPANY_FIELDS,
  COMPANY_GROUPS,
  COMPANY_SECTIONS,
  sectionLayout,
  type TCompanyAttachments,
  type TCompanyField,
  type TCompanySection,
} from './registration-fields.js';

export type TCompanyReceiptData = {
  registrationNumber: string;
  submittedAt: Date;
  declaration: TCompanyDeclaration;
  attachments: TCompanyAttachments;
};

/** One section of the receipt: the fieldset's title and a row per declared field (a group is one row). */
function receiptSection(section: TCompanySection, r: TCompanyReceiptData) {
  const rows: Array<readonly [string, string]> = [];
  for (const item of sectionLayout(section)) {
    if ('group' in item) {
      const g = COMPANY_GROUPS[item.group];
      rows.push([g.label, g.receipt(r.declaration, r.attachments)]);
      continue;
    }
    const f: TCompanyField = COMPANY_FIELDS[item.field];
    if (f.receipt) rows.push([f.label, f.receipt(r.declaration, r.attachments)]);
  }
  return { title: COMPANY_SECTIONS[section], rows };
}

/** The sections of the receipt, in the order and with the labels of section 1.3. */
export function companyReceiptSections(r: TCompanyReceiptData) {
  return [
    ...(Object.keys(COMPANY_SECTIONS) as TCompanySection[]).map((s) => receiptSection(s, r)),
    certificationsSection(COMPANY_CERTIFICATIONS, r.declaration.certifications),
  ];
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
