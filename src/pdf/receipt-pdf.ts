import { PDFDocument, type PDFFont, type PDFPage, rgb } from 'pdf-lib';
import { embedPdfFonts } from './fonts.js';

/**
 * A plain A4 receipt in the embedded DejaVu Sans (see fonts.ts: every letter of a name prints):
 * a title, sections of label/value rows, free paragraphs and a footer line with the content hash.
 */
export type TReceiptSection = { title: string; rows: ReadonlyArray<readonly [string, string]> };

export type TReceipt = {
  heading: string;
  subheading?: string;
  sections: readonly TReceiptSection[];
  paragraphs?: readonly string[];
  footer?: string;
};

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 50;

/** Width at size 1 of each word, measured once per font (laying out an embedded font is not cheap). */
const wordWidths = new WeakMap<PDFFont, Map<string, number>>();
function widthOf(font: PDFFont, word: string): number {
  let widths = wordWidths.get(font);
  if (!widths) wordWidths.set(font, (widths = new Map()));
  let w = widths.get(word);
  if (w === undefined) widths.set(word, (w = font.widthOfTextAtSize(word, 1)));
  return w;
}

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  const space = widthOf(font, ' ') * size;
  for (const para of text.split(/\r?\n/)) {
    let line = '';
    let lineWidth = 0;
    for (const word of para.split(/\s+/)) {
      const w = widthOf(font, word) * size;
      if (line && lineWidth + space + w <= width) {
        line += ` ${word}`;
        lineWidth += space + w;
      } else {
        if (line) lines.push(line);
        line = word;
        lineWidth = w;
      }
    }
    lines.push(line);
  }
  return lines;
}

export async function renderReceiptPdf(r: TReceipt): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.setTitle(r.heading);
  doc.setProducer('Focolare');
  doc.setCreationDate(new Date(0)); // the content, not the clock, makes the file
  doc.setModificationDate(new Date(0));
  const { regular: font, bold, printable } = await embedPdfFonts(doc);
  const width = A4[0] - 2 * MARGIN;
  let page: PDFPage = doc.addPage(A4);
  let y = A4[1] - MARGIN;

  const ensure = (h: number) => {
    if (y - h < MARGIN + 20) {
      page = doc.addPage(A4);
      y = A4[1] - MARGIN;
    }
  };
  const text = (s: string, f: PDFFont, size: number, x = MARGIN, w = width) => {
    for (const line of wrap(printable(s), f, size, w)) {
      ensure(size + 4);
      page.drawText(line, { x, y: y - size, size, font: f, color: rgb(0.1, 0.1, 0.1) });
      y -= size + 4;
    }
  };

  text(r.heading, bold, 16);
  if (r.subheading) text(r.subheading, font, 11);
  y -= 8;
  for (const section of r.sections) {
    ensure(40);
    y -= 6;
    text(section.title, bold, 12);
    for (const [label, value] of section.rows) {
      const labelLines = wrap(printable(`${label}:`), bold, 9, 190);
      const valueLines = wrap(printable(value || '-'), font, 9, width - 200);
      const rows = Math.max(labelLines.length, valueLines.length);
      ensure(rows * 13);
      for (let i = 0; i < rows; i++) {
        if (labelLines[i]) page.drawText(labelLines[i]!, { x: MARGIN, y: y - 9, size: 9, font: bold });
        if (valueLines[i]) page.drawText(valueLines[i]!, { x: MARGIN + 200, y: y - 9, size: 9, font });
        y -= 13;
      }
    }
  }
  for (const p of r.paragraphs ?? []) {
    y -= 6;
    text(p, font, 9);
  }
  if (r.footer) {
    y -= 10;
    text(r.footer, font, 8);
  }
  return Buffer.from(await doc.save());
}
