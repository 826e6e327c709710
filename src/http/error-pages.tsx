import { escapeHtml } from '@kitajs/html';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from '../db/db-errors.js';
import { Layout } from '../layout/layout.js';
import { DomainError, LinkExpiredError, NotFoundError, ServiceBusyError } from './errors.js';
import { pageContext, sendHtml, type TSessionUi } from './request-context.js';

function wantsJson(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/') || (request.headers.accept ?? '').startsWith('application/json');
}

/**
 * The page drawn without the layout (a host that names no tenant, or a layout that failed). Title and message are escaped,
 * since the message may repeat the (attacker-chosen) Host header.
 */
function plainPage(title: string, message: string): string {
  const t = escapeHtml(title);
  return `<!doctype html><html lang="it"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${t}</title><link rel="stylesheet" href="/static/bi/css/bootstrap-italia.min.css"></head><body><main class="container my-5"><h1>${t}</h1><p>${escapeHtml(message)}</p><p><a href="/">Torna alla pagina iniziale</a></p></main></body></html>`;
}

/**
 * The one place where errors become answers: Italian pages, or application/problem+json for the API.
 * Stack traces and internal messages go to the log only.
 */
export function installErrorHandling(app: FastifyInstance, ui: TSessionUi) {
  async function respond(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    title: string,
    detail: string,
    code: string,
    renew?: { href: string; label: string },
    members?: Readonly<Record<string, unknown>>,
  ) {
    if (wantsJson(request)) {
      return reply
        .code(status)
        .type('application/problem+json')
        .send({
          ...members,
          type: `urn:focolare:problem:${code}`,
          code,
          title,
          status,
          detail,
          instance: request.url,
        });
    }
    // Without a resolved tenant (unknown host) the layout cannot be drawn: a plain page.
    if (!request.tenant)
      return reply.code(status).type('text/html; charset=utf-8').send(plainPage(title, detail));
    try {
      return sendHtml(
        reply,
        <Layout ctx={pageContext(request, reply, ui)} title={title}>
          <h1 safe>{title}</h1>
          <p safe>{detail}</p>
          {renew ? (
            <p>
              <a class="btn btn-primary" href={renew.href} safe>
                {renew.label}
              </a>
            </p>
          ) : (
            ''
          )}
          <p>
            <a href="/">Torna alla pagina iniziale</a>
          </p>
        </Layout>,
        status,
      );
    } catch {
      return reply.code(status).type('text/html; charset=utf-8').send(plainPage(title, detail));
    }
  }

  app.setNotFoundHandler((request, reply) => {
    const e = new NotFoundError();
    return respond(request, reply, 404, e.title, e.message, e.code);
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof ServiceBusyError) reply.header('retry-after', String(error.retryAfterSeconds));
    if (error instanceof DomainError) {
      request.log.info({ err: { name: error.name, message: error.message } }, 'domain error');
      const renew =
        error instanceof LinkExpiredError && error.renewHref && error.renewLabel
          ? { href: error.renewHref, label: error.renewLabel }
          : undefined;
      return respond(
        request,
        reply,
        error.status,
        error.title,
        error.message,
        error.code,
        renew,
        error.problemMembers,
      );
    }
    if (isDatabaseUnavailable(error)) {
      request.log.warn({ err: { name: error.name, message: error.message } }, 'database unavailable');
      reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
      return respond(
        request,
        reply,
        503,
        'Servizio temporaneamente non disponibile',
        'Il servizio è temporaneamente non disponibile. Riprova tra qualche istante.',
        'database-unavailable',
      );
    }
    const status = error.statusCode ?? 500;
    if (status === 429) {
      return respond(
        request,
        reply,
        429,
        'Troppe richieste',
        'Hai fatto troppe richieste in poco tempo. Attendi un minuto e riprova.',
        'rate-limited',
      );
    }
    if (error.code === 'FST_CSRF_INVALID_TOKEN' || error.code === 'FST_CSRF_MISSING_SECRET') {
      return respond(
        request,
        reply,
        403,
        'Modulo scaduto',
        'Il modulo è scaduto o è stato inviato da un altro sito. Torna indietro, ricarica la pagina e riprova.',
        'csrf',
      );
    }
    if (status >= 400 && status < 500) {
      return respond(
        request,
        reply,
        status,
        'Richiesta non valida',
        'La richiesta non è valida. Controlla i dati e riprova.',
        'bad-request',
      );
    }
    request.log.error({ err: error }, 'unhandled error');
    return respond(
      request,
      reply,
      500,
      'Errore del servizio',
      "Si è verificato un errore imprevisto. Riprova tra qualche minuto; se il problema continua, contatta l'assistenza.",
      'internal',
    );
  });
}
