import type { TDb } from '../db/database.js';
import type { TenantId } from '../tenancy/tenant.js';

export type TMailAttachment = { filename: string; contentType: string; content: Buffer };

export type TMail = {
  to: string;
  subject: string;
  text: string;
  html?: string;
  attachments?: TMailAttachment[];
};

/**
 * Writes an e-mail to the outbox. Pass the transaction of the change that causes the e-mail: either
 * both are stored or neither is. The mail worker delivers it later.
 */
export async function enqueueMail(trx: TDb, tenantId: TenantId | null, mail: TMail): Promise<string> {
  const row = await trx
    .insertInto('mail_outbox')
    .values({
      tenant_id: tenantId,
      to_address: mail.to,
      subject: mail.subject,
      text_body: mail.text,
      html_body: mail.html ?? null,
      attachments: JSON.stringify(
        (mail.attachments ?? []).map((a) => ({
          filename: a.filename,
          contentType: a.contentType,
          contentBase64: a.content.toString('base64'),
        })),
      ),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return String(row.id);
}

/** Newest messages of one tenant, for the development mailbox. */
export async function listOutbox(db: TDb, tenantId: TenantId, limit = 50) {
  return db
    .selectFrom('mail_outbox')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export async function getOutboxMessage(db: TDb, tenantId: TenantId, id: string) {
  return db
    .selectFrom('mail_outbox')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
}
