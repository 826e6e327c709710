import type { TCheckChallenge } from '../../../auth/check-code.js';
import { CsrfField, RequiredNote, TextField } from '../../../layout/form-kit.js';
import { FormPage, type TFormPageProps } from '../../../layout/form-page.js';
import { USERNAME_RULE } from '../schemas.js';
import {
  ACCOUNT_LABELS as LABELS,
  EmailConfirmField,
  PasswordFields,
  SignUpChecks,
  VerificationCodeField,
} from './form-parts.js';

/** The portal's registration: "Crea account", then the 6-digit code that proves the address. */
export function RegisterPage({ ctx, form, check }: TFormPageProps & { check: TCheckChallenge }) {
  return (
    <FormPage
      ctx={ctx}
      title="Crea account"
      intro={
        <p>
          Dopo la registrazione riceverai per e-mail un codice di 6 cifre per confermare il tuo indirizzo.
        </p>
      }
      form={form}
      labels={LABELS}
      action="/registrazione"
      submit="Registra"
    >
      <RequiredNote />
      <TextField form={form} name="full_name" label="Nome e cognome" required autocomplete="name" />
      <TextField form={form} name="email" label="Email" type="email" required autocomplete="email" />
      <EmailConfirmField form={form} />
      <TextField
        form={form}
        name="username"
        label="Nome Utente"
        hint={USERNAME_RULE}
        required
        autocomplete="username"
      />
      <PasswordFields
        ctx={ctx}
        form={form}
        name="password"
        label="Password"
        confirmLabel="Conferma Password"
      />
      <SignUpChecks ctx={ctx} form={form} check={check} />
    </FormPage>
  );
}

export function VerifyEmailPage({ ctx, form }: TFormPageProps) {
  return (
    <FormPage
      ctx={ctx}
      title="Verifica e-mail"
      heading="Verifica il tuo indirizzo e-mail"
      intro={
        <p>
          Ti abbiamo inviato un codice di 6 cifre. Il codice vale 15 minuti: se non lo trovi, controlla la
          cartella della posta indesiderata.
        </p>
      }
      form={form}
      labels={LABELS}
      action="/registrazione/verifica"
      submit="Verifica"
      after={
        <form method="post" action="/registrazione/nuovo-codice" class="mt-4">
          <CsrfField token={ctx.csrfToken} />
          <button type="submit" class="btn btn-outline-primary">
            Invia un nuovo codice
          </button>
        </form>
      }
    >
      <VerificationCodeField form={form} />
    </FormPage>
  );
}
