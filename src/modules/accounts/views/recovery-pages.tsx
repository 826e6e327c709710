import { CheckCodeField, type TCheckChallenge } from '../../../auth/check-code.js';
import { TextField } from '../../../layout/form-kit.js';
import { FormPage, type TFormPageProps } from '../../../layout/form-page.js';
import {
  ACCOUNT_LABELS as LABELS,
  NEW_PASSWORD,
  PasswordFields,
  VerificationCodeField,
} from './form-parts.js';

/** The portal's "Password dimenticata?": a code by e-mail, then the code and a new password. */
export function RecoveryRequestPage({ ctx, form, check }: TFormPageProps & { check: TCheckChallenge }) {
  return (
    <FormPage
      ctx={ctx}
      title="Password dimenticata"
      intro={
        <p>
          Inserisci il nome utente o l'indirizzo e-mail con cui ti sei registrato: riceverai un codice per
          impostare una nuova password.
        </p>
      }
      form={form}
      labels={LABELS}
      action="/password/recupero"
      submit="Invia codice"
    >
      <TextField form={form} name="login" label="Nome utente o e-mail" required autocomplete="username" />
      <CheckCodeField challenge={check} error={form.errors.check_answer} />
    </FormPage>
  );
}

export function RecoveryResetPage({ ctx, form }: TFormPageProps) {
  return (
    <FormPage
      ctx={ctx}
      title="Imposta una nuova password"
      intro={
        <p>
          Se i dati inseriti corrispondono a un account, abbiamo inviato un codice all'indirizzo e-mail
          registrato. Il codice vale 15 minuti.
        </p>
      }
      form={form}
      labels={LABELS}
      action="/password/nuova"
      submit="Salva la nuova password"
    >
      <TextField form={form} name="login" label="Nome utente o e-mail" required autocomplete="username" />
      <VerificationCodeField form={form} />
      <PasswordFields ctx={ctx} form={form} {...NEW_PASSWORD} />
    </FormPage>
  );
}
