import type { FastifyInstance } from 'fastify';
import type { TAppDeps } from '../../app-deps.js';
import { pageContext, sendHtml, type TSessionUi } from '../../http/request-context.js';
import { Layout } from '../../layout/layout.js';

export async function homeRoutes(app: FastifyInstance, deps: TAppDeps & { ui: TSessionUi }) {
  app.get('/', async (req, reply) => {
    const ctx = pageContext(req, reply, deps.ui);
    const loggedOut = (req.query as Record<string, unknown>).uscita === '1';
    return sendHtml(
      reply,
      <Layout ctx={ctx} title="Home">
        {loggedOut ? (
          <div class="alert alert-success" role="status">
            Sei uscito dall'area riservata.
          </div>
        ) : (
          ''
        )}
        <h1 safe>{req.tenant.name}</h1>
        <p class="lead">Servizi online per gli impianti termici e i procedimenti ambientali.</p>
        <section class="mb-5" aria-labelledby="ditte-manutentrici">
          <h2 id="ditte-manutentrici" class="h3">
            DITTE MANUTENTRICI
          </h2>
          <p>
            Registrazione delle ditte di manutenzione degli impianti termici (autodichiarazione ai sensi del
            DPR 445/2000) e dei loro tecnici e del personale amministrativo, a cura del legale rappresentante.
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
          <p>Bollette, avvisi e comunicazioni dell'ente: associa la tua utenza e scarica i documenti.</p>
          <div class="d-flex flex-wrap gap-3 align-items-center">
            <a class="btn btn-primary" href="/accesso?next=%2Farea-clienti%2Fassociazione">
              entra
            </a>
            {/* A button, not a link: the citizens' card below already has a "Crea account" link. */}
            <form method="get" action="/area-clienti/crea-account">
              <button type="submit" class="btn btn-outline-primary">
                crea account
              </button>
            </form>
            <a href="/area-clienti/password-dimenticata">Password dimenticata</a>
          </div>
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
                <p class="card-text">Accedi con nome utente e password.</p>
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
                  <h2 class="h4 card-title">Non hai un account?</h2>
                  <p class="card-text">Registrati con il tuo indirizzo e-mail.</p>
                  <a class="btn btn-outline-primary" href="/registrazione">
                    Crea account
                  </a>{' '}
                  <a href="/password/recupero">Password dimenticata?</a>
                </div>
              </div>
            </div>
          )}
        </div>
      </Layout>,
    );
  });

  app.get('/privacy', async (req, reply) =>
    sendHtml(
      reply,
      <Layout ctx={pageContext(req, reply, deps.ui)} title="Informativa sulla privacy">
        <h1>Informativa sulla privacy</h1>
        <p>
          Titolare del trattamento: <span safe>{req.tenant.name}</span>. I dati personali inseriti nel portale
          sono trattati ai sensi del Regolamento (UE) 2016/679 (GDPR) e del D.Lgs. 196/2003 esclusivamente per
          lo svolgimento dei procedimenti richiesti.
        </p>
        <p>
          Per esercitare i diritti previsti dagli articoli 15-22 del GDPR scrivi a{' '}
          <a href={`mailto:${req.tenant.activationEmail}`} safe>
            {req.tenant.activationEmail}
          </a>
          .
        </p>
      </Layout>,
    ),
  );

  app.get('/dichiarazione-accessibilita', async (req, reply) =>
    sendHtml(
      reply,
      <Layout ctx={pageContext(req, reply, deps.ui)} title="Dichiarazione di accessibilità">
        <h1>Dichiarazione di accessibilità</h1>
        <p>
          Il portale è progettato per essere conforme alle WCAG 2.1 livello AA e funziona anche senza
          JavaScript. Per segnalare problemi di accessibilità scrivi a{' '}
          <a href={`mailto:${req.tenant.activationEmail}`} safe>
            {req.tenant.activationEmail}
          </a>
          .
        </p>
      </Layout>,
    ),
  );
}
