// Euro amounts as Italians read and type them. Amounts are integer cents everywhere else in the code.

const EURO = new Intl.NumberFormat('it-IT', {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
  useGrouping: 'always',
});

/** "1.234,56" from cents (what the amount fields show and accept). */
export function formatEuroAmount(cents: number): string {
  return EURO.format(cents / 100);
}

/** "1.234,56 €" from cents. */
export function formatEuro(cents: number): string {
  return `${formatEuroAmount(cents)} €`;
}

/** "2500,00" from cents: no thousands separator, comma decimals (the CSV files' amounts). */
export function formatEuroPlain(cents: number): string {
  return (cents / 100).toFixed(2).replace('.', ',');
}

/** "1.234,56", "1234.56", "1234" → cents; undefined when not an amount. */
export function parseEuroCents(value: string): number | undefined {
  const v = value.trim().replace(/\s|€/g, '');
  if (v === '') return undefined;
  let normal: string;
  if (/^\d{1,3}(\.\d{3})+(,\d{1,2})?$/.test(v)) normal = v.replace(/\./g, '').replace(',', '.');
  else if (/^\d+(,\d{1,2})?$/.test(v)) normal = v.replace(',', '.');
  else if (/^\d+(\.\d{1,2})?$/.test(v)) normal = v;
  else return undefined;
  const cents = Math.round(Number(normal) * 100);
  return Number.isSafeInteger(cents) ? cents : undefined;
}
