import { z } from 'zod';
import type { TConfirmation } from '../../../http/forms.js';
import { checkbox, emailField, requiredText } from '../../../http/zod-fields.js';
import { MOBILE_MESSAGE, normaliseItalianMobile } from '../../../sms/sms-outbox.js';

export const ZCreateAccount = z.object({
  first_name: requiredText('Inserisci il nome.', 60),
  last_name: requiredText('Inserisci il cognome.', 60),
  email: emailField(),
  email_confirm: z
    .string({ error: "Ripeti l'indirizzo e-mail." })
    .trim()
    .min(1, "Ripeti l'indirizzo e-mail."),
  mobile: z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (!v) return null;
      const n = normaliseItalianMobile(v);
      if (!n) ctx.addIssue({ code: 'custom', message: MOBILE_MESSAGE });
      return n ?? null;
    }),
  privacy: checkbox("Per creare l'account devi accettare l'informativa sulla privacy."),
});
export const CREATE_ACCOUNT_CONFIRMATIONS: TConfirmation[] = [
  {
    field: 'email',
    confirm: 'email_confirm',
    message: 'Le due e-mail non coincidono.',
    caseInsensitive: true,
  },
];

export const ZForgotPassword = z.object({ email: emailField() });

export const ZAssociation = z.object({
  customer_name: requiredText('Inserisci il nome del cliente come è scritto in bolletta.', 200),
  customer_type: z.enum(['privato', 'partita_iva'], {
    error: 'Scegli il tipo di utenza: privata o partita IVA.',
  }),
  customer_code: requiredText('Inserisci il codice cliente riportato in bolletta.', 40),
  tax_code: requiredText('Inserisci il codice fiscale o la partita IVA.', 20),
});
