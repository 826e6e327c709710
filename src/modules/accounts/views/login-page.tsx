import { CheckCodeField, type TCheckChallenge } from '../../../auth/check-code.js';
import { PostForm, TextField, type TFormState } from '../../../layout/form-kit.js';
import { Layout, type TPageContext } from '../../../layout/layout.js';
import { ACCOUNT_LABELS as LABELS } from './form-parts.js';

export function LoginPage({
  ctx,
  form,
  check,
  next,
}: {
  ctx: TPageContext;
  form: TFormState;
  check: TCheckChallenge | null;
  next: string;
}) {
  return (
    <Layout ctx={ctx} title="Accedi">
      <h1>Accedi all'area riservata</h1>
      <PostForm form={form} labels={LABELS} action="/accesso" csrfToken={ctx.csrfToken} submit="Accedi">
        <input type="hidden" name="next" value={next} />
        <TextField
          form={form}
          name="login"
          label="Nome Utente"
          hint={ctx.tenant.loginByEmail ? "Puoi usare anche l'indirizzo e-mail." : undefined}
          required
          autocomplete="username"
        />
        <TextField
          form={form}
          name="password"
          label="Password"
          type="password"
          required
          autocomplete="current-password"
        />
        {check ? <CheckCodeField challenge={check} error={form.errors.check_answer} /> : ''}
      </PostForm>
      {next.startsWith('/area-clienti') ? (
        // Entered from the document area ("entra"): its own sign-up and recovery, with the seed's labels.
        <ul class="list-unstyled mt-4">
          <li>
            <a href="/area-clienti/crea-account">crea account</a>
          </li>
          <li>
            <a href="/area-clienti/password-dimenticata">Password dimenticata</a>
          </li>
        </ul>
      ) : (
        <ul class="list-unstyled mt-4">
          <li>
            <a href="/registrazione">Crea account</a>
          </li>
          <li>
            <a href="/password/recupero">Password dimenticata?</a>
          </li>
        </ul>
      )}
    </Layout>
  );
}
