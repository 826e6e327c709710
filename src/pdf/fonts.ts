import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import type { PDFDocument, PDFFont } from 'pdf-lib';

/**
 * The fonts of every generated PDF: DejaVu Sans and DejaVu Sans Bold (npm `dejavu-fonts-ttf`; Bitstream
 * Vera licence with DejaVu's changes in the public domain — free to embed and redistribute). They cover
 * Latin-1, Latin Extended-A/B and Additional (Ł, Ż, Ș, ễ…), Greek and Cyrillic, and are embedded as
 * subsets, so a receipt prints every letter of a name and stays small. The standard PDF fonts are never
 * used: they are not embedded and know only WinAnsi.
 */
export type TPdfFonts = {
  regular: PDFFont;
  bold: PDFFont;
  /** The text (NFC) with each character the fonts cannot draw (CJK, most emoji…) replaced by "?". */
  printable: (text: string) => string;
};

const require = createRequire(import.meta.url);
const FONT_DIR = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');

let bytes: { regular: Uint8Array; bold: Uint8Array } | undefined;
let drawable: ReadonlySet<number> | undefined;

/** fontkit with each font file parsed once per process (pdf-lib would parse it again for every PDF). */
const parsed = new WeakMap<Uint8Array, ReturnType<typeof fontkit.create>>();
const cachingFontkit: typeof fontkit = {
  ...fontkit,
  create(buffer: Uint8Array, postscriptName?: string) {
    if (postscriptName) return fontkit.create(buffer, postscriptName);
    let font = parsed.get(buffer);
    if (!font) parsed.set(buffer, (font = fontkit.create(buffer)));
    return font;
  },
};

/** The font files, read once per process. */
function fontBytes() {
  bytes ??= {
    regular: readFileSync(join(FONT_DIR, 'DejaVuSans.ttf')),
    bold: readFileSync(join(FONT_DIR, 'DejaVuSans-Bold.ttf')),
  };
  return bytes;
}

/**
 * Embeds the two fonts in `doc`. Subset names carry a fixed tag instead of pdf-lib's random one, so the
 * same content makes the same file.
 */
export async function embedPdfFonts(doc: PDFDocument): Promise<TPdfFonts> {
  doc.registerFontkit(cachingFontkit);
  const files = fontBytes();
  const regular = await doc.embedFont(files.regular, { subset: true, customName: 'FOCOLA+DejaVuSans' });
  const bold = await doc.embedFont(files.bold, { subset: true, customName: 'FOCOLB+DejaVuSans-Bold' });
  if (!drawable) {
    const inBold = new Set(bold.getCharacterSet());
    drawable = new Set(regular.getCharacterSet().filter((c) => inBold.has(c)));
  }
  const set = drawable;
  // NFC first: a letter typed as base + combining accent becomes the one precomposed glyph.
  const printable = (text: string) =>
    Array.from(text.normalize('NFC').replace(/\t/g, ' '), (ch) =>
      ch === '\n' || set.has(ch.codePointAt(0)!) ? ch : '?',
    ).join('');
  return { regular, bold, printable };
}
