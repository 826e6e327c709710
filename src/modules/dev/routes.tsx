import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { TAppDeps } from '../../app-deps.js';
import { NotFoundError } from '../../http/errors.js';
import { pageContext, sendHtml, type TSessionUi } from '../../http/request-context.js';
import { paramsOf } from '../../http/route-input.js';
import { Layout, type TPageContext } from '../../layout/layout.js';
import { getOutboxMessage, listOutbox } from '../../mail/outbox.js';

/**
 * A development outbox page (mail or SMS): the latest messages of the tenant, one row each. `content`
 * renders the whole content cell and must escape what it shows.
 */
export function DevOutboxPage<T extends { created_at: Date; status: string }>(p: {
  ctx: TPageContext;
  title: string;
  intro: string;
  recipientHeader: string;
  contentHeader: string;
  rows: T[];
  recipient: (row: T) => string;
  content: (row: T) => JSX.Element;
}) {
  return (
    <Layout ctx={p.ctx} title={p.title}>
      <h1 safe>{`${p.title} (solo sviluppo)`}</h1>
      <p safe>{p.intro}</p>
      <table class="table">
        <caption>Messaggi più recenti</caption>
        <thead>
          <tr>
            <th scope="col">Data</th>
            <th scope="col" safe>
              {p.recipientHeader}
            </th>
            <th scope="col" safe>
              {p.contentHeader}
            </th>
            <th scope="col">Stato</th>
          </tr>
        </thead>
        <tbody>
          {p.rows.map((r) => (
            <tr>
              <td safe>{r.created_at.toLocaleString('it-IT', { timeZone: 'Europe/Rome' })}</td>
              <td safe>{p.recipient(r)}</td>
              {p.content(r) as 'safe'}
              <td safe>{r.status}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}

/** A message of the outbox by its number (mail_outbox.id is a bigint). */
const ZMessageParams = z.object({ id: z.string().regex(/^\d{1,18}$/) });

/** Development only (never registered in production): the outbox of the current tenant, readable. */
export async function devMailboxRoutes(app: FastifyInstance, deps: TAppDeps & { ui: TSessionUi }) {
  app.get('/dev/mailbox', async (req, reply) => {
    const rows = await listOutbox(deps.db, req.tenant.id);
    return sendHtml(
      reply,
      <DevOutboxPage
        ctx={pageContext(req, reply, deps.ui)}
        title="Posta in uscita"
        intro="Senza SMTP_URL le e-mail restano nella coda di uscita e si leggono qui."
        recipientHeader="Destinatario"
        contentHeader="Oggetto"
        rows={rows}
        recipient={(r) => r.to_address}
        content={(r) => (
          <td>
            <a href={`/dev/mailbox/${r.id}`} safe>
              {r.subject}
            </a>
          </td>
        )}
      />,
    );
  });

  app.get('/dev/mailbox/:id', async (req, reply) => {
    const row = await getOutboxMessage(deps.db, req.tenant.id, paramsOf(req, ZMessageParams).id);
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
