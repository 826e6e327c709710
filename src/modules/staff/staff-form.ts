import { z } from 'zod';
import { checkPassword, type TPasswordPolicyId } from '../../auth/password-policy.js';
import { checkbox, emailField, passwordField, requiredText } from '../../http/zod-fields.js';
import { isPersonTaxCode, normaliseTaxCode, TAX_CODE_MESSAGES } from '../../italian/codice-fiscale.js';
import { USERNAME_RULE } from '../accounts/schemas.js';
import {
  readCertifications,
  STAFF_CERTIFICATIONS,
  type TCertificationInput,
} from '../companies/certifications.js';

/** Labels of section 2.2 of the ThermoNET guide, by form field. The form, the error summary and the receipt use them. */
export const STAFF_LABELS = {
  lr_full_name: 'Cognome e Nome',
  lr_tax_code: 'Codice Fiscale',
  company_id: 'Selezionare la ditta di appartenenza',
  staff_full_name: 'Cognome e Nome',
  staff_tax_code: 'Codice Fiscale',
  user_email: 'Email Utente',
  user_email_confirm: 'Conferma Email',
  job_type: 'Tipo Impiego',
  user_type: 'Tipo Utente',
  username: 'Nome Utente',
  password: 'Password',
  password_confirm: 'Conferma Password',
  send_email_to_user: "Invia Email di registrazione all'utente",
  privacy: 'Informativa sulla privacy',
} as const;

/** Tipo Impiego and Tipo Utente, with the explanations of the guide. */
export const JOB_TYPES = {
  tecnico: { label: 'Tecnico', explanation: 'Tecnico: abilitato alla firma degli RCEE' },
  amministrativo: {
    label: 'Amministrativo',
    explanation: 'Amministrativo: abilitato solo al caricamento dati',
  },
} as const;

export const USER_TYPES = {
  privato: { label: 'Privato', explanation: 'Privato: accesso esclusivo agli RCEE personali' },
  supervisore: { label: 'Supervisore', explanation: 'Supervisore: accesso a tutti gli RCEE aziendali' },
} as const;

/**
 * One answer for "no such company", "not signed", "another tenant's" and "not its legal representative":
 * it tells nothing about which companies exist or who represents them.
 */
export const COMPANY_MISMATCH_MESSAGE =
  'Il codice fiscale del Legale Rappresentante non corrisponde alla ditta selezionata.';

export type TJobType = keyof typeof JOB_TYPES;
export type TUserType = keyof typeof USER_TYPES;

const taxCode = (requiredMessage: string) =>
  z
    .string({ error: requiredMessage })
    .trim()
    .min(1, requiredMessage)
    .transform(normaliseTaxCode)
    .refine(isPersonTaxCode, TAX_CODE_MESSAGES.person);

export const ZStaffRegistration = z.object({
  lr_full_name: requiredText('Inserisci cognome e nome del legale rappresentante.', 120),
  lr_tax_code: taxCode('Inserisci il codice fiscale del legale rappresentante.'),
  company_id: z
    .string({ error: 'Seleziona la ditta di appartenenza.' })
    .trim()
    .min(1, 'Seleziona la ditta di appartenenza.')
    // An id that is not a UUID names no company: the same neutral answer as any other.
    .pipe(z.uuid(COMPANY_MISMATCH_MESSAGE)),
  staff_full_name: requiredText('Inserisci cognome e nome del dipendente.', 120),
  staff_tax_code: taxCode('Inserisci il codice fiscale del dipendente.'),
  user_email: emailField("Inserisci l'indirizzo e-mail dell'utente."),
  user_email_confirm: z
    .string({ error: "Ripeti l'indirizzo e-mail dell'utente." })
    .trim()
    .min(1, "Ripeti l'indirizzo e-mail dell'utente."),
  job_type: z.enum(['tecnico', 'amministrativo'], {
    error: 'Scegli il tipo di impiego: Tecnico o Amministrativo.',
  }),
  user_type: z.enum(['privato', 'supervisore'], {
    error: 'Scegli il tipo di utente: Privato o Supervisore.',
  }),
  username: requiredText('Scegli il nome utente.', 40).regex(/^[A-Za-z0-9._-]{3,40}$/, USERNAME_RULE),
  password: passwordField('Scegli la password.'),
  password_confirm: z.string({ error: 'Ripeti la password.' }).min(1, 'Ripeti la password.'),
  send_email_to_user: z.string().optional(),
  privacy: checkbox("Per registrare l'utente devi accettare l'informativa sulla privacy."),
});

export type TStaffDeclaration = {
  lrFullName: string;
  lrTaxCode: string;
  companyId: string;
  staffFullName: string;
  staffTaxCode: string;
  email: string;
  jobType: TJobType;
  userType: TUserType;
  username: string;
  password: string;
  sendEmailToUser: boolean;
  certifications: TCertificationInput[];
};

/**
 * Reads section 2.2 from the form: zod for each field, then the rules that involve several fields or the
 * tenant (e-mail and password confirmation, password policy, certification dates). One Italian message
 * per field. Whether the company exists and the legal representative is its own is for the use case.
 */
export function readStaffRegistration(
  values: Record<string, string>,
  policy: TPasswordPolicyId,
): { ok: true; declaration: TStaffDeclaration } | { ok: false; errors: Record<string, string> } {
  const parsed = ZStaffRegistration.safeParse(values);
  const errors: Record<string, string> = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
  }
  const email = (values.user_email ?? '').trim().toLowerCase();
  const confirm = (values.user_email_confirm ?? '').trim().toLowerCase();
  if (email && confirm && email !== confirm) errors.user_email_confirm ??= 'Le due e-mail non coincidono.';

  const password = values.password ?? '';
  if (password) {
    const pw = checkPassword(policy, password);
    if (pw.length > 0) errors.password ??= pw.join(' ');
  }
  const passwordConfirm = values.password_confirm ?? '';
  if (password && passwordConfirm && password !== passwordConfirm)
    errors.password_confirm ??= 'Le due password non coincidono.';

  const certs = readCertifications(STAFF_CERTIFICATIONS, values);
  for (const [k, v] of Object.entries(certs.errors)) errors[k] ??= v;

  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors };
  const d = parsed.data;
  return {
    ok: true,
    declaration: {
      lrFullName: d.lr_full_name,
      lrTaxCode: d.lr_tax_code,
      companyId: d.company_id,
      staffFullName: d.staff_full_name,
      staffTaxCode: d.staff_tax_code,
      email: d.user_email,
      jobType: d.job_type,
      userType: d.user_type,
      username: d.username,
      password: d.password,
      sendEmailToUser: d.send_email_to_user === '1',
      certifications: certs.certifications,
    },
  };
}
