import { CheckCodeField, type TCheckChallenge } from '../../../auth/check-code.js';
import { PASSWORD_POLICIES } from '../../../auth/password-policy.js';
import { PrivacyField, TextField, type TFormState } from '../../../layout/form-kit.js';
import type { TPageContext } from '../../../layout/layout.js';

/** The labels of the account forms, for the error summary. */
export const ACCOUNT_LABELS: Record<string, string> = {
  full_name: 'Nome e cognome',
  email: 'Email',
  email_confirm: 'Conferma Email',
  username: 'Nome Utente',
  password: 'Password',
  password_confirm: 'Conferma Password',
  privacy: 'Informativa sulla privacy',
  code: 'Codice di verifica',
  login: 'Nome Utente',
  current_password: 'Password attuale',
  new_password: 'Nuova password',
  new_password_confirm: 'Conferma nuova password',
  check_answer: 'Codice di controllo',
  role: 'Ruolo',
  initial_password: 'Password iniziale',
};

/** The tenant's password rules, as the hint of a new password. */
export function policyHint(ctx: TPageContext) {
  return `Requisiti: ${PASSWORD_POLICIES[ctx.tenant.passwordPolicy]}.`;
}

/** A new password (`name`) and its confirmation (`${name}_confirm`), with the tenant's password rules as hint. */
export function PasswordFields(p: {
  ctx: TPageContext;
  form: TFormState;
  name: string;
  label: string;
  confirmLabel: string;
}) {
  return (
    <>
      <TextField
        form={p.form}
        name={p.name}
        label={p.label}
        type="password"
        hint={policyHint(p.ctx)}
        required
        autocomplete="new-password"
      />
      <TextField
        form={p.form}
        name={`${p.name}_confirm`}
        label={p.confirmLabel}
        type="password"
        required
        autocomplete="new-password"
      />
    </>
  );
}

export const NEW_PASSWORD = {
  name: 'new_password',
  label: 'Nuova password',
  confirmLabel: 'Conferma nuova password',
} as const;

/** The repeated e-mail address of a sign-up form. */
export function EmailConfirmField({ form }: { form: TFormState }) {
  return (
    <TextField
      form={form}
      name="email_confirm"
      label="Conferma Email"
      type="email"
      required
      autocomplete="email"
    />
  );
}

/** What closes a sign-up form: the privacy consent and the check code. */
export function SignUpChecks(p: { ctx: TPageContext; form: TFormState; check: TCheckChallenge }) {
  return (
    <>
      <PrivacyField form={p.form} privacyUrl={p.ctx.tenant.privacyUrl} />
      <CheckCodeField challenge={p.check} error={p.form.errors.check_answer} />
    </>
  );
}

/** The 6-digit code sent by e-mail. */
export function VerificationCodeField({ form }: { form: TFormState }) {
  return (
    <TextField
      form={form}
      name="code"
      label="Codice di verifica"
      inputmode="numeric"
      autocomplete="one-time-code"
      maxlength={6}
      required
    />
  );
}

/** The password the user has now, asked before a change. */
export function CurrentPasswordField({ form, hint }: { form: TFormState; hint?: string }) {
  return (
    <TextField
      form={form}
      name="current_password"
      label="Password attuale"
      type="password"
      hint={hint}
      required
      autocomplete="current-password"
    />
  );
}

/** "Nome utente: …" above a form about that account. */
export function UsernameNote({ username }: { username: string }) {
  return (
    <p>
      Nome utente: <strong safe>{username}</strong>
    </p>
  );
}
