import type { TAppDeps } from '../../../app-deps.js';
import { appendAudit, type TActor } from '../../../audit/audit-log.js';
import type { TDb } from '../../../db/database.js';
import { storeFile } from '../../../files/stored-files.js';
import { checkUpload, type TUpload } from '../../../files/uploads.js';
import { ValidationError } from '../../../http/errors.js';
import { parseItalianDate } from '../../../italian/dates.js';
import type { TTenant } from '../../../tenancy/tenant.js';
import { enqueueMails, noticeRecipients } from './document-notices.js';
import { customerAreaLink, documentNoticeMail } from './notice-mail.js';

export type TPublishDeps = Pick<TAppDeps, 'db' | 'config' | 'now'>;

/** A document as typed in the form or read from a manifest row, not yet checked. */
export type TDocumentDraft = {
  customerCode: string;
  docType: string;
  title: string;
  /** gg/mm/aaaa (or yyyy-mm-dd). */
  issuedOn: string;
  externalId: string;
  file: TUpload | undefined;
};

export type TDocumentField = 'customer_code' | 'doc_type' | 'title' | 'issued_on' | 'external_id' | 'file';

/** A checked document, ready to publish. */
export type TDocumentToPublish = {
  customer: { id: string; code: string };
  docType: string;
  title: string;
  issuedOn: string;
  externalId: string;
  file: { filename: string; content: Buffer; contentType: string };
};

export type TPublishResult =
  | { status: 'published'; documentId: string; mails: number }
  | { status: 'already_published'; documentId: string };

export const MAX_DOC_TYPE = 60;
export const MAX_TITLE = 200;
export const MAX_EXTERNAL_ID = 200;

/** The document of the tenant already published with this external id, if any. */
export async function findPublishedDocument(db: TDb, tenant: TTenant, externalId: string) {
  return db
    .selectFrom('documents')
    .select(['id', 'title', 'published_at'])
    .where('tenant_id', '=', tenant.id)
    .where('external_id', '=', externalId.trim())
    .executeTakeFirst();
}

/**
 * Checks a document against the rules and the tenant's customers: one Italian message per field.
 * The customer code is looked up in this tenant only: another tenant's customer is "not found".
 */
export async function checkDocument(
  db: TDb,
  tenant: TTenant,
  d: TDocumentDraft,
): Promise<
  { ok: true; doc: TDocumentToPublish } | { ok: false; errors: Partial<Record<TDocumentField, string>> }
> {
  const errors: Partial<Record<TDocumentField, string>> = {};
  const code = d.customerCode.trim();
  const docType = d.docType.trim();
  const title = d.title.trim();
  const externalId = d.externalId.trim();
  let customer: { id: string; code: string } | undefined;
  if (!code) errors.customer_code = 'Manca il codice cliente.';
  else {
    const row = await db
      .selectFrom('customers')
      .select(['id', 'customer_code'])
      .where('tenant_id', '=', tenant.id)
      .where('customer_code', '=', code)
      .executeTakeFirst();
    if (row) customer = { id: row.id, code: row.customer_code };
    else errors.customer_code = `Nessun cliente con codice «${code}» in questo ente.`;
  }
  if (!docType) errors.doc_type = 'Manca il tipo di documento.';
  else if (docType.length > MAX_DOC_TYPE)
    errors.doc_type = `Tipo di documento troppo lungo (al massimo ${MAX_DOC_TYPE} caratteri).`;
  if (!title) errors.title = 'Manca il titolo.';
  else if (title.length > MAX_TITLE)
    errors.title = `Titolo troppo lungo (al massimo ${MAX_TITLE} caratteri).`;
  const issuedOn = d.issuedOn.trim() ? parseItalianDate(d.issuedOn) : undefined;
  if (!d.issuedOn.trim()) errors.issued_on = 'Manca la data del documento (gg/mm/aaaa).';
  else if (!issuedOn)
    errors.issued_on = `La data «${d.issuedOn.trim()}» non è valida: usa il formato gg/mm/aaaa.`;
  if (!externalId) errors.external_id = "Manca l'identificativo esterno (id_esterno).";
  else if (externalId.length > MAX_EXTERNAL_ID)
    errors.external_id = `Identificativo esterno troppo lungo (al massimo ${MAX_EXTERNAL_ID} caratteri).`;
  let contentType = '';
  if (!d.file) errors.file = 'Manca il file PDF.';
  else {
    const check = await checkUpload(d.file, 'pdf');
    if (check.ok) contentType = check.contentType;
    else errors.file = `${d.file.filename ? `«${d.file.filename}»: ` : ''}${check.message}`;
  }
  if (Object.keys(errors).length > 0 || !customer || !issuedOn || !d.file) return { ok: false, errors };
  return {
    ok: true,
    doc: {
      customer,
      docType,
      title,
      issuedOn,
      externalId,
      file: { filename: d.file.filename || `${externalId}.pdf`, content: d.file.content, contentType },
    },
  };
}

