import { CheckCodeField, type TCheckChallenge } from '../../../../auth/check-code.js';
import { RequiredNote, TextField } from '../../../../layout/form-kit.js';
import { FormPage, type TFormPageProps } from '../../../../layout/form-page.js';
import { Layout, type TPageContext } from '../../../../layout/layout.js';
import {
  EmailConfirmField,
  NEW_PASSWORD,
  PasswordFields,
  SignUpChecks,
  UsernameNote,
} from '../../../accounts/views/form-parts.js';

const LABELS: Record<string, string> = {
  first_name: 'Nome',
  last_name: 'Cognome',
  email: 'Email',
  email_confirm: 'Conferma Email',
  mobile: 'Cellulare',
  privacy: 'Informativa sulla privacy',
  check_answer: 'Codice di controllo',
  new_password: 'Nuova password',
  new_password_confirm: 'Conferma nuova password',
};

export function CreateAccountPage({ ctx, form, check }: TFormPageProps & { check: TCheckChallenge }) {
  return (
    <FormPage
      ctx={ctx}
      title="Crea account – Area clienti"
      heading="Crea account"
      intro={
        <p>
          Il nome utente è il tuo indirizzo e-mail. Dopo il salvataggio riceverai per e-mail un collegamento
          per attivare l'account e scegliere la password.
        </p>
      }
      form={form}
      labels={LABELS}
      action="/area-clienti/crea-account"
      submit="salva"
    >
      <RequiredNote />
      <TextField form={form} name="first_name" label="Nome" required autocomplete="given-name" />
      <TextField form={form} name="last_name" label="Cognome" required autocomplete="family-name" />
      <TextField
        form={form}
        name="email"
        label="Email"
        type="email"
        hint="Sarà il tuo nome utente."
        required
        autocomplete="email"
      />
      <EmailConfirmField form={form} />
      <TextField
        form={form}
        name="mobile"
        label="Cellulare"
        type="tel"
        inputmode="tel"
        hint="Facoltativo. Un cellulare italiano, per esempio 333 1234567: ti avviseremo con un SMS."
        autocomplete="tel"
      />
      <SignUpChecks ctx={ctx} form={form} check={check} />
    </FormPage>
  );
}

export function AccountCreatedPage({ ctx, email }: { ctx: TPageContext; email: string }) {
  return (
    <Layout ctx={ctx} title="Account creato – Area clienti">
      <h1>Account creato</h1>
      <div class="alert alert-success" role="status">
        Ti abbiamo inviato un'e-mail all'indirizzo <strong safe>{email}</strong> con il collegamento per
        attivare l'account e scegliere la password.
      </div>
      <p>
        Il collegamento vale 24 ore. Se non trovi l'e-mail controlla la cartella della posta indesiderata,
        oppure chiedi un nuovo collegamento con{' '}
        <a href="/area-clienti/password-dimenticata">Password dimenticata</a>.
      </p>
    </Layout>
  );
}

export function SetPasswordPage({
  ctx,
  form,
  action,
  token,
  email,
}: TFormPageProps & { action: string; token: string; email: string }) {
  return (
    <FormPage
      ctx={ctx}
      title="Imposta la password"
      intro={<UsernameNote username={email} />}
      form={form}
      labels={LABELS}
      action={action}
      submit="Salva la password"
    >
      <input type="hidden" name="token" value={token} />
      <input type="hidden" name="username" value={email} autocomplete="username" />
      <RequiredNote />
      <PasswordFields ctx={ctx} form={form} {...NEW_PASSWORD} />
    </FormPage>
  );
}

export function ForgotPasswordPage({
  ctx,
  form,
  check,
  sent,
}: TFormPageProps & { check: TCheckChallenge; sent: boolean }) {
  return (
    <FormPage
      ctx={ctx}
      title="Password dimenticata – Area clienti"
      heading="Password dimenticata"
      intro={
        <>
          {sent ? (
            <div class="alert alert-success" role="status">
              Se l'indirizzo corrisponde a un account, ti abbiamo inviato un'e-mail con il collegamento per
              impostare una nuova password. Il collegamento vale un'ora e si può usare una sola volta.
            </div>
          ) : (
            ''
          )}
          <p>
            Inserisci l'indirizzo e-mail usato per la registrazione e il codice di controllo: riceverai
            un'e-mail con un collegamento per impostare una nuova password.
          </p>
        </>
      }
      form={form}
      labels={LABELS}
      action="/area-clienti/password-dimenticata"
      submit="invia nuova password"
    >
      <RequiredNote />
      <TextField form={form} name="email" label="Email" type="email" required autocomplete="email" />
      <CheckCodeField challenge={check} error={form.errors.check_answer} />
    </FormPage>
  );
}
