import { PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from 'pdf-lib';

/**
 * A plain A4 receipt with the standard Helvetica font (WinAnsi covers the Italian accented letters):
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

/** Replaces characters outside WinAnsi (e.g. curly quotes are fine, emoji are not) so drawing never throws. */
function winAnsi(text: string): string {
  return text
    .replace(/[’‘]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/[^\x20-\x7E\u00A0-\u00FF€–—…]/g, '?');
}

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  for (const para of winAnsi(text).split('\n')) {
    let line = '';
    for (const word of para.split(/\s+/)) {
      const next = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(next, size) > width && line) {
        lines.push(line);
        line = word;
      } else line = next;
    }
    lines.push(line);
  }
  return lines;
}

export async function renderReceiptPdf(r: TReceipt): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.setTitle(winAnsi(r.heading));
  doc.setProducer('Focolare');
  doc.setCreationDate(new Date(0)); // the content, not the clock, makes the file
  doc.setModificationDate(new Date(0));
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
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
    for (const line of wrap(s, f, size, w)) {
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
      const labelLines = wrap(`${label}:`, bold, 9, 190);
      const valueLines = wrap(value || '-', font, 9, width - 200);
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
