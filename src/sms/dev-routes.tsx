import type { FastifyInstance } from 'fastify';
import type { TAppDeps } from '../app-deps.js';
import { pageContext, sendHtml, type TSessionUi } from '../http/request-context.js';
import { DevOutboxPage } from '../modules/dev/routes.js';
import { listSmsOutbox } from './sms-outbox.js';

/** Development only (never registered in production): the SMS outbox of the current tenant. */
export async function devSmsRoutes(app: FastifyInstance, deps: TAppDeps & { ui: TSessionUi }) {
  app.get('/dev/sms', async (req, reply) => {
    const rows = await listSmsOutbox(deps.db, req.tenant.id);
    return sendHtml(
      reply,
      <DevOutboxPage
        ctx={pageContext(req, reply, deps.ui)}
        title="SMS in uscita"
        intro="Senza un gestore SMS i messaggi restano nella coda di uscita e si leggono qui."
        recipientHeader="Numero"
        contentHeader="Testo"
        rows={rows}
        recipient={(r) => r.to_number}
        content={(r) => <td safe>{r.body}</td>}
      />,
    );
  });
}
