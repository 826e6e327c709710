import { z } from 'zod';
import type { TConfirmation } from '../../http/forms.js';
import { checkbox, emailField, passwordField, requiredText } from '../../http/zod-fields.js';

export const USERNAME_RULE = 'Da 3 a 40 caratteri tra lettere, cifre, punto, trattino e trattino basso.';

const username = requiredText('Scegli un nome utente.', 40).regex(/^[A-Za-z0-9._-]{3,40}$/, USERNAME_RULE);

export const ZRegistration = z.object({
  full_name: requiredText('Inserisci nome e cognome.', 120),
  email: emailField(),
  email_confirm: z
    .string({ error: "Ripeti l'indirizzo e-mail." })
    .trim()
    .min(1, "Ripeti l'indirizzo e-mail."),
  username,
  password: passwordField('Scegli una password.'),
  password_confirm: z.string({ error: 'Ripeti la password.' }).min(1, 'Ripeti la password.'),
  privacy: checkbox("Per registrarti devi accettare l'informativa sulla privacy."),
});
export const REGISTRATION_CONFIRMATIONS: TConfirmation[] = [
  {
    field: 'email',
    confirm: 'email_confirm',
    message: 'Le due e-mail non coincidono.',
    caseInsensitive: true,
  },
  { field: 'password', confirm: 'password_confirm', message: 'Le due password non coincidono.' },
];
export type TRegistrationForm = z.infer<typeof ZRegistration>;

export const ZCode = z.object({
  code: z
    .string({ error: 'Inserisci il codice ricevuto per e-mail.' })
    .trim()
    .regex(/^\d{6}$/, 'Il codice è formato da 6 cifre.'),
});

export const ZLogin = z.object({
  login: requiredText('Inserisci il nome utente.', 254),
  password: passwordField(),
});

export const ZNewPassword = z.object({
  new_password: passwordField('Inserisci la nuova password.'),
  new_password_confirm: z.string({ error: 'Ripeti la nuova password.' }).min(1, 'Ripeti la nuova password.'),
});
export const NEW_PASSWORD_CONFIRMATIONS: TConfirmation[] = [
  { field: 'new_password', confirm: 'new_password_confirm', message: 'Le due password non coincidono.' },
];

export const ZChangePassword = z
  .object({ current_password: passwordField('Inserisci la password attuale.') })
  .and(ZNewPassword);

export const ZRecoveryRequest = z.object({
  login: requiredText("Inserisci il nome utente o l'indirizzo e-mail.", 254),
});

export const ZRecoveryReset = z
  .object({
    login: requiredText("Inserisci il nome utente o l'indirizzo e-mail.", 254),
    code: ZCode.shape.code,
  })
  .and(ZNewPassword);

export const ZProfile = z.object({
  full_name: requiredText('Inserisci nome e cognome.', 120),
  email: emailField(),
  current_password: passwordField('Per salvare le modifiche inserisci la password attuale.'),
});

export const ZStaffAccount = z.object({
  full_name: requiredText('Inserisci nome e cognome.', 120),
  email: emailField(),
  username,
  role: z.enum(['officer', 'tenant_admin'], { error: 'Scegli il ruolo.' }),
  initial_password: passwordField('Scegli la password iniziale.'),
});