class AlreadyPublished extends Error {}

/**
 * Publishes one checked document, in one transaction: the stored PDF, the documents row (notice 1 sent
 * now), the document_notices row of notice 1, the e-mail "Nuovo documento disponibile" to every account
 * linked to the customer (or to the customer's own address) and the audit row. The external id makes it
 * idempotent: when it is already published (before, or by a concurrent request) nothing is written and
 * the existing document is reported.
 */
export async function publishDocument(
  deps: TPublishDeps,
  tenant: TTenant,
  doc: TDocumentToPublish,
  actor: TActor,
): Promise<TPublishResult> {
  const existing = await findPublishedDocument(deps.db, tenant, doc.externalId);
  if (existing) return { status: 'already_published', documentId: existing.id };
  const now = deps.now();
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const fileId = await storeFile(trx, tenant.id, doc.file);
      const inserted = await trx
        .insertInto('documents')
        .values({
          tenant_id: tenant.id,
          customer_id: doc.customer.id,
          external_id: doc.externalId,
          doc_type: doc.docType,
          title: doc.title,
          issued_on: doc.issuedOn,
          file_id: fileId,
          published_at: now,
          notices_sent: 1,
          last_notice_at: now,
        })
        .onConflict((oc) => oc.columns(['tenant_id', 'external_id']).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!inserted) throw new AlreadyPublished(); // published meanwhile: roll the stored file back
      await trx
        .insertInto('document_notices')
        .values({ document_id: inserted.id, notice_no: 1, tenant_id: tenant.id, sent_at: now })
        .execute();
      const recipients =
        (await noticeRecipients(trx, tenant.id, [doc.customer.id])).get(doc.customer.id) ?? [];
      const link = customerAreaLink(deps.config, tenant);
      await enqueueMails(
        trx,
        tenant.id,
        recipients.map((to) =>
          documentNoticeMail(tenant, {
            to,
            noticeNo: 1,
            docType: doc.docType,
            title: doc.title,
            issuedOn: doc.issuedOn,
            customerCode: doc.customer.code,
            link,
          }),
        ),
      );
      await appendAudit(trx, tenant.id, actor, {
        action: 'document.published',
        entityType: 'document',
        entityId: inserted.id,
        summary: {
          customerCode: doc.customer.code,
          externalId: doc.externalId,
          docType: doc.docType,
          title: doc.title,
          issuedOn: doc.issuedOn,
          filename: doc.file.filename,
          sizeBytes: doc.file.content.length,
          noticeNo: 1,
          recipients: recipients.length,
        },
      });
      return { status: 'published' as const, documentId: inserted.id, mails: recipients.length };
    });
  } catch (err) {
    if (!(err instanceof AlreadyPublished)) throw err;
    const row = await findPublishedDocument(deps.db, tenant, doc.externalId);
    if (!row) throw err;
    return { status: 'already_published', documentId: row.id };
  }
}

/** Checks and publishes one document; a PublishFieldsError carries the field messages. */
export async function publishDocumentDraft(
  deps: TPublishDeps,
  tenant: TTenant,
  draft: TDocumentDraft,
  actor: TActor,
): Promise<TPublishResult> {
  const existing = draft.externalId.trim()
    ? await findPublishedDocument(deps.db, tenant, draft.externalId)
    : undefined;
  if (existing) return { status: 'already_published', documentId: existing.id };
  const checked = await checkDocument(deps.db, tenant, draft);
  if (!checked.ok) throw new PublishFieldsError(checked.errors);
  return publishDocument(deps, tenant, checked.doc, actor);
}

/** A document refused: one Italian message per field; the form is shown again with them. */
export class PublishFieldsError extends ValidationError {
  constructor(fieldErrors: Partial<Record<TDocumentField, string>>) {
    super(Object.fromEntries(Object.entries(fieldErrors).flatMap(([k, v]) => (v ? [[k, v]] : []))));
  }
}

/** The tenant's latest published documents, for the officers' page. */
export async function listRecentDocuments(db: TDb, tenant: TTenant, limit = 20) {
  return db
    .selectFrom('documents as d')
    .innerJoin('customers as c', (j) =>
      j.onRef('c.id', '=', 'd.customer_id').onRef('c.tenant_id', '=', 'd.tenant_id'),
    )
    .select([
      'd.id',
      'c.customer_code',
      'c.name as customer_name',
      'd.doc_type',
      'd.title',
      'd.issued_on',
      'd.published_at',
      'd.notices_sent',
      'd.first_downloaded_at',
    ])
    .where('d.tenant_id', '=', tenant.id)
    .orderBy('d.published_at', 'desc')
    .orderBy('d.id')
    .limit(limit)
    .execute();
}
