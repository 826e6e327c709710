import type { TDb } from '../db/database.js';
import type { TenantId } from '../tenancy/tenant.js';
import { safeFilename, sha256Hex } from './uploads.js';

/**
 * Files are stored in the database (bytea), in the same transaction as the record that owns them:
 * a submission and its attachments are durable together, and app servers stay stateless.
 */
export async function storeFile(
  trx: TDb,
  tenantId: TenantId,
  f: { filename: string; contentType: string; content: Buffer },
): Promise<string> {
  const row = await trx
    .insertInto('stored_files')
    .values({
      tenant_id: tenantId,
      filename: safeFilename(f.filename),
      content_type: f.contentType,
      size_bytes: f.content.length,
      sha256: sha256Hex(f.content),
      content: f.content,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function readFile(db: TDb, tenantId: TenantId, fileId: string) {
  return db
    .selectFrom('stored_files')
    .select(['id', 'filename', 'content_type', 'size_bytes', 'sha256', 'content', 'created_at'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', fileId)
    .executeTakeFirst();
}
