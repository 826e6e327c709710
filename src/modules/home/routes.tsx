import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { TAppDeps } from '../../app-deps.js';
import { pageContext, sendHtml, type TSessionUi } from '../../http/request-context.js';
import { queryOf } from '../../http/route-input.js';
import { Layout } from '../../layout/layout.js';
import { HomePage } from './views/home-page.js';

/** `?uscita=1` after logout shows "Sei uscito dall'area riservata." */
const ZHomeQuery = z.object({ uscita: z.string().optional().catch(undefined) });

export async function homeRoutes(app: FastifyInstance, deps: TAppDeps & { ui: TSessionUi }) {
  app.get('/', async (req, reply) =>
    sendHtml(
      reply,
      <HomePage ctx={pageContext(req, reply, deps.ui)} loggedOut={queryOf(req, ZHomeQuery).uscita === '1'} />,
    ),
  );

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
