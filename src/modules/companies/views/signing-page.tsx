import type { TDeclarationSection } from '../../../db/schema.js';
import { CsrfField } from '../../../layout/form-kit.js';
import { Layout, type TPageContext } from '../../../layout/layout.js';
import { DPR_445_TEXT } from '../self-declaration.js';

export function DeclarationTable({ sections }: { sections: readonly TDeclarationSection[] }) {
  return (
    <>
      {sections.map((s) => (
        <table class="table table-sm mb-4">
          <caption safe>{s.title}</caption>
          <tbody>
            {s.rows.map(([label, value]) => (
              <tr>
                <th scope="row" class="w-50" safe>
                  {label}
                </th>
                <td safe>{value || '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </>
  );
}

export function SigningPage({
  ctx,
  token,
  registrationNumber,
  businessName,
  sections,
  receiptHash,
}: {
  ctx: TPageContext;
  token: string;
  registrationNumber: string;
  businessName: string;
  sections: readonly TDeclarationSection[];
  receiptHash: string;
}) {
  return (
    <Layout ctx={ctx} title="Firma dell'autodichiarazione">
      <h1>Firma dell'autodichiarazione</h1>
      <p>
        Registrazione n. <strong safe>{registrationNumber}</strong> – <span safe>{businessName}</span>.
        Controlla i dati dichiarati: firmando confermi la registrazione.
      </p>
      <DeclarationTable sections={sections} />
      <div class="callout">
        <div class="callout-title">Dichiarazione ai sensi del DPR 445/2000</div>
        <p safe>{DPR_445_TEXT}</p>
      </div>
      <p class="small">
        Impronta SHA-256 della ricevuta: <code safe>{receiptHash}</code>
      </p>
      <form method="post" action="/ditte/firma">
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="token" value={token} />
        <button type="submit" class="btn btn-primary">
          Firma e conferma la registrazione
        </button>
      </form>
    </Layout>
  );
}

/** Asks for a new signing link (reached from the page of a used or expired one). */
export function SigningLinkResendPage({ ctx, token }: { ctx: TPageContext; token: string }) {
  return (
    <Layout ctx={ctx} title="Nuovo collegamento per la firma">
      <h1>Nuovo collegamento per la firma</h1>
      <form method="post" action="/ditte/firma/nuovo-link">
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="token" value={token} />
        <p>
          Se la registrazione non è ancora firmata, possiamo inviare un nuovo collegamento all'indirizzo
          e-mail del Legale Rappresentante.
        </p>
        <button type="submit" class="btn btn-primary">
          Invia un nuovo link
        </button>
      </form>
    </Layout>
  );
}

/** The same answer whatever happened: a new link goes only to the legal representative's address. */
export function SigningLinkResentPage({ ctx }: { ctx: TPageContext }) {
  return (
    <Layout ctx={ctx} title="Collegamento non più valido">
      <h1>Collegamento non più valido</h1>
      <div class="alert alert-warning" role="alert">
        Se la registrazione è ancora in attesa di firma, abbiamo inviato un nuovo collegamento all'indirizzo
        e-mail del Legale Rappresentante.
      </div>
    </Layout>
  );
}

export function SignedPage({ ctx, registrationNumber }: { ctx: TPageContext; registrationNumber: string }) {
  return (
    <Layout ctx={ctx} title="Registrazione confermata">
      <div class="alert alert-success" role="status">
        <h1 class="h3">Autodichiarazione firmata: registrazione confermata.</h1>
        <p class="mb-0">
          La ditta con registrazione n. <strong safe>{registrationNumber}</strong> risulta registrata.
        </p>
      </div>
      <p>
        Ora il Legale Rappresentante può registrare i tecnici e il personale amministrativo con{' '}
        <a href="/ditte/registra-tecnico">REGISTRA TECNICO</a>. Per l'attivazione contattare l'autorità
        competente all'indirizzo e-mail <strong safe>{ctx.tenant.activationEmail}</strong>.
      </p>
    </Layout>
  );
}
