// The kinds of field Allegato A is made of. Each kind gives, from the field's Italian label, the rules of
// what may be typed (zod, with messages naming the field) and the typed answer the stored text stands for.
// What was typed is stored as text (normalised: trimmed, codice fiscale and IBAN compact upper case), so a
// form always shows it again; the typed answer (cents, numbers, booleans, ISO dates, choices) is read from it.
import { electronicFormatIBAN, isValidIBAN } from 'ibantools';
import { z } from 'zod';
import { isPersonTaxCode, normaliseTaxCode, TAX_CODE_MESSAGES } from '../../../../italian/codice-fiscale.js';
import { DATE_FORMAT_MESSAGE, parseItalianDate } from '../../../../italian/dates.js';
import { parseEuroCents } from '../../../../italian/money.js';
import type { TGrantCall } from '../../calls/call.js';

/** A choice as the form offers it. */
export type TOption = { value: string; label: string };

/** What a field is, apart from where it sits on the form. */
export interface TFieldKind<V> {
  kind: 'text' | 'date' | 'euro' | 'decimal' | 'integer' | 'tick' | 'choice';
  label: string;
  required: boolean;
  /** What may be typed; gives back the text to store (trimmed, normalised). */
  text: z.ZodType<string, unknown>;
  /** The typed answer, from the stored text. */
  typed: z.ZodType<V, unknown>;
  /** The choices of a radio group or a list (a call's appliance types, its municipalities…). */
  options?: (call: TGrantCall) => readonly TOption[];
}

const required = (label: string, max: number) =>
  z
    .string({ error: `${label}: campo obbligatorio.` })
    .trim()
    .min(1, `${label}: campo obbligatorio.`)
    .max(max, `${label}: al massimo ${max} caratteri.`);
const optional = (label: string, max: number) =>
  z.string().trim().max(max, `${label}: al massimo ${max} caratteri.`).optional().default('');

const kind = <V>(
  k: TFieldKind<V>['kind'],
  label: string,
  isRequired: boolean,
  text: z.ZodType<string, unknown>,
  toValue: (stored: string) => V,
): TFieldKind<V> => ({ kind: k, label, required: isRequired, text, typed: text.transform(toValue) });

/** Free text; `pattern` refuses what does not match, with `message` after the label. */
export function text(
  label: string,
  o: {
    required?: boolean;
    max?: number;
    upperCase?: boolean;
    pattern?: RegExp;
    message?: string;
  } = {},
): TFieldKind<string> {
  const max = o.max ?? 120;
  const base = o.required === false ? optional(label, max) : required(label, max);
  const cased = o.upperCase ? base.transform((v) => v.toUpperCase()) : base;
  const { pattern } = o;
  const checked = pattern
    ? cased.refine((v) => (o.required === false && v === '') || pattern.test(v), `${label}: ${o.message}`)
    : cased;
  return kind('text', label, o.required !== false, checked, (v) => v);
}

/** A personal codice fiscale, stored upper case without spaces. */
export function taxCode(label: string): TFieldKind<string> {
  const t = required(label, 16)
    .transform(normaliseTaxCode)
    .refine(isPersonTaxCode, `${label}: ${TAX_CODE_MESSAGES.person}`);
  return kind('text', label, true, t, (v) => v);
}

/** A telephone number (optional). */
export function phone(label: string): TFieldKind<string> {
  const t = optional(label, 20).refine(
    (v) => v === '' || /^[0-9 +./-]{6,20}$/.test(v),
    `${label}: numero non valido.`,
  );
  return kind('text', label, false, t, (v) => v);
}

export function email(label: string, o: { required: boolean }): TFieldKind<string> {
  const t = (o.required ? required(label, 254) : optional(label, 254)).refine(
    (v) => v === '' || z.email().safeParse(v).success,
    `${label}: l'indirizzo non è valido (nome@dominio.it).`,
  );
  return kind('text', label, o.required, t, (v) => v);
}

/** An IBAN, stored in its electronic format (no spaces, upper case). */
export function iban(label: string): TFieldKind<string> {
  const t = required(label, 42)
    .transform((v) => electronicFormatIBAN(v) ?? v.replace(/\s/g, '').toUpperCase())
    .refine(
      (v) => isValidIBAN(v),
      `${label}: il codice IBAN non è valido, controlla di averlo copiato per intero.`,
    );
  return kind('text', label, true, t, (v) => v);
}

/** gg/mm/aaaa; the answer is the ISO date (YYYY-MM-DD). */
export function date(label: string): TFieldKind<string> {
  const t = required(label, 120).refine(
    (v) => parseItalianDate(v) !== undefined,
    `${label}: ${DATE_FORMAT_MESSAGE}`,
  );
  return kind('date', label, true, t, (v) => parseItalianDate(v) ?? '');
}

/** An amount in euro as Italians type it ("3.500,00"); the answer is in cents. */
export function euro(label: string): TFieldKind<number> {
  const t = required(label, 20).refine(
    (v) => parseEuroCents(v) !== undefined,
    `${label}: inserisci un importo in euro, ad esempio 3.500,00.`,
  );
  return kind('euro', label, true, t, (v) => parseEuroCents(v) ?? 0);
}

/** "12,5" or "12.5" → 12.5; undefined otherwise. */
export function parseDecimal(value: string): number | undefined {
  const v = value.trim().replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(v)) return undefined;
  return Number(v);
}

/** A decimal number ("9,5"); `unknownHint` tells when 0 stands for "not known". */
export function decimal(label: string, unknownHint = ''): TFieldKind<number> {
  const t = required(label, 10).refine(
    (v) => parseDecimal(v) !== undefined,
    `${label}: inserisci un numero, ad esempio 12,5${unknownHint}.`,
  );
  return kind('decimal', label, true, t, (v) => parseDecimal(v) ?? 0);
}

export function integer(label: string, min: number, max: number): TFieldKind<number> {
  const t = required(label, 4).refine((v) => {
    if (!/^\d+$/.test(v.trim())) return false;
    const n = Number(v);
    return n >= min && n <= max;
  }, `${label}: inserisci un numero intero da ${min} a ${max}.`);
  return kind('integer', label, true, t, (v) => Number(v));
}

/**
 * A check box, stored "1" when ticked. A required one is a declaration the applicant must make: the message
 * names it (without its letter, "I. ") unless `message` is given.
 */
export function tick(label: string, o: { required: boolean; message?: string }): TFieldKind<boolean> {
  const t = o.required
    ? z.literal('1', {
        error: o.message ?? `${label.replace(/^[IJK]\. /, '')}: dichiarazione obbligatoria.`,
      })
    : optional(label, 1);
  return kind('tick', label, o.required, t, (v) => v === '1');
}

/** One of `values`; the labels the form shows may depend on the call. */
export function choice<const T extends readonly [string, ...string[]]>(
  label: string,
  values: T,
  message: string,
  options: (call: TGrantCall) => readonly TOption[],
): TFieldKind<T[number]> {
  const e = z.enum(values, { error: `${label}: ${message}` });
  return { kind: 'choice', label, required: true, text: e, typed: e, options };
}
