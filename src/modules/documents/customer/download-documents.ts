import { type Archiver, ZipArchive } from 'archiver';
import { appendAudit, type TActor } from '../../../audit/audit-log.js';
import { safeFilename } from '../../../files/uploads.js';
import { NotFoundError } from '../../../http/errors.js';
import type { TTenant } from '../../../tenancy/tenant.js';
import type { TAccountsDeps } from '../../accounts/deps.js';
import {
  customerDocumentsByIds,
  markDocumentsDownloaded,
  storedFileContent,
  type TDownloadableDocument,
} from './customer-documents.js';

/** At most this many documents in one zip (the page shows 20 at a time). */
export const MAX_ZIP_DOCUMENTS = 200;

/** "attachment; filename=…" that survives any name: an ASCII fallback and the UTF-8 form (RFC 6266). */
export function attachmentHeader(name: string): string {
  const safe = safeFilename(name);
  const ascii = safe.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(safe)}`;
}

/** The name of a document in a download: date, type and title, so a folder of them sorts by date. */
export function documentFilename(d: Pick<TDownloadableDocument, 'issued_on' | 'doc_type' | 'title'>): string {
  const base = safeFilename(`${d.issued_on}_${d.doc_type}_${d.title}`).slice(0, 100);
  return `${base}.pdf`;
}

/** Records the first download of the documents (they become read) with one audit row. */
async function recordDownload(
  deps: TAccountsDeps,
  tenant: TTenant,
  customerId: string,
  docs: readonly TDownloadableDocument[],
  actor: TActor,
): Promise<void> {
  const unread = docs.filter((d) => d.first_downloaded_at === null).map((d) => d.id);
  if (unread.length === 0) return;
  await deps.db.transaction().execute(async (trx) => {
    const n = await markDocumentsDownloaded(trx, tenant.id, customerId, unread, deps.now());
    if (n > 0)
      await appendAudit(trx, tenant.id, actor, {
        action: 'document.first_downloaded',
        entityType: 'customer',
        entityId: customerId,
        summary: { documents: unread },
      });
  });
}

/** "scarica": one document of the customer, marked read on its first download. */
export async function downloadDocument(
  deps: TAccountsDeps,
  tenant: TTenant,
  customerId: string,
  documentId: string,
  actor: TActor,
): Promise<{ filename: string; contentType: string; content: Buffer }> {
  const [doc] = await customerDocumentsByIds(deps.db, tenant.id, customerId, [documentId]);
  if (!doc) throw new NotFoundError();
  const content = await storedFileContent(deps.db, tenant.id, doc.file_id);
  await recordDownload(deps, tenant, customerId, [doc], actor);
  return { filename: documentFilename(doc), contentType: doc.content_type, content };
}

/** The selected documents of the customer (unknown or foreign ids are ignored). */
export async function selectDocumentsForZip(
  deps: TAccountsDeps,
  tenant: TTenant,
  customerId: string,
  ids: readonly string[],
): Promise<TDownloadableDocument[]> {
  return customerDocumentsByIds(deps.db, tenant.id, customerId, ids.slice(0, MAX_ZIP_DOCUMENTS));
}

/**
 * "Scarica i documenti": one zip, streamed. Files are read from the database one at a time and the
 * next one is read only after the archiver has taken the previous one, so memory holds one file, not
 * the whole archive. The documents become read when the download starts.
 */
export async function streamDocumentsZip(
  deps: TAccountsDeps,
  tenant: TTenant,
  customerId: string,
  docs: readonly TDownloadableDocument[],
  actor: TActor,
): Promise<Archiver> {
  await recordDownload(deps, tenant, customerId, docs, actor);
  // PDFs are compressed already: a light level keeps the CPU cost low.
  const archive = new ZipArchive({ zlib: { level: 1 } });
  const used = new Set<string>();
  const uniqueName = (name: string) => {
    let candidate = name;
    for (let i = 2; used.has(candidate.toLowerCase()); i++) candidate = name.replace(/\.pdf$/, `_${i}.pdf`);
    used.add(candidate.toLowerCase());
    return candidate;
  };
  const fill = async () => {
    for (const d of docs) {
      const content = await storedFileContent(deps.db, tenant.id, d.file_id);
      await new Promise<void>((resolve) => {
        archive.once('entry', () => resolve());
        archive.append(content, { name: uniqueName(documentFilename(d)) });
      });
    }
    await archive.finalize();
  };
  fill().catch((err: unknown) => {
    archive.abort();
    archive.destroy(err instanceof Error ? err : new Error(String(err)));
  });
  return archive;
}
