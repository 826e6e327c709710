import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TAppDeps } from '../../app-deps.js';
import { formValues } from '../../http/forms.js';
import { actorOf, pageContext, sendHtml, setFlash, type TSessionUi } from '../../http/request-context.js';
import { emptyForm, type TFormState } from '../../layout/form-kit.js';
import { DOCUMENT_TYPE_LABELS, isCompanyDocumentType, listCompanyDocuments } from './company-documents.js';
import { readPdfUploads } from './routes.js';
import { DocumentsLinkError, openDocumentsLink, uploadCompanyDocument } from './upload-company-document.js';
import { CompanyDocumentsPage, DocumentsLinkProblemPage } from './views/documents-page.js';

const MAX_DESCRIPTION = 200;

/** Reads "Tipo documento" and "Descrizione"; one Italian message per field. */
function readDocumentFields(values: Record<string, string>) {
  const errors: Record<string, string> = {};
  const docType = (values.doc_type ?? '').trim();
  const description = (values.description ?? '').trim();
  if (!docType) errors.doc_type = 'Scegli il tipo di documento.';
  else if (!isCompanyDocumentType(docType))
    errors.doc_type = 'Il tipo di documento scelto non è tra quelli previsti.';
  if (docType === 'altro' && !description)
    errors.description =
      'Per «Altre abilitazioni» descrivi il documento (per esempio il nome della certificazione o dell’attestato).';
  if (description.length > MAX_DESCRIPTION) errors.description = `Al massimo ${MAX_DESCRIPTION} caratteri.`;
  return { docType, description: description || null, errors };
}

/**
 * Documents for the activation (seed 000 § 2.2), uploaded from the link in the registration e-mail
 * (company_links purpose 'documents': many uploads, 30 days) instead of being e-mailed to the authority.
 */
export async function companyDocumentsRoutes(app: FastifyInstance, deps: TAppDeps & { ui: TSessionUi }) {
  const ctx = (req: FastifyRequest, reply: FastifyReply) => pageContext(req, reply, deps.ui);
  const strict = { config: { rateLimit: { max: deps.config.rateLimitPerMinute, timeWindow: 60_000 } } };

  const problemPage = (req: FastifyRequest, reply: FastifyReply, err: DocumentsLinkError) =>
    sendHtml(reply, <DocumentsLinkProblemPage ctx={ctx(req, reply)} message={err.message} />, err.status);

  async function showPage(
    req: FastifyRequest,
    reply: FastifyReply,
    token: string,
    form: TFormState,
    status = 200,
  ) {
    try {
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
    } catch (err) {
      if (err instanceof DocumentsLinkError) return problemPage(req, reply, err);
      throw err;
    }
  }

  app.get('/ditte/documenti', async (req, reply) => {
    const token = String((req.query as Record<string, unknown>).token ?? '');
    return showPage(req, reply, token, emptyForm());
  });

  app.post('/ditte/documenti', strict, async (req, reply) => {
    const values = formValues(req.body);
    const token = values.token ?? '';
    const fields = readDocumentFields(values);
    const uploads = await readPdfUploads(req.body, ['file']);
    const errors: Record<string, string> = { ...fields.errors, ...uploads.errors };
    const file = uploads.files.file;
    if (!file && !errors.file) errors.file = 'Scegli il file PDF da caricare.';
    if (Object.keys(errors).length > 0 || !file || !isCompanyDocumentType(fields.docType))
      return showPage(
        req,
        reply,
        token,
        { values: { doc_type: values.doc_type, description: values.description }, errors },
        422,
      );
    try {
      await uploadCompanyDocument(
        deps,
        req.tenant,
        token,
        { docType: fields.docType, description: fields.description, file },
        actorOf(req),
      );
    } catch (err) {
      if (err instanceof DocumentsLinkError) return problemPage(req, reply, err);
      throw err;
    }
    setFlash(req, {
      kind: 'success',
      text: `Documento caricato: ${DOCUMENT_TYPE_LABELS[fields.docType]} (${file.filename}).`,
    });
    return reply.redirect(`/ditte/documenti?token=${encodeURIComponent(token)}`, 303);
  });
}
