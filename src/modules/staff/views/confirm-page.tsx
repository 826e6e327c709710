import { CsrfField } from '../../../layout/form-kit.js';
import { Layout, type TPageContext } from '../../../layout/layout.js';
import { JOB_TYPES, USER_TYPES } from '../staff-form.js';

export type TStaffSummary = {
  registrationNumber: string;
  businessName: string;
  fullName: string;
  taxCode: string;
  email: string;
  jobType: string;
  userType: string;
  username: string;
};

const explain = (table: Record<string, { explanation: string }>, key: string) =>
  table[key]?.explanation ?? key;

export function StaffConfirmPage({ ctx, token, s }: { ctx: TPageContext; token: string; s: TStaffSummary }) {
  const rows: Array<[string, string]> = [
    ['Numero di registrazione', s.registrationNumber],
    ['Ditta', s.businessName],
    ['Cognome e Nome', s.fullName],
    ['Codice Fiscale', s.taxCode],
    ['Email Utente', s.email],
    ['Tipo Impiego', explain(JOB_TYPES, s.jobType)],
    ['Tipo Utente', explain(USER_TYPES, s.userType)],
    ['Nome Utente', s.username],
  ];
  return (
    <Layout ctx={ctx} title="Conferma della registrazione del tecnico">
      <h1>Conferma della registrazione del tecnico</h1>
      <p>
        Come Legale Rappresentante della ditta, conferma di aver registrato tu questa persona. Se non l'hai
        registrata tu, non confermare e avvisa l'autorità competente all'indirizzo{' '}
        <strong safe>{ctx.tenant.activationEmail}</strong>.
      </p>
      <table class="table table-sm mb-4">
        <caption>Dati della registrazione</caption>
        <tbody>
          {rows.map(([label, value]) => (
            <tr>
              <th scope="row" class="w-50" safe>
                {label}
              </th>
              <td safe>{value || '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form method="post" action="/ditte/conferma-tecnico">
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="token" value={token} />
        <button type="submit" class="btn btn-primary">
          Confermo la registrazione
        </button>
      </form>
    </Layout>
  );
}

export function StaffConfirmedPage({
  ctx,
  registrationNumber,
}: {
  ctx: TPageContext;
  registrationNumber: string;
}) {
  return (
    <Layout ctx={ctx} title="Registrazione confermata">
      <div class="alert alert-success" role="status">
        <h1 class="h3">Registrazione del tecnico confermata.</h1>
        <p class="mb-0">
          Hai confermato la registrazione n. <strong safe>{registrationNumber}</strong>.
        </p>
      </div>
      <p>
        L'utente potrà accedere dopo l'attivazione da parte dell'autorità competente. Per l'attivazione
        contattare l'autorità competente all'indirizzo e-mail{' '}
        <strong safe>{ctx.tenant.activationEmail}</strong>.
      </p>
    </Layout>
  );
}
