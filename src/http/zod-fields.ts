import { z } from 'zod';
import { fieldCharacterMessage, forbiddenCharacter } from './input-guard.js';

/** Reusable form fields with Italian messages. Empty form fields arrive as '' or not at all. */

/**
 * The character rule of text fields (see input-guard.ts): no control characters (a single-line text takes
 * no tab or line break either) and no bidirectional overrides, which make a name read as something else.
 */
const characterRule =
  (multiline: boolean) =>
  (value: string, ctx: z.core.$RefinementCtx<string>): void => {
    const kind = forbiddenCharacter(value, { multiline });
    if (kind === undefined) return;
    ctx.addIssue({
      code: 'custom',
      message:
        kind === 'control' && !multiline && /[\t\n\r]/.test(value)
          ? 'Il testo deve stare su una riga: togli gli a capo e le tabulazioni.'
          : fieldCharacterMessage(kind),
    });
  };

/** A required single-line text (names, titles, addresses). */
export const requiredText = (message = 'Campo obbligatorio.', max = 200) =>
  z
    .string({ error: message })
    .trim()
    .min(1, message)
    .max(max, `Al massimo ${max} caratteri.`)
    .superRefine(characterRule(false));

/** A required text of several lines (notes, reasons): line breaks and tabs allowed. */
export const requiredMultilineText = (message = 'Campo obbligatorio.', max = 4000) =>
  z
    .string({ error: message })
    .trim()
    .min(1, message)
    .max(max, `Al massimo ${max} caratteri.`)
    .superRefine(characterRule(true));

export const emailField = (requiredMessage = "Inserisci l'indirizzo e-mail.") =>
  z
    .string({ error: requiredMessage })
    .trim()
    .min(1, requiredMessage)
    .max(254, 'Indirizzo e-mail troppo lungo.')
    .pipe(z.email("L'indirizzo e-mail non è valido: controlla che sia nella forma nome@dominio.it."));

/** A password: any printable character, spaces included; no control or bidirectional character. */
export const passwordField = (message = 'Inserisci la password.') =>
  z
    .string({ error: message })
    .min(1, message)
    .max(128, 'La password non può superare 128 caratteri.')
    .refine((v) => forbiddenCharacter(v, { multiline: false }) === undefined, {
      message:
        'La password non può contenere caratteri di controllo (a capo, tabulazioni…) o di direzione del testo.',
    });

export const checkbox = (message: string) => z.literal('1', { error: message });
