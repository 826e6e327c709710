import * as codiceFiscaleModule from 'codice-fiscale-js';

/**
 * Codice fiscale checks. Persons: 16 characters with the check character, validated by
 * `codice-fiscale-js` (whose published types do not match its ESM export: wrapped here, so nothing
 * else imports it). Companies: 11 digits with the partita IVA check digit.
 */
type TCodiceFiscaleLib = { check(cf: string): boolean };

const lib: TCodiceFiscaleLib = (() => {
  const m = codiceFiscaleModule as unknown as {
    CodiceFiscale?: TCodiceFiscaleLib;
    default?: TCodiceFiscaleLib | { CodiceFiscale?: TCodiceFiscaleLib };
  };
  const candidate =
    m.CodiceFiscale ?? (m.default as { CodiceFiscale?: TCodiceFiscaleLib })?.CodiceFiscale ?? m.default;
  if (!candidate || typeof (candidate as TCodiceFiscaleLib).check !== 'function')
    throw new Error('codice-fiscale-js: check() not found');
  return candidate as TCodiceFiscaleLib;
})();

export function normaliseTaxCode(value: string): string {
  return value.replace(/\s+/g, '').toUpperCase();
}

/** A person's codice fiscale (16 characters, omocodia included) with a correct check character. */
export function isPersonTaxCode(value: string): boolean {
  const cf = normaliseTaxCode(value);
  if (!/^[A-Z]{6}[0-9LMNPQRSTUV]{2}[A-EHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$/.test(cf))
    return false;
  try {
    return lib.check(cf);
  } catch {
    return false;
  }
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
