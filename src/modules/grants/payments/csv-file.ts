// CSV as Excel in Italy opens it: ";" separated, CRLF, UTF-8 with BOM, formulas defused.

/** A CSV cell: quoted when needed; text that a spreadsheet would run as a formula is prefixed with '. */
export function csvCell(v: string): string {
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[";\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Lines of cells → CSV text with ";" and CRLF, prefixed by the UTF-8 BOM. */
export function toCsv(lines: ReadonlyArray<ReadonlyArray<string>>): Buffer {
  const text = lines.map((l) => l.map(csvCell).join(';')).join('\r\n');
  return Buffer.from(`\uFEFF${text}\r\n`, 'utf8');
}
