import type { FastifyInstance } from 'fastify';
import type { TRouteDeps } from '../../accounts/routes/route-kit.js';
import { importCustomersCsv, importCustomersJson } from '../office/import-customers.js';
import { archiveUpload, publishZip, zipUpload } from '../office/publish-archive.js';
import { apiActorOf, requireApiToken } from './api-tokens.js';
import { ArchiveRefusedError, CustomersImportRefusedError } from './errors.js';

/**
 * The JSON API of the document area for bulk loads, with a bearer token of the tenant (`api-token:create`):
 * customer master data (JSON array or CSV) and documents (zip with manifest). Errors are problem+json from
 * the central error handler.
 */
export async function documentsApiRoutes(app: FastifyInstance, deps: TRouteDeps) {
  const strict = { config: { rateLimit: { max: deps.config.rateLimitPerMinute, timeWindow: 60_000 } } };
  app.addContentTypeParser('text/csv', { parseAs: 'string' }, (_req, body, done) => done(null, body));

  app.post(
    '/api/clienti',
    {
      preHandler: requireApiToken(deps.db),
      ...strict,
      schema: {
        summary: 'Importa o aggiorna l’anagrafica clienti (array JSON o CSV)',
        tags: ['documenti'],
        security: [{ bearerAuth: [] }],
      },
    },
    async (req) => {
      const actor = apiActorOf(req);
      const result =
        typeof req.body === 'string'
          ? await importCustomersCsv(deps.db, req.tenant.id, req.body, actor, 'api-csv')
          : await importCustomersJson(deps.db, req.tenant.id, req.body, actor);
      if (!result.ok) throw new CustomersImportRefusedError(result.errors);
      return {
        righe: result.rows,
        inseriti: result.inserted,
        aggiornati: result.updated,
        invariati: result.unchanged,
      };
    },
  );

  // Multipart with the zip (field "archivio") holding manifest.csv and the PDFs.
  app.post(
    '/api/documenti',
    {
      ...archiveUpload,
      preHandler: requireApiToken(deps.db),
      schema: {
        summary: 'Pubblica documenti da un archivio zip con manifesto CSV',
        description:
          'Multipart con il campo "archivio": zip con manifest.csv (codice_cliente;tipo;titolo;data;file;id_esterno) e i PDF. Idempotente per id_esterno.',
        tags: ['documenti'],
      },
    },
    async (req) => {
      const upload = zipUpload(req.body, 'archivio');
      if (!upload.ok) throw new ArchiveRefusedError(upload.message);
      const report = await publishZip(deps, req.tenant, upload.file.content, apiActorOf(req));
      if (report.manifestError) throw new ArchiveRefusedError(report.manifestError);
      return {
        righe: report.rows,
        pubblicati: report.published.map((p) => ({ riga: p.line, id_esterno: p.externalId, email: p.mails })),
        gia_pubblicati: report.alreadyPublished.map((p) => ({ riga: p.line, id_esterno: p.externalId })),
        errori: report.errors.map((e) => ({ riga: e.line, messaggio: `riga ${e.line}: ${e.message}` })),
      };
    },
  );
}
