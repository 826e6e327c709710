import type { TDb } from '../../src/db/database.js';
import { storeFile } from '../../src/files/stored-files.js';
import type { TApplicationValues } from '../../src/modules/grants/application-data.js';
import { ATTACHMENT_KINDS } from '../../src/modules/grants/call.js';
import type { TCallInput } from '../../src/modules/grants/create-call.js';
import { sampleApplicationValues } from '../../src/modules/grants/sample-application.js';
import { seedPuglia2024Call } from '../../src/modules/grants/seed-calls.js';
import type { TenantId } from '../../src/tenancy/tenant.js';

export const TINY_PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

/** The Puglia call, open around `now` (from an hour before to 30 days after), with optional overrides. */
export async function openPugliaCall(
  db: TDb,
  tenantId: TenantId,
  now: Date,
  over: Partial<TCallInput> = {},
): Promise<string> {
  return seedPuglia2024Call(db, tenantId, {
    code: `bando-${Math.random().toString(36).slice(2, 8)}`,
    opensAt: new Date(now.getTime() - 3_600_000),
    closesAt: new Date(now.getTime() + 30 * 86_400_000),
    ...over,
  });
}

/** A citizen account straight in the database (no password login needed). */
export async function insertCitizen(db: TDb, tenantId: TenantId, n: number): Promise<string> {
  const tag = `${n}-${Math.random().toString(36).slice(2, 9)}`;
  const row = await db
    .insertInto('users')
    .values({
      tenant_id: tenantId,
      username: `cittadino${tag}`,
      email: `cittadino${tag}@example.org`,
      full_name: `Cittadino ${n}`,
      password_hash: 'x',
      role: 'citizen',
      status: 'active',
      must_change_password: false,
      email_verified_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A complete draft with one file for each attachment of Allegato A (two invoices). */
export async function insertCompleteDraft(
  db: TDb,
  tenantId: TenantId,
  callId: string,
  userId: string,
  values: TApplicationValues = sampleApplicationValues(0),
): Promise<string> {
  const app = await db
    .insertInto('grant_applications')
    .values({ tenant_id: tenantId, call_id: callId, user_id: userId, data: JSON.stringify(values), step: 6 })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const kind of [...ATTACHMENT_KINDS, 'invoices']) {
    const fileId = await storeFile(db, tenantId, {
      filename: `${kind}.pdf`,
      contentType: 'application/pdf',
      content: TINY_PDF,
    });
    await db
      .insertInto('grant_application_files')
      .values({ tenant_id: tenantId, application_id: app.id, kind, file_id: fileId })
      .execute();
  }
  return app.id;
}
