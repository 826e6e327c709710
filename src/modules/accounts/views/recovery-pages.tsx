import { CheckCodeField, type TCheckChallenge } from '../../../auth/check-code.js';
import { PostForm, TextField, type TFormState } from '../../../layout/form-kit.js';
import { Layout, type TPageContext } from '../../../layout/layout.js';
import {
  ACCOUNT_LABELS as LABELS,
  NEW_PASSWORD,
  PasswordFields,
  VerificationCodeField,
} from './form-parts.js';

/** The portal's "Password dimenticata?": a code by e-mail, then the code and a new password. */
export function RecoveryRequestPage({
  ctx,
  form,
  check,
}: {
  ctx: TPageContext;
  form: TFormState;
  check: TCheckChallenge;
}) {
  return (
    <Layout ctx={ctx} title="Password dimenticata">
      <h1>Password dimenticata</h1>
      <p>
        Inserisci il nome utente o l'indirizzo e-mail con cui ti sei registrato: riceverai un codice per
        impostare una nuova password.
      </p>
      <PostForm
        form={form}
        labels={LABELS}
        action="/password/recupero"
        csrfToken={ctx.csrfToken}
        submit="Invia codice"
      >
        <TextField form={form} name="login" label="Nome utente o e-mail" required autocomplete="username" />
        <CheckCodeField challenge={check} error={form.errors.check_answer} />
      </PostForm>
    </Layout>
  );
}

export function RecoveryResetPage({ ctx, form }: { ctx: TPageContext; form: TFormState }) {
  return (
    <Layout ctx={ctx} title="Imposta una nuova password">
      <h1>Imposta una nuova password</h1>
      <p>
        Se i dati inseriti corrispondono a un account, abbiamo inviato un codice all'indirizzo e-mail
        registrato. Il codice vale 15 minuti.
      </p>
      <PostForm
        form={form}
        labels={LABELS}
        action="/password/nuova"
        csrfToken={ctx.csrfToken}
        submit="Salva la nuova password"
      >
        <TextField form={form} name="login" label="Nome utente o e-mail" required autocomplete="username" />
        <VerificationCodeField form={form} />
        <PasswordFields ctx={ctx} form={form} {...NEW_PASSWORD} />
      </PostForm>
    </Layout>
  );
}
