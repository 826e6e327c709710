import { z } from 'zod';

/** Reusable form fields with Italian messages. Empty form fields arrive as '' or not at all. */

export const requiredText = (message = 'Campo obbligatorio.', max = 200) =>
  z.string({ error: message }).trim().min(1, message).max(max, `Al massimo ${max} caratteri.`);

export const emailField = (requiredMessage = "Inserisci l'indirizzo e-mail.") =>
  z
    .string({ error: requiredMessage })
    .trim()
    .min(1, requiredMessage)
    .max(254, 'Indirizzo e-mail troppo lungo.')
    .pipe(z.email("L'indirizzo e-mail non è valido: controlla che sia nella forma nome@dominio.it."));

export const passwordField = (message = 'Inserisci la password.') =>
  z.string({ error: message }).min(1, message).max(128, 'La password non può superare 128 caratteri.');

export const checkbox = (message: string) => z.literal('1', { error: message });
