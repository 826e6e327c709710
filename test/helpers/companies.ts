import { PDFDocument } from 'pdf-lib';

/** A small real PDF, as a user would upload. */
export async function samplePdf(text = 'Documento di prova'): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const page = doc.addPage();
  page.drawText(text, { x: 50, y: 700, size: 12 });
  return Buffer.from(await doc.save());
}

/** Valid check-character codes for tests (fictitious people and companies). */
export const VALID = {
  personTaxCode: 'RSSMRA80A01H501U',
  otherPersonTaxCode: 'BNCLCU85M41F205T',
  vatNumbers: ['01234567897', '12345678903', '00743110157', '02345678904'],
};

/** Every field of section 1.3 filled correctly (dates gg/mm/aaaa). */
export function companyForm(over: Record<string, string> = {}): Record<string, string> {
  const certs: Record<string, string> = {};
  for (const kind of [
    'dm37_c',
    'dm37_ce',
    'dpr146_art8',
    'patentino_232',
    'patentino_350',
    'durc',
    'polizza',
  ]) {
    certs[`cert_${kind}_ref`] = '01/01/2024';
    certs[`cert_${kind}_exp`] = '31/12/2027';
    if (kind === 'dpr146_art8') certs[`cert_${kind}_last`] = '30/06/2027';
  }
  return {
    lr_full_name: 'Rossi Mario',
    lr_tax_code: VALID.personTaxCode,
    lr_email: 'mario.rossi@example.org',
    lr_email_confirm: 'mario.rossi@example.org',
    business_name: 'Termoidraulica Rossi S.r.l.',
    vat_number: VALID.vatNumbers[0]!,
    company_tax_code: VALID.vatNumbers[0]!,
    company_email: 'info@termorossi.example.org',
    pec: 'termorossi@pec.example.org',
    municipality: 'Monterotondo',
    cap: '00015',
    street: 'Via Salaria',
    street_number: '12',
    phone: '06 9001234',
    fax: '',
    mobile: '333 1234567',
    sdi_code: 'ABC1234',
    cciaa_number: 'RM-123456',
    cciaa_municipality: 'Roma',
    rea_number: '987654',
    rea_municipality: 'Roma',
    activity_start_date: '15/03/2010',
    privacy: '1',
    ...certs,
    ...over,
  };
}
