import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TAppDeps } from '../../app-deps.js';
import { formFiles, formValues, type TUploadedFile } from '../../http/forms.js';
import {
  actorOf,
  pageContext,
  requirePermission,
  sendHtml,
  setFlash,
  type TSessionUi,
} from '../../http/request-context.js';
import { emptyForm, type TFormState } from '../../layout/form-kit.js';
import type { TTenant } from '../../tenancy/tenant.js';
import { apiActorOf, requireApiToken } from './api-tokens.js';
import { ManifestError, openZip } from './manifest.js';
import { listRecentDocuments, publishDocumentDraft, PublishFieldsError } from './publish-documents.js';
import { publishManifest, type TManifestReport } from './publish-manifest.js';
import { OfficeDocumentsPage } from './views/office-documents-page.js';
import type { TActor } from '../../audit/audit-log.js';

const newExternalId = () => `ufficio-${randomUUID()}`;

/** A bulk archive may be larger than one document (each PDF inside is still checked against 5 MB). */
export const MAX_ARCHIVE_BYTES = 50 * 1024 * 1024;
const archiveUpload = { config: { multipartOptions: { limits: { fileSize: MAX_ARCHIVE_BYTES + 1 } } } };

/** The zip of a multipart body (the first file field named `name`), or an Italian message. */
function zipUpload(
  body: unknown,
  name: string,
): { ok: true; file: TUploadedFile } | { ok: false; message: string } {
  const file = formFiles(body)[name]?.[0];
  if (!file) return { ok: false, message: "Scegli l'archivio zip da pubblicare." };
  if (file.truncated || file.content.length > MAX_ARCHIVE_BYTES)
    return {
      ok: false,
      message: `L'archivio supera ${MAX_ARCHIVE_BYTES / 1024 / 1024} MB: dividilo o usa la riga di comando.`,
    };
  return { ok: true, file };
}

/** Publishes the documents of a zip with its manifest; a broken zip is a manifest error. */
async function publishZip(
  deps: TAppDeps,
  tenant: TTenant,
  zip: Buffer,
  actor: TActor,
): Promise<TManifestReport> {
  let opened;
  try {
    opened = await openZip(zip);
  } catch (err) {
    if (!(err instanceof ManifestError)) throw err;
    return { manifestError: err.message, rows: 0, published: [], alreadyPublished: [], errors: [] };
  }
  try {
    return await publishManifest(deps, tenant, opened.manifest, opened.files, actor);
  } finally {
    await opened.files.close();
  }
}

/** Publishers' side of the document area: publishing documents, singly or in bulk (page and JSON API). */
export async function documentsOfficeRoutes(app: FastifyInstance, deps: TAppDeps & { ui: TSessionUi }) {
  const ctx = (req: FastifyRequest, reply: FastifyReply) => pageContext(req, reply, deps.ui);
  const officer = { preHandler: requirePermission('backoffice:access') };

  async function showPage(
    req: FastifyRequest,
    reply: FastifyReply,
    opts: { single?: TFormState; bulk?: TFormState; externalId?: string; report?: TManifestReport } = {},
    status = 200,
  ) {
    const documents = await listRecentDocuments(deps.db, req.tenant);
    return sendHtml(
      reply,
      <OfficeDocumentsPage
        ctx={ctx(req, reply)}
        single={opts.single ?? emptyForm()}
        bulk={opts.bulk ?? emptyForm()}
        externalId={opts.externalId ?? newExternalId()}
        report={opts.report ?? null}
        documents={documents}
      />,
      status,
    );
  }

  app.get('/ufficio/documenti', officer, async (req, reply) => showPage(req, reply));

  app.post('/ufficio/documenti', officer, async (req, reply) => {
    const values = formValues(req.body);
    // The key is the form's: a second submission of the same form (double click, reload) publishes once.
    const externalId = /^ufficio-[0-9a-f-]{36}$/.test(values.external_id ?? '')
      ? values.external_id!
      : newExternalId();
    const file = formFiles(req.body).file?.[0];
    try {
      const result = await publishDocumentDraft(
        deps,
        req.tenant,
        {
          customerCode: values.customer_code ?? '',
          docType: values.doc_type ?? '',
          title: values.title ?? '',
          issuedOn: values.issued_on ?? '',
          externalId,
          file,
        },
        actorOf(req),
      );
      setFlash(
        req,
        result.status === 'published'
          ? {
              kind: 'success',
              text: `Documento pubblicato al cliente ${values.customer_code?.trim() ?? ''}: «${values.title?.trim() ?? ''}» (e-mail di avviso: ${result.mails}).`,
            }
          : { kind: 'info', text: 'Documento già pubblicato: non è stato pubblicato di nuovo.' },
      );
      return reply.redirect('/ufficio/documenti', 303);
    } catch (err) {
      if (!(err instanceof PublishFieldsError)) throw err;
      const kept = { ...values };
      delete kept._csrf;
      return showPage(req, reply, { single: { values: kept, errors: err.fieldErrors }, externalId }, 422);
    }
  });

  app.post('/ufficio/documenti/archivio', { ...officer, ...archiveUpload }, async (req, reply) => {
    const upload = zipUpload(req.body, 'archive');
    if (!upload.ok)
      return showPage(req, reply, { bulk: { values: {}, errors: { archive: upload.message } } }, 422);
    const report = await publishZip(deps, req.tenant, upload.file.content, actorOf(req));
    return showPage(req, reply, { report }, report.manifestError ? 422 : 200);
  });

  // JSON API for bulk loads: multipart with the zip (field "archivio") holding manifest.csv and the PDFs.
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
    async (req, reply) => {
      const upload = zipUpload(req.body, 'archivio');
      if (!upload.ok) return reply.code(422).send({ errore: upload.message });
      const report = await publishZip(deps, req.tenant, upload.file.content, apiActorOf(req));
      if (report.manifestError) return reply.code(422).send({ errore: report.manifestError });
      return reply.send({
        righe: report.rows,
        pubblicati: report.published.map((p) => ({ riga: p.line, id_esterno: p.externalId, email: p.mails })),
        gia_pubblicati: report.alreadyPublished.map((p) => ({ riga: p.line, id_esterno: p.externalId })),
        errori: report.errors.map((e) => ({ riga: e.line, messaggio: `riga ${e.line}: ${e.message}` })),
      });
    },
  );
}
