/**
 * Codice fiscale checks (DM 23/12/1976). Persons: 16 characters — surname, name, birth year, month
 * letter, day (+40 for women), municipality, check character — where the digits may be replaced by the
 * omocodia letters L M N P Q R S T U V. Companies: 11 digits with the partita IVA check digit.
 */

const PERSON_FORMAT =
  /^[A-Z]{6}[0-9LMNPQRSTUV]{2}[A-EHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$/;

/** Value of a character in an odd (1st, 3rd, …) position; digits count as the letter of the same index. */
const ODD_VALUES = [
  1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23,
];

/** Index 0–25 of a digit (0–9) or a letter (A–Z). */
function indexOf(ch: string): number {
  const c = ch.charCodeAt(0);
  return c <= 57 ? c - 48 : c - 65;
}

/** The check character of the first 15 characters of a (normalised) codice fiscale. */
export function taxCodeCheckCharacter(first15: string): string {
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const v = indexOf(first15[i]!);
    sum += i % 2 === 0 ? ODD_VALUES[v]! : v;
  }
  return String.fromCharCode(65 + (sum % 26));
}

export function normaliseTaxCode(value: string): string {
  return value.replace(/\s+/g, '').toUpperCase();
}

/** A person's codice fiscale (16 characters, omocodia included) with a correct check character. */
export function isPersonTaxCode(value: string): boolean {
  const cf = normaliseTaxCode(value);
  return PERSON_FORMAT.test(cf) && taxCodeCheckCharacter(cf) === cf[15];
}

/** Partita IVA: 11 digits, the last one the check digit (Luhn variant of the Agenzia delle Entrate). */
export function isPartitaIva(value: string): boolean {
  const v = value.replace(/\s+/g, '');
  if (!/^\d{11}$/.test(v) || v === '00000000000') return false;
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    let d = v.charCodeAt(i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10 === v.charCodeAt(10) - 48;
}

/** A company's codice fiscale: 11 digits with the same check digit as a partita IVA. */
export const isCompanyTaxCode = isPartitaIva;

export const TAX_CODE_MESSAGES = {
  person:
    'Il codice fiscale non è valido: deve avere 16 caratteri e il carattere di controllo finale corretto.',
  company:
    'Il codice fiscale della ditta non è valido: deve avere 11 cifre con la cifra di controllo corretta.',
  vat: 'La partita IVA non è valida: deve avere 11 cifre con la cifra di controllo corretta.',
} as const;
