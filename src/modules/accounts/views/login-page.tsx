import { CheckCodeField, type TCheckChallenge } from '../../../auth/check-code.js';
import { TextField } from '../../../layout/form-kit.js';
import { FormPage, type TFormPageProps } from '../../../layout/form-page.js';
import { ACCOUNT_LABELS as LABELS } from './form-parts.js';

export function LoginPage({
  ctx,
  form,
  check,
  next,
}: TFormPageProps & { check: TCheckChallenge | null; next: string }) {
  return (
    <FormPage
      ctx={ctx}
      title="Accedi"
      heading="Accedi all'area riservata"
      form={form}
      labels={LABELS}
      action="/accesso"
      submit="Accedi"
      after={<LoginLinks next={next} />}
    >
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
    </FormPage>
  );
}

/** Sign-up and recovery: the document area's own (with the seed's labels) or the portal's. */
function LoginLinks({ next }: { next: string }) {
  return (
    <>
      {next.startsWith('/area-clienti') ? (
        // Entered from the document area ("entra").
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
    </>
  );
}
