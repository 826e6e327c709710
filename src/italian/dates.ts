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

// Formatters are built once: Intl constructors are slow and these run on every page and receipt.
const ROME_SECONDS = new Intl.DateTimeFormat('it-IT', {
  timeZone: 'Europe/Rome',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});
const ROME_MINUTES = new Intl.DateTimeFormat('it-IT', {
  timeZone: 'Europe/Rome',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** Date and time in Italy to the minute, e.g. "09/12/2024 23:59" (also what the date-time fields accept). */
export function formatDateTime(d: Date): string {
  return ROME_MINUTES.format(d).replace(',', '');
}

/** Date and time in Italy with milliseconds, e.g. "09/12/2024 10:00:00,123". */
export function formatArrival(d: Date): string {
  return `${ROME_SECONDS.format(d).replace(',', '')},${String(d.getUTCMilliseconds()).padStart(3, '0')}`;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/**
 * The instant of a wall-clock time in Italy, summer or winter time; undefined for a time that does not
 * exist there (the hour skipped when summer time starts).
 */
export function italianInstant(iso: string, hh: number, mm: number, ss = 0, ms = 0): Date | undefined {
  const day = iso.slice(0, 10);
  const wanted = `${formatItalianDate(day)} ${pad(hh)}:${pad(mm)}:${pad(ss)}`;
  for (const offset of ['+01:00', '+02:00']) {
    const d = new Date(`${day}T${pad(hh)}:${pad(mm)}:${pad(ss)}.${pad(ms, 3)}${offset}`);
    if (ROME_SECONDS.format(d).replace(',', '') === wanted) return d;
  }
  return undefined;
}

/** The last millisecond of an Italian calendar day (23:59:59.999 in Rome, summer or winter time). */
export function endOfItalianDay(iso: string): Date {
  return italianInstant(iso, 23, 59, 59, 999)!;
}

/** "14/10/2024 09:00" (or a date alone, meaning 00:00), Italian time → Date; undefined when not a date-time. */
export function parseItalianDateTime(value: string): Date | undefined {
  const m = /^(\S+)\s+(\d{1,2})[:.](\d{2})$/.exec(value.trim());
  const iso = parseItalianDate(m ? m[1]! : value);
  if (!iso) return undefined;
  const hh = m ? Number(m[2]) : 0;
  const mm = m ? Number(m[3]) : 0;
  if (hh > 23 || mm > 59) return undefined;
  return italianInstant(iso, hh, mm);
}
