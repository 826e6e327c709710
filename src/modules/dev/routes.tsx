import type { FastifyInstance } from 'fastify';
import type { TAppDeps } from '../../app-deps.js';
import { NotFoundError } from '../../http/errors.js';
import { pageContext, sendHtml, type TSessionUi } from '../../http/request-context.js';
import { Layout } from '../../layout/layout.js';
import { getOutboxMessage, listOutbox } from '../../mail/outbox.js';

/** Development only (never registered in production): the outbox of the current tenant, readable. */
export async function devMailboxRoutes(app: FastifyInstance, deps: TAppDeps & { ui: TSessionUi }) {
  app.get('/dev/mailbox', async (req, reply) => {
    const rows = await listOutbox(deps.db, req.tenant.id);
    return sendHtml(
      reply,
      <Layout ctx={pageContext(req, reply, deps.ui)} title="Posta in uscita">
        <h1>Posta in uscita (solo sviluppo)</h1>
        <p>Senza SMTP_URL le e-mail restano nella coda di uscita e si leggono qui.</p>
        <table class="table">
          <caption>Messaggi più recenti</caption>
          <thead>
            <tr>
              <th scope="col">Data</th>
              <th scope="col">Destinatario</th>
              <th scope="col">Oggetto</th>
              <th scope="col">Stato</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <td safe>{r.created_at.toLocaleString('it-IT', { timeZone: 'Europe/Rome' })}</td>
                <td safe>{r.to_address}</td>
                <td>
                  <a href={`/dev/mailbox/${r.id}`} safe>
                    {r.subject}
                  </a>
                </td>
                <td safe>{r.status}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Layout>,
    );
  });

  app.get<{ Params: { id: string } }>('/dev/mailbox/:id', async (req, reply) => {
    if (!/^\d+$/.test(req.params.id)) throw new NotFoundError();
    const row = await getOutboxMessage(deps.db, req.tenant.id, req.params.id);
    if (!row) throw new NotFoundError();
    return sendHtml(
      reply,
      <Layout ctx={pageContext(req, reply, deps.ui)} title={row.subject}>
        <h1 safe>{row.subject}</h1>
        <p>
          A: <span safe>{row.to_address}</span>
        </p>
        <pre class="border p-3" style="white-space: pre-wrap" safe>
          {row.text_body}
        </pre>
        {row.attachments.length > 0 ? (
          <p>
            Allegati: <span safe>{row.attachments.map((a) => a.filename).join(', ')}</span>
          </p>
        ) : (
          ''
        )}
        <a href="/dev/mailbox">Torna alla posta in uscita</a>
      </Layout>,
    );
  });
}
