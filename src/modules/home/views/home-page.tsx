import { Layout, type TPageContext } from '../../../layout/layout.js';

/**
 * The home page: one section per kind of user, each saying whom it is for. No two links with the same text
 * lead to different places: the document area keeps the seed's «crea account» and «Password dimenticata»,
 * the portal's own registration and recovery say "del portale".
 */
export function HomePage({ ctx, loggedOut }: { ctx: TPageContext; loggedOut: boolean }) {
  return (
    <Layout ctx={ctx} title="Home">
      {loggedOut ? (
        <div class="alert alert-success" role="status">
          Sei uscito dall'area riservata.
        </div>
      ) : (
        ''
      )}
      <h1 safe>{ctx.tenant.name}</h1>
      <p class="lead">Servizi online per gli impianti termici e i procedimenti ambientali.</p>
      <section class="mb-5" aria-labelledby="ditte-manutentrici">
        <h2 id="ditte-manutentrici" class="h3">
          DITTE MANUTENTRICI
        </h2>
        <p>
          Registrazione delle ditte di manutenzione degli impianti termici (autodichiarazione ai sensi del DPR
          445/2000) e dei loro tecnici e del personale amministrativo, a cura del legale rappresentante.
        </p>
        <div class="d-flex flex-wrap gap-2">
          <a class="btn btn-primary" href="/ditte/registra">
            REGISTRA DITTA
          </a>
          <a class="btn btn-primary" href="/ditte/registra-tecnico">
            REGISTRA TECNICO
          </a>
          <a class="btn btn-outline-primary" href={ctx.viewer ? '/area-riservata' : '/accesso'}>
            Accesso tecnici e personale (area riservata)
          </a>
        </div>
      </section>
      <section class="mb-5" aria-labelledby="area-clienti-documenti">
        <h2 id="area-clienti-documenti" class="h3">
          AREA CLIENTI – DOCUMENTI
        </h2>
        <p>
          Per i clienti dell'ente (utenze private e con partita IVA) che ricevono bollette, avvisi e
          comunicazioni: crea l'account con il tuo indirizzo e-mail, che sarà il nome utente, associa la tua
          utenza con i dati della bolletta e scarica i documenti.
        </p>
        <div class="d-flex flex-wrap gap-3 align-items-center">
          <a class="btn btn-primary" href="/accesso?next=%2Farea-clienti%2Fassociazione">
            entra
          </a>
          <a href="/area-clienti/crea-account">crea account</a>
          <a href="/area-clienti/password-dimenticata">Password dimenticata</a>
        </div>
        <p class="mt-2 small">Hai già un account del portale? Vale anche qui: entra con quello.</p>
      </section>
      <section class="mb-5" aria-labelledby="bandi-contributi">
        <h2 id="bandi-contributi" class="h3">
          BANDI E CONTRIBUTI
        </h2>
        <p>
          Contributi a sportello per i cittadini, ad esempio per sostituire stufe e caminetti a biomasse:
          leggi il bando, prepara la domanda e inviala dall'apertura; i fondi vanno in ordine di arrivo.
        </p>
        <div class="d-flex flex-wrap gap-3 align-items-center">
          <a class="btn btn-primary" href="/bandi">
            Bandi aperti
          </a>
          <a href="/verifica-ricevuta">Verifica una ricevuta</a>
        </div>
      </section>
      <div class="row">
        <div class="col-md-6 mb-3">
          <div class="card card-bg">
            <div class="card-body">
              <h2 class="h4 card-title">Area riservata</h2>
              <p class="card-text">
                Per chi ha un account del portale (cittadini, tecnici e personale delle ditte, operatori
                dell'ente): accedi con nome utente e password.
              </p>
              {ctx.viewer ? (
                <a class="btn btn-primary" href="/area-riservata">
                  Vai all'area riservata
                </a>
              ) : (
                <a class="btn btn-primary" href="/accesso">
                  Accedi
                </a>
              )}
            </div>
          </div>
        </div>
        {ctx.viewer ? (
          ''
        ) : (
          <div class="col-md-6 mb-3">
            <div class="card card-bg">
              <div class="card-body">
                <h2 class="h4 card-title">Non hai un account del portale?</h2>
                <p class="card-text">
                  Per i cittadini che presentano domande di contributo: scegli nome utente e password e
                  conferma il tuo indirizzo con il codice che ti inviamo per e-mail. Le ditte e i loro tecnici
                  si registrano nella sezione «Ditte manutentrici»; i clienti che cercano le bollette,
                  nell'«Area clienti – documenti».
                </p>
                <a class="btn btn-outline-primary" href="/registrazione">
                  Registrati al portale
                </a>{' '}
                <a href="/password/recupero">Password del portale dimenticata?</a>
              </div>
            </div>
          </div>
        )}
      </div>
    </Layout>
  );
}
