// The rules of Allegato A's fields as zod schemas over the typed strings, with Italian messages naming the field.
import { z } from 'zod';
import { DATE_FORMAT_MESSAGE, parseItalianDate } from '../../../../italian/dates.js';
import { parseEuroCents } from '../../../../italian/money.js';
import { APPLICATION_LABELS, type TApplicationField } from './fields.js';

export const req = (field: TApplicationField, max = 120) =>
  z
    .string({ error: `${APPLICATION_LABELS[field]}: campo obbligatorio.` })
    .trim()
    .min(1, `${APPLICATION_LABELS[field]}: campo obbligatorio.`)
    .max(max, `${APPLICATION_LABELS[field]}: al massimo ${max} caratteri.`);
export const opt = (field: TApplicationField, max = 120) =>
  z
    .string()
    .trim()
    .max(max, `${APPLICATION_LABELS[field]}: al massimo ${max} caratteri.`)
    .optional()
    .default('');
export const tick = (field: TApplicationField) =>
  z.literal('1', {
    error: `${APPLICATION_LABELS[field].replace(/^[IJK]\. /, '')}: dichiarazione obbligatoria.`,
  });
export const date = (field: TApplicationField) =>
  req(field).refine(
    (v) => parseItalianDate(v) !== undefined,
    `${APPLICATION_LABELS[field]}: ${DATE_FORMAT_MESSAGE}`,
  );
export const phone = (field: TApplicationField) =>
  opt(field, 20).refine(
    (v) => v === '' || /^[0-9 +./-]{6,20}$/.test(v),
    `${APPLICATION_LABELS[field]}: numero non valido.`,
  );
export const email = (field: TApplicationField, required: boolean) =>
  (required ? req(field, 254) : opt(field, 254)).refine(
    (v) => v === '' || z.email().safeParse(v).success,
    `${APPLICATION_LABELS[field]}: l'indirizzo non è valido (nome@dominio.it).`,
  );

/** "12,5" or "12.5" → 12.5; undefined otherwise. */
export function parseDecimal(value: string): number | undefined {
  const v = value.trim().replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(v)) return undefined;
  return Number(v);
}

export const euro = (field: TApplicationField) =>
  req(field, 20).refine(
    (v) => parseEuroCents(v) !== undefined,
    `${APPLICATION_LABELS[field]}: inserisci un importo in euro, ad esempio 3.500,00.`,
  );
export const decimal = (field: TApplicationField, unknownAllowedHint = '') =>
  req(field, 10).refine(
    (v) => parseDecimal(v) !== undefined,
    `${APPLICATION_LABELS[field]}: inserisci un numero, ad esempio 12,5${unknownAllowedHint}.`,
  );
export const integer = (field: TApplicationField, min: number, max: number) =>
  req(field, 4).refine((v) => {
    if (!/^\d+$/.test(v.trim())) return false;
    const n = Number(v);
    return n >= min && n <= max;
  }, `${APPLICATION_LABELS[field]}: inserisci un numero intero da ${min} a ${max}.`);
