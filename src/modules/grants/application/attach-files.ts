// The attachments of an application (Allegato A, "ALLEGA"): PDF or image, checked by content, stored in
// the database with the link to the application in one transaction. Only the owner reads them; while the
// application is a draft the owner may replace or delete them.
import { appendAudit, type TActor } from '../../../audit/audit-log.js';
import type { TDb } from '../../../db/database.js';
import { readFile, storeFile } from '../../../files/stored-files.js';
import { checkUpload } from '../../../files/uploads.js';
import { NotFoundError } from '../../../http/errors.js';
import { formFiles } from '../../../http/forms.js';
import type { TenantId } from '../../../tenancy/tenant.js';
import type { TGrantCall } from '../calls/call.js';
import { ApplicationAlreadySubmittedError } from './save-draft.js';

export type TFilePhase = 'application' | 'integration';

export type TCheckedFile = { kind: string; filename: string; contentType: string; content: Buffer };

export type TAttachmentRow = {
  id: string;
  kind: string;
  phase: string;
  filename: string;
  sizeBytes: number;
  createdAt: Date;
};

/** The form field of an attachment kind ("file_invoices"). */
export const fileField = (kind: string) => `file_${kind}`;

/**
 * Reads the files of a multipart form for the given kinds (field `file_<kind>`), checking each by
 * content (PDF, JPEG or PNG, at most 5 MB). A problem becomes the message of its field.
 */
export async function readUploads(
  body: unknown,
  kinds: ReadonlyArray<{ kind: string; multiple: boolean; label?: string }>,
): Promise<{ files: TCheckedFile[]; errors: Record<string, string> }> {
  const all = formFiles(body);
  const files: TCheckedFile[] = [];
  const errors: Record<string, string> = {};
  for (const k of kinds) {
    const name = fileField(k.kind);
    const list = all[name] ?? [];
    if (!k.multiple && list.length > 1) {
      errors[name] = 'Scegli un solo file per questo allegato.';
      continue;
    }
    for (const f of list) {
      const check = await checkUpload(f, 'pdf_or_image');
      if (!check.ok) {
        errors[name] = list.length > 1 ? `${f.filename}: ${check.message}` : check.message;
        break;
      }
      files.push({ kind: k.kind, filename: f.filename, contentType: check.contentType, content: f.content });
    }
  }
  return { files, errors };
}

async function lockOwnApplication(trx: TDb, tenantId: TenantId, userId: string, applicationId: string) {
  const row = await trx
    .selectFrom('grant_applications')
    .select(['id', 'arrival_seq', 'status'])
    .where('tenant_id', '=', tenantId)
    .where('user_id', '=', userId)
    .where('id', '=', applicationId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw new NotFoundError('La domanda richiesta non esiste.');
  return row;
}

/** Stores the files of a draft; a kind that takes one file replaces the one already attached. */
export async function attachFiles(
  db: TDb,
  input: {
    tenantId: TenantId;
    userId: string;
    applicationId: string;
    call: TGrantCall;
    files: readonly TCheckedFile[];
    actor: TActor;
  },
): Promise<number> {
  const { tenantId, applicationId } = input;
  return db.transaction().execute(async (trx) => {
    const app = await lockOwnApplication(trx, tenantId, input.userId, applicationId);
    if (app.arrival_seq !== null) throw new ApplicationAlreadySubmittedError();
    const single = new Set<string>(
      input.call.rules.attachments.filter((a) => !a.multiple).map((a) => a.kind),
    );
    const replaced = [...new Set(input.files.map((f) => f.kind))].filter((k) => single.has(k));
    for (const kind of replaced) await removeFiles(trx, tenantId, applicationId, { kind });
    for (const f of input.files) await linkFile(trx, tenantId, applicationId, f, 'application');
    await appendAudit(trx, tenantId, input.actor, {
      action: 'grant.application_files_attached',
      entityType: 'grant_application',
      entityId: applicationId,
      summary: { files: input.files.map((f) => ({ kind: f.kind, filename: f.filename })) },
    });
    return input.files.length;
  });
}

/** Inside a transaction: stores one file and links it to the application. */
export async function linkFile(
  trx: TDb,
  tenantId: TenantId,
  applicationId: string,
  f: TCheckedFile,
  phase: TFilePhase,
): Promise<string> {
  const fileId = await storeFile(trx, tenantId, f);
  const row = await trx
    .insertInto('grant_application_files')
    .values({ tenant_id: tenantId, application_id: applicationId, kind: f.kind, file_id: fileId, phase })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function removeFiles(
  trx: TDb,
  tenantId: TenantId,
  applicationId: string,
  which: { kind: string } | { id: string },
): Promise<number> {
  let q = trx
    .deleteFrom('grant_application_files')
    .where('tenant_id', '=', tenantId)
    .where('application_id', '=', applicationId)
    .where('phase', '=', 'application');
  q = 'kind' in which ? q.where('kind', '=', which.kind) : q.where('id', '=', which.id);
  const gone = await q.returning('file_id').execute();
  if (gone.length > 0)
    await trx
      .deleteFrom('stored_files')
      .where('tenant_id', '=', tenantId)
      .where(
        'id',
        'in',
        gone.map((g) => g.file_id),
      )
      .execute();
  return gone.length;
}

/** Deletes one attachment of a draft (the owner's). */
export async function deleteAttachment(
  db: TDb,
  input: { tenantId: TenantId; userId: string; applicationId: string; attachmentId: string; actor: TActor },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const app = await lockOwnApplication(trx, input.tenantId, input.userId, input.applicationId);
    if (app.arrival_seq !== null) throw new ApplicationAlreadySubmittedError();
    const n = await removeFiles(trx, input.tenantId, input.applicationId, { id: input.attachmentId });
    if (n === 0) throw new NotFoundError('Il file richiesto non esiste.');
    await appendAudit(trx, input.tenantId, input.actor, {
      action: 'grant.application_file_deleted',
      entityType: 'grant_application',
      entityId: input.applicationId,
      summary: { attachmentId: input.attachmentId },
    });
  });
}

/** The files of an application, oldest first (the caller has checked the application is the viewer's). */
export async function listAttachments(
  db: TDb,
  tenantId: TenantId,
  applicationId: string,
): Promise<TAttachmentRow[]> {
  const rows = await db
    .selectFrom('grant_application_files as g')
    .innerJoin('stored_files as f', 'f.id', 'g.file_id')
    .select(['g.id', 'g.kind', 'g.phase', 'f.filename', 'f.size_bytes', 'g.created_at'])
    .where('g.tenant_id', '=', tenantId)
    .where('g.application_id', '=', applicationId)
    .orderBy('g.created_at')
    .orderBy('f.filename')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    phase: r.phase,
    filename: r.filename,
    sizeBytes: Number(r.size_bytes),
    createdAt: r.created_at,
  }));
}

/** One attachment's content (the caller has checked the application is the viewer's). */
export async function readAttachment(
  db: TDb,
  tenantId: TenantId,
  applicationId: string,
  attachmentId: string,
) {
  const link = await db
    .selectFrom('grant_application_files')
    .select('file_id')
    .where('tenant_id', '=', tenantId)
    .where('application_id', '=', applicationId)
    .where('id', '=', attachmentId)
    .executeTakeFirst();
  const file = link ? await readFile(db, tenantId, link.file_id) : undefined;
  if (!file) throw new NotFoundError('Il file richiesto non esiste.');
  return file;
}
