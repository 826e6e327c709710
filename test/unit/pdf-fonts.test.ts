import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PDFArray, PDFDict, PDFDocument, PDFName, type PDFRef } from 'pdf-lib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { renderDeclarationReceipt } from '../../src/modules/companies/declaration-receipt.js';
import { renderApplicationReceipt } from '../../src/modules/grants/application/application-receipt.js';
import { renderReceiptPdf } from '../../src/pdf/receipt-pdf.js';
import type { TTenant } from '../../src/tenancy/tenant.js';

const NAME = 'Łukasz Żółć Ștefan Nguyễn';

/** The text of every page as PDF.js reads it (one string per drawn line). */
async function pdfLines(pdf: Buffer): Promise<string[]> {
  const doc = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false }).promise;
  const lines: string[] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const content = await (await doc.getPage(p)).getTextContent();
    for (const item of content.items) if ('str' in item && item.str.trim() !== '') lines.push(item.str);
  }
  await doc.destroy();
  return lines;
}

/** The base names of the fonts of the first page, and whether each has an embedded font file. */
async function fontsOf(pdf: Buffer): Promise<Array<{ name: string; embedded: boolean }>> {
  const doc = await PDFDocument.load(pdf);
  const dict = (o: unknown) => doc.context.lookup(o as PDFRef, PDFDict);
  const fonts = dict(doc.getPage(0).node.Resources()!.get(PDFName.of('Font')));
  return fonts.entries().map(([, ref]) => {
    const font = dict(ref);
    const descendants = font.get(PDFName.of('DescendantFonts'));
    const cid = descendants ? dict(doc.context.lookup(descendants, PDFArray).get(0)) : undefined;
    const descriptor = cid ? dict(cid.get(PDFName.of('FontDescriptor'))) : undefined;
    return {
      name: String(font.get(PDFName.of('BaseFont'))),
      embedded: Boolean(descriptor?.get(PDFName.of('FontFile2')) ?? descriptor?.get(PDFName.of('FontFile3'))),
    };
  });
}

/** The receipts read only the tenant's name. */
const tenant = { name: 'Comune di Prova' } as TTenant;

describe('PDF fonts are embedded and cover Latin Extended', () => {
  test('a receipt prints the name exactly as typed, read back from the PDF text', async () => {
    const pdf = await renderReceiptPdf({
      heading: `Ricevuta di ${NAME}`,
      subheading: 'Comune di Prova',
      sections: [{ title: 'Richiedente', rows: [['Cognome e nome', NAME]] }],
      paragraphs: [`Dichiaro di essere ${NAME}, nato a Łódź.`],
      footer: 'Impronta SHA-256: 0123',
    });
    const lines = await pdfLines(pdf);
    assert.ok(lines.includes(NAME), `the name is not in the PDF text: ${JSON.stringify(lines)}`);
    assert.ok(lines.includes(`Ricevuta di ${NAME}`));
    assert.ok(lines.some((l) => l.includes(`essere ${NAME},`)));
    assert.ok(!lines.some((l) => l.includes('?')), 'no letter replaced by "?"');
    assert.equal((await PDFDocument.load(pdf)).getTitle(), `Ricevuta di ${NAME}`);
  });

  test('every font of the receipt is embedded (a subset of DejaVu Sans), none is a standard font', async () => {
    const pdf = await renderReceiptPdf({ heading: NAME, sections: [{ title: 'A', rows: [['B', NAME]] }] });
    const fonts = await fontsOf(pdf);
    assert.ok(fonts.length >= 2);
    for (const f of fonts) {
      assert.match(f.name, /^\/[A-Z]{6}\+DejaVuSans/, f.name);
      assert.equal(f.embedded, true, f.name);
    }
    assert.ok(pdf.length < 100_000, `a one-page receipt stays small (subset fonts): ${pdf.length} bytes`);
  });

  test('the same content makes the same file (no random subset tag, no clock)', async () => {
    const r = { heading: NAME, sections: [{ title: 'A', rows: [['B', NAME]] as const }] };
    assert.deepEqual(await renderReceiptPdf(r), await renderReceiptPdf(r));
  });

  test('characters no font has become "?" instead of failing; combining accents are composed', async () => {
    const pdf = await renderReceiptPdf({ heading: 'Nguye\u0302\u0303n 中文', sections: [] });
    assert.deepEqual(await pdfLines(pdf), ['Nguyễn ??']);
  });

  test('the grant application receipt and the self-declaration receipt print the name', async () => {
    const application = await renderApplicationReceipt({
      tenant,
      callTitle: 'Bando di prova',
      application: {
        protocol: '2026/000001',
        submittedAt: new Date('2026-03-02T09:00:00.123Z'),
        arrivalSeq: 1,
        verificationCode: 'ABCD-EFGH-JKLM',
        requestedCents: 150_000,
        data: { first_name: 'Łukasz Żółć', last_name: 'Ștefan Nguyễn' },
      },
      verifyUrl: 'https://prova.example.org/verifica-ricevuta',
    });
    assert.ok((await pdfLines(application)).includes('Ștefan Nguyễn Łukasz Żółć'));

    const declaration = await renderDeclarationReceipt({
      tenant,
      heading: 'Registrazione ditta',
      submittedAt: new Date('2026-03-02T09:00:00Z'),
      sections: [{ title: 'Legale rappresentante', rows: [['Cognome e nome', NAME]] }],
      notes: [],
      hash: '0'.repeat(64),
    });
    assert.ok((await pdfLines(declaration)).includes(NAME));
  });
});
