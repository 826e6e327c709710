import type { TAppDeps } from '../../app-deps.js';
import { appendAudit, type TActor } from '../../audit/audit-log.js';
import { storeFile } from '../../files/stored-files.js';
import { LinkExpiredError, ValidationError } from '../../http/errors.js';
import type { TTenant } from '../../tenancy/tenant.js';
import {
  DOCUMENT_TYPE_LABELS,
  isCompanyDocumentType,
  type TCompanyDocumentType,
} from './company-documents.js';
import { findCompanyLink } from './company-links.js';
import type { TPdfUpload } from './pdf-uploads.js';
import { getCompany } from './queries.js';

export const DOCUMENTS_LINK_MESSAGES = {
  expired:
    "Questo collegamento è scaduto: i collegamenti per caricare i documenti valgono 30 giorni. Per inviare i documenti contatta l'ente all'indirizzo e-mail",
  unknown: 'Il collegamento non è valido. Controlla di averlo copiato per intero dalla e-mail.',
  rejected: 'La registrazione di questa ditta è stata rifiutata: non è più possibile caricare documenti.',
} as const;

/**
 * The company a valid "documenti per l'attivazione" link points to; otherwise an Italian explanation. No new
 * link can be asked for: the documents then go to the authority's address, which the message gives.
 */
export async function openDocumentsLink(deps: TAppDeps, tenant: TTenant, token: string) {
  const link = await findCompanyLink(
    deps.db,
    tenant.id,
    deps.config.appSecret,
    'documents',
    token,
    deps.now(),
  );
  if (link.state === 'expired')
    throw new LinkExpiredError('expired', `${DOCUMENTS_LINK_MESSAGES.expired} ${tenant.activationEmail}.`);
  // The documents link is not single-use: 'used' cannot happen, and is treated as unknown.
  if (link.state !== 'valid') throw new LinkExpiredError('unknown', DOCUMENTS_LINK_MESSAGES.unknown);
  const company = await getCompany(deps.db, tenant.id, link.companyId);
  if (!company) throw new LinkExpiredError('unknown', DOCUMENTS_LINK_MESSAGES.unknown);
  // A rejected registration closes the link for good, as if it had expired.
  if (company.status === 'rejected') throw new LinkExpiredError('expired', DOCUMENTS_LINK_MESSAGES.rejected);
  return company;
}

export type TCompanyDocumentInput = {
  docType: TCompanyDocumentType;
  description: string | null;
  file: TPdfUpload;
};

const MAX_DESCRIPTION = 200;

/**
 * "Tipo documento", "Descrizione" and the PDF as the form sends them (the upload already checked, with its
 * message); one Italian message per field in a ValidationError.
 */
export function readCompanyDocument(
  values: Record<string, string>,
  upload: { file: TPdfUpload | undefined; error: string | undefined },
): TCompanyDocumentInput {
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
  if (upload.error) errors.file = upload.error;
  else if (!upload.file) errors.file = 'Scegli il file PDF da caricare.';
  if (Object.keys(errors).length > 0 || !upload.file || !isCompanyDocumentType(docType))
    throw new ValidationError(errors);
  return { docType, description: description || null, file: upload.file };
}

/**
 * "Carica documento": stores the PDF and its company_documents row, and records it in the audit log,
 * in one transaction. The link is checked again here: it may have expired since the page was shown.
 */
export async function uploadCompanyDocument(
  deps: TAppDeps,
  tenant: TTenant,
  token: string,
  input: TCompanyDocumentInput,
  actor: TActor,
): Promise<{ documentId: string; fileId: string }> {
  const company = await openDocumentsLink(deps, tenant, token);
  return deps.db.transaction().execute(async (trx) => {
    const fileId = await storeFile(trx, tenant.id, {
      filename: input.file.filename,
      contentType: input.file.contentType,
      content: input.file.content,
    });
    const doc = await trx
      .insertInto('company_documents')
      .values({
        tenant_id: tenant.id,
        company_id: company.id,
        doc_type: input.docType,
        description: input.description,
        file_id: fileId,
        uploaded_at: deps.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(
      trx,
      tenant.id,
      { ...actor, label: `${company.lr_full_name} (${company.lr_tax_code}) tramite collegamento e-mail` },
      {
        action: 'company.document_uploaded',
        entityType: 'company',
        entityId: company.id,
        summary: {
          registrationNumber: company.registration_number,
          documentId: doc.id,
          docType: input.docType,
          docTypeLabel: DOCUMENT_TYPE_LABELS[input.docType],
          description: input.description,
          filename: input.file.filename,
          sizeBytes: input.file.content.length,
        },
      },
    );
    return { documentId: doc.id, fileId };
  });
}
