import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { runForm } from '../../../http/form-runner.js';
import { formFiles } from '../../../http/forms.js';
import { actorOf, requirePermission, sendHtml } from '../../../http/request-context.js';
import { emptyForm, type TFormState } from '../../../layout/form-kit.js';
import { accountRouteKit, type TRouteDeps } from '../../accounts/routes/route-kit.js';
import { countCustomers, csvUploadText, importCustomersCsv } from './import-customers.js';
import { archiveUpload, publishZip, zipUpload } from './publish-archive.js';
import { listRecentDocuments, publishDocumentDraft } from './publish-documents.js';
import type { TManifestReport } from './publish-manifest.js';
import { CustomerImportPage } from './views/customer-import-page.js';
import { OfficeDocumentsPage } from './views/documents-page.js';

const newExternalId = () => `ufficio-${randomUUID()}`;

/**
 * The office's side of the document area: publishing documents, singly or from a zip with its manifest,
 * and loading the customer master data from a CSV.
 */
export async function documentsOfficeRoutes(app: FastifyInstance, deps: TRouteDeps) {
  const { ctx, strict } = accountRouteKit(deps);
  const officer = { preHandler: requirePermission('backoffice:access') };

  // Pubblicazione documenti -----------------------------------------------------------------------------------
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
    // The key is the form's: a second submission of the same form (double click, reload) publishes once.
    const submitted = (req.body as Record<string, unknown> | undefined)?.external_id;
    const externalId =
      typeof submitted === 'string' && /^ufficio-[0-9a-f-]{36}$/.test(submitted)
        ? submitted
        : newExternalId();
    return runForm(req, reply, {
      run: async (values) => {
        const result = await publishDocumentDraft(
          deps,
          req.tenant,
          {
            customerCode: values.customer_code ?? '',
            docType: values.doc_type ?? '',
            title: values.title ?? '',
            issuedOn: values.issued_on ?? '',
            externalId,
            file: formFiles(req.body).file?.[0],
          },
          actorOf(req),
        );
        return { result, code: values.customer_code?.trim() ?? '', title: values.title?.trim() ?? '' };
      },
      done: ({ result, code, title }) => ({
        redirect: '/ufficio/documenti',
        flash:
          result.status === 'published'
            ? {
                kind: 'success',
                text: `Documento pubblicato al cliente ${code}: «${title}» (e-mail di avviso: ${result.mails}).`,
              }
            : { kind: 'info', text: 'Documento già pubblicato: non è stato pubblicato di nuovo.' },
      }),
      render: (form) => showPage(req, reply, { single: form, externalId }, 422),
    });
  });

  app.post('/ufficio/documenti/archivio', { ...officer, ...archiveUpload }, async (req, reply) => {
    const upload = zipUpload(req.body, 'archive');
    if (!upload.ok)
      return showPage(req, reply, { bulk: { values: {}, errors: { archive: upload.message } } }, 422);
    const report = await publishZip(deps, req.tenant, upload.file.content, actorOf(req));
    return showPage(req, reply, { report }, report.manifestError ? 422 : 200);
  });

  // Anagrafica clienti ------------------------------------------------------------------------------------------
  const importPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    form: TFormState,
    result?: Awaited<ReturnType<typeof importCustomersCsv>>,
    status = 200,
  ) =>
    sendHtml(
      reply,
      <CustomerImportPage
        ctx={ctx(req, reply)}
        form={form}
        customers={await countCustomers(deps.db, req.tenant.id)}
        result={result}
      />,
      status,
    );

  app.get('/ufficio/clienti', officer, async (req, reply) => importPage(req, reply, emptyForm()));

  app.post('/ufficio/clienti', { ...officer, ...strict }, async (req, reply) => {
    const csv = csvUploadText(formFiles(req.body).file?.[0]);
    if (!csv.ok) return importPage(req, reply, { values: {}, errors: { file: csv.message } }, undefined, 422);
    const result = await importCustomersCsv(deps.db, req.tenant.id, csv.text, actorOf(req), 'ufficio');
    return importPage(req, reply, emptyForm(), result, result.ok ? 200 : 422);
  });
}
