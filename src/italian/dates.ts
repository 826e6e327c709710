/** Dates typed as gg/mm/aaaa (the seeds' format), stored as ISO yyyy-mm-dd. */

export const DATE_FORMAT_MESSAGE = 'Inserisci una data valida nel formato gg/mm/aaaa.';

/** '05/03/2024' → '2024-03-05'; also accepts the ISO form a date input sends. undefined when not a real date. */
export function parseItalianDate(value: string): string | undefined {
  const v = value.trim();
  let d: number;
  let m: number;
  let y: number;
  const it = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(v);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (it) [d, m, y] = [Number(it[1]), Number(it[2]), Number(it[3])];
  else if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else return undefined;
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return undefined;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > days) return undefined;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** '2024-03-05' → '05/03/2024'. */
export function formatItalianDate(iso: string | Date | null | undefined): string {
  if (!iso) return '';
  const s = iso instanceof Date ? iso.toISOString().slice(0, 10) : iso.slice(0, 10);
  const [y, m, d] = s.split('-');
  return `${d}/${m}/${y}`;
}

/** Whole days from `fromIso` to `toIso` (negative when `toIso` is earlier). */
export function daysBetween(fromIso: string, toIso: string): number {
  return Math.round((Date.parse(`${toIso}T00:00:00Z`) - Date.parse(`${fromIso}T00:00:00Z`)) / 86_400_000);
}

/** Today's date in Italy, as yyyy-mm-dd. */
export function italianToday(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Rome',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** '2024-03-05' plus `days` (negative to go back) → yyyy-mm-dd; calendar arithmetic, no time zone. */
export function addDays(iso: string, days: number): string {
  const t = Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** The last millisecond of an Italian calendar day (23:59:59.999 in Rome, summer or winter time). */
export function endOfItalianDay(iso: string): Date {
  for (const offset of ['+01:00', '+02:00']) {
    const d = new Date(`${iso.slice(0, 10)}T23:59:59.999${offset}`);
    if (italianToday(d) === iso.slice(0, 10)) return d;
  }
  return new Date(`${iso.slice(0, 10)}T23:59:59.999+01:00`);
}
