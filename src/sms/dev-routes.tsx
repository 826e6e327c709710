import type { FastifyInstance } from 'fastify';
import type { TAppDeps } from '../app-deps.js';
import { pageContext, sendHtml, type TSessionUi } from '../http/request-context.js';
import { Layout } from '../layout/layout.js';
import { listSmsOutbox } from './sms-outbox.js';

/** Development only (never registered in production): the SMS outbox of the current tenant. */
export async function devSmsRoutes(app: FastifyInstance, deps: TAppDeps & { ui: TSessionUi }) {
  app.get('/dev/sms', async (req, reply) => {
    const rows = await listSmsOutbox(deps.db, req.tenant.id);
    return sendHtml(
      reply,
      <Layout ctx={pageContext(req, reply, deps.ui)} title="SMS in uscita">
        <h1>SMS in uscita (solo sviluppo)</h1>
        <p>Senza un gestore SMS i messaggi restano nella coda di uscita e si leggono qui.</p>
        <table class="table">
          <caption>Messaggi più recenti</caption>
          <thead>
            <tr>
              <th scope="col">Data</th>
              <th scope="col">Numero</th>
              <th scope="col">Testo</th>
              <th scope="col">Stato</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <td safe>{r.created_at.toLocaleString('it-IT', { timeZone: 'Europe/Rome' })}</td>
                <td safe>{r.to_number}</td>
                <td safe>{r.body}</td>
                <td safe>{r.status}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Layout>,
    );
  });
}
