import type { TAppDeps } from '../../app-deps.js';
import { appendAudit, type TActor } from '../../audit/audit-log.js';
import { storeFile } from '../../files/stored-files.js';
import type { TUpload } from '../../files/uploads.js';
import { DomainError } from '../../http/errors.js';
import type { TTenant } from '../../tenancy/tenant.js';
import { DOCUMENT_TYPE_LABELS, type TCompanyDocumentType } from './company-documents.js';
import { findCompanyLink } from './company-links.js';
import { getCompany } from './queries.js';

export class DocumentsLinkError extends DomainError {
  override readonly status = 410;
  override readonly title = 'Collegamento non più valido';
}

export const DOCUMENTS_LINK_MESSAGES = {
  expired:
    "Questo collegamento è scaduto: i collegamenti per caricare i documenti valgono 30 giorni. Per inviare i documenti contatta l'ente all'indirizzo e-mail",
  unknown: 'Il collegamento non è valido. Controlla di averlo copiato per intero dalla e-mail.',
  rejected: 'La registrazione di questa ditta è stata rifiutata: non è più possibile caricare documenti.',
} as const;

/** The company a valid "documenti per l'attivazione" link points to; otherwise an Italian explanation. */
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
    throw new DocumentsLinkError(`${DOCUMENTS_LINK_MESSAGES.expired} ${tenant.activationEmail}.`);
  if (link.state !== 'valid') throw new DocumentsLinkError(DOCUMENTS_LINK_MESSAGES.unknown);
  const company = await getCompany(deps.db, tenant.id, (link as { companyId: string }).companyId);
  if (!company) throw new DocumentsLinkError(DOCUMENTS_LINK_MESSAGES.unknown);
  if (company.status === 'rejected') throw new DocumentsLinkError(DOCUMENTS_LINK_MESSAGES.rejected);
  return company;
}

export type TCompanyDocumentInput = {
  docType: TCompanyDocumentType;
  description: string | null;
  file: TUpload & { contentType: string };
};

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
