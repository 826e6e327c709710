import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TAppDeps } from '../../app-deps.js';
import { runForm } from '../../http/form-runner.js';
import { formValues } from '../../http/forms.js';
import { actorOf, pageContext, sendHtml, type TSessionUi } from '../../http/request-context.js';
import { queryOf } from '../../http/route-input.js';
import { emptyForm, type TFormState } from '../../layout/form-kit.js';
import { DOCUMENT_TYPE_LABELS, listCompanyDocuments } from './company-documents.js';
import { ZLinkTokenQuery } from './company-links.js';
import { readPdfUploads } from './pdf-uploads.js';
import { openDocumentsLink, readCompanyDocument, uploadCompanyDocument } from './upload-company-document.js';
import { CompanyDocumentsPage } from './views/documents-page.js';

/**
 * Documents for the activation (seed 000 § 2.2), uploaded from the link in the registration e-mail
 * (company_links purpose 'documents': many uploads, 30 days) instead of being e-mailed to the authority.
 * A link that no longer works is a LinkExpiredError (410).
 */
export async function companyDocumentsRoutes(app: FastifyInstance, deps: TAppDeps & { ui: TSessionUi }) {
  const ctx = (req: FastifyRequest, reply: FastifyReply) => pageContext(req, reply, deps.ui);
  const strict = { config: { rateLimit: { max: deps.config.rateLimitPerMinute, timeWindow: 60_000 } } };

  async function showPage(
    req: FastifyRequest,
    reply: FastifyReply,
    token: string,
    form: TFormState,
    status = 200,
  ) {
    const company = await openDocumentsLink(deps, req.tenant, token);
    const documents = await listCompanyDocuments(deps.db, req.tenant.id, company.id);
    return sendHtml(
      reply,
      <CompanyDocumentsPage
        ctx={ctx(req, reply)}
        token={token}
        company={company}
        documents={documents}
        form={form}
      />,
      status,
    );
  }

  app.get('/ditte/documenti', async (req, reply) =>
    showPage(req, reply, queryOf(req, ZLinkTokenQuery).token, emptyForm()),
  );

  app.post('/ditte/documenti', strict, async (req, reply) => {
    const token = formValues(req.body).token ?? '';
    const uploads = await readPdfUploads(req.body, ['file']);
    return runForm(req, reply, {
      run: async (values) => {
        const input = readCompanyDocument(values, { file: uploads.files.file, error: uploads.errors.file });
        await uploadCompanyDocument(deps, req.tenant, token, input, actorOf(req));
        return input;
      },
      done: (input) => ({
        redirect: `/ditte/documenti?token=${encodeURIComponent(token)}`,
        flash: `Documento caricato: ${DOCUMENT_TYPE_LABELS[input.docType]} (${input.file.filename}).`,
      }),
      // The page again, with the type and description typed (the file must be chosen again).
      render: ({ values, errors }, _problem, status) =>
        showPage(
          req,
          reply,
          token,
          { values: { doc_type: values.doc_type, description: values.description }, errors },
          status,
        ),
    });
  });
}
