import { sql } from 'kysely';
import type { TDb } from '../../../db/database.js';
import type { TenantId } from '../../../tenancy/tenant.js';

export const DOCUMENTS_PAGE_SIZE = 20;

export type TDocumentFilter = {
  docType: string | null;
  /** yyyy-mm-dd, inclusive. */
  from: string | null;
  to: string | null;
  text: string | null;
};

/** A LIKE pattern that matches `text` anywhere, with its wildcards taken literally. */
const contains = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function filtered(db: TDb, tenantId: TenantId, customerId: string, f: TDocumentFilter) {
  let q = db
    .selectFrom('documents as d')
    .where('d.tenant_id', '=', tenantId)
    .where('d.customer_id', '=', customerId);
  if (f.docType) q = q.where('d.doc_type', '=', f.docType);
  if (f.from) q = q.where('d.issued_on', '>=', f.from);
  if (f.to) q = q.where('d.issued_on', '<=', f.to);
  if (f.text) {
    const pattern = contains(f.text);
    q = q.where((eb) =>
      eb.or([
        eb('d.title', 'ilike', pattern),
        eb('d.doc_type', 'ilike', pattern),
        eb('d.external_id', 'ilike', pattern),
      ]),
    );
  }
  return q;
}

/** One page of a customer's documents, newest first, with the total for the pager. */
export async function searchCustomerDocuments(
  db: TDb,
  tenantId: TenantId,
  customerId: string,
  f: TDocumentFilter,
  page: number,
) {
  const total = await filtered(db, tenantId, customerId, f)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await filtered(db, tenantId, customerId, f)
    .select(['d.id', 'd.doc_type', 'd.title', 'd.issued_on', 'd.published_at', 'd.first_downloaded_at'])
    .orderBy('d.issued_on', 'desc')
    .orderBy('d.published_at', 'desc')
    .orderBy('d.id')
    .limit(DOCUMENTS_PAGE_SIZE)
    .offset((page - 1) * DOCUMENTS_PAGE_SIZE)
    .execute();
  return { rows, total: Number(total.n) };
}

export type TCustomerDocumentRow = Awaited<ReturnType<typeof searchCustomerDocuments>>['rows'][number];

/** The document types a customer has, for the "Tipo" filter. */
export async function customerDocumentTypes(
  db: TDb,
  tenantId: TenantId,
  customerId: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom('documents')
    .select('doc_type')
    .distinct()
    .where('tenant_id', '=', tenantId)
    .where('customer_id', '=', customerId)
    .orderBy('doc_type')
    .execute();
  return rows.map((r) => r.doc_type);
}

/** Documents of the customer among `ids` (others are ignored), with their stored file's metadata. */
export async function customerDocumentsByIds(
  db: TDb,
  tenantId: TenantId,
  customerId: string,
  ids: readonly string[],
) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('documents as d')
    .innerJoin('stored_files as f', (j) =>
      j.onRef('f.id', '=', 'd.file_id').onRef('f.tenant_id', '=', 'd.tenant_id'),
    )
    .select([
      'd.id',
      'd.doc_type',
      'd.title',
      'd.issued_on',
      'd.file_id',
      'd.first_downloaded_at',
      'f.filename',
      'f.content_type',
      'f.size_bytes',
    ])
    .where('d.tenant_id', '=', tenantId)
    .where('d.customer_id', '=', customerId)
    .where('d.id', 'in', [...ids])
    .orderBy('d.issued_on', 'desc')
    .orderBy('d.id')
    .execute();
}

export type TDownloadableDocument = Awaited<ReturnType<typeof customerDocumentsByIds>>[number];

/** The bytes of one stored file (read one at a time, so a zip never holds every file in memory). */
export async function storedFileContent(db: TDb, tenantId: TenantId, fileId: string): Promise<Buffer> {
  const row = await db
    .selectFrom('stored_files')
    .select('content')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', fileId)
    .executeTakeFirstOrThrow();
  return row.content;
}

/**
 * A document counts as read when first downloaded: sets first_downloaded_at on those still unread
 * (stops the reminders). Returns how many became read.
 */
export async function markDocumentsDownloaded(
  db: TDb,
  tenantId: TenantId,
  customerId: string,
  ids: readonly string[],
  now: Date,
): Promise<number> {
  if (ids.length === 0) return 0;
  const res = await db
    .updateTable('documents')
    .set({ first_downloaded_at: now })
    .where('tenant_id', '=', tenantId)
    .where('customer_id', '=', customerId)
    .where('id', 'in', [...ids])
    .where('first_downloaded_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows ?? 0);
}

/** Count of unread documents of a customer (shown next to each customer area link). */
export async function unreadCount(db: TDb, tenantId: TenantId, customerId: string): Promise<number> {
  const row = await db
    .selectFrom('documents')
    .select(sql<string>`count(*)`.as('n'))
    .where('tenant_id', '=', tenantId)
    .where('customer_id', '=', customerId)
    .where('first_downloaded_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
