import { canonicalJson } from '../../audit/audit-chain.js';
import { sha256Hex } from '../../files/uploads.js';
import { formatItalianDate } from '../../italian/dates.js';
import { renderReceiptPdf, type TReceiptSection } from '../../pdf/receipt-pdf.js';
import type { TTenant } from '../../tenancy/tenant.js';
import type { TCertificationDef, TCertificationInput } from './certifications.js';
import { DPR_445_TEXT } from './self-declaration.js';

/** Pieces shared by the receipts of the self-declarations (company registration, staff registration). */

const dateTime = (d: Date) =>
  d.toLocaleString('it-IT', { timeZone: 'Europe/Rome', dateStyle: 'short', timeStyle: 'medium' });

/** "Abilitazioni/Certificazioni in possesso": one row per certification of `defs`, with the declared dates. */
export function certificationsSection(
  defs: readonly TCertificationDef[],
  certifications: readonly TCertificationInput[],
) {
  return {
    title: 'Abilitazioni/Certificazioni in possesso',
    rows: defs.map((def) => {
      const c = certifications.find((x) => x.kind === def.kind);
      const dates = c
        ? `riferimento ${formatItalianDate(c.referenceDate)}, scadenza ${formatItalianDate(c.expiryDate)}${
            c.lastCheckExpiryDate
              ? `, scadenza ultima verifica ${formatItalianDate(c.lastCheckExpiryDate)}`
              : ''
          }`
        : '';
      return [def.label, dates] as const;
    }),
  } as const;
}

/** The hash over number, time and the declared sections; recomputed at signing to prove nothing changed. */
export function declarationHash(
  registrationNumber: string,
  submittedAt: Date,
  sections: readonly TReceiptSection[],
): string {
  return sha256Hex(canonicalJson({ registrationNumber, submittedAt: submittedAt.toISOString(), sections }));
}

/** The PDF receipt of a self-declaration: heading, the sections, the DPR 445/2000 text, notes and the hash. */
export async function renderDeclarationReceipt(r: {
  tenant: TTenant;
  heading: string;
  submittedAt: Date;
  sections: readonly TReceiptSection[];
  notes: readonly string[];
  hash: string;
}): Promise<Buffer> {
  return renderReceiptPdf({
    heading: r.heading,
    subheading: `${r.tenant.name} – inviata il ${dateTime(r.submittedAt)}`,
    sections: r.sections,
    paragraphs: [DPR_445_TEXT, ...r.notes],
    footer: `Impronta SHA-256 del contenuto dichiarato: ${r.hash}`,
  });
}
