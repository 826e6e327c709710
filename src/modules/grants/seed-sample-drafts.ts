// Many citizens with complete drafts at once (multi-row inserts; the attachments of all drafts share one
// stored file per kind). For bench/click-day and the concurrency test: no password, no e-mail sent.
import type { TDb } from '../../db/database.js';
import { storeFile } from '../../files/stored-files.js';
import type { TenantId } from '../../tenancy/tenant.js';
import type { TApplicationValues } from './application-data.js';
import { ATTACHMENT_KINDS } from './call.js';
import { sampleApplicationValues } from './sample-application.js';

const TINY_PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

/**
 * Requests of 2.100–2.500 € (the GSE contribution varies with n), so that the arrival order decides
 * which ones fit in a budget and a cheaper later one could be (wrongly) preferred.
 */
export const varyingSampleValues = (n: number): TApplicationValues =>
  sampleApplicationValues(n, { gse_contribution: `${1500 + (n % 5) * 100},00` });

export type TSeededDraft = { n: number; userId: string; applicationId: string };

export async function insertSampleDrafts(
  db: TDb,
  input: {
    tenantId: TenantId;
    callId: string;
    count: number;
    /** Usernames are `${usernamePrefix}${n}` (e-mail at example.org). */
    usernamePrefix: string;
    valuesOf?: (n: number) => TApplicationValues;
    batch?: number;
  },
): Promise<TSeededDraft[]> {
  const { tenantId, callId, count, usernamePrefix } = input;
  const valuesOf = input.valuesOf ?? varyingSampleValues;
  const batch = input.batch ?? 1000;
  const fileIds = new Map<string, string>();
  for (const kind of ATTACHMENT_KINDS)
    fileIds.set(
      kind,
      await storeFile(db, tenantId, {
        filename: `${kind}.pdf`,
        contentType: 'application/pdf',
        content: TINY_PDF,
      }),
    );
  const out: TSeededDraft[] = [];
  for (let from = 0; from < count; from += batch) {
    const ns = Array.from({ length: Math.min(batch, count - from) }, (_, i) => from + i);
    const users = await db
      .insertInto('users')
      .values(
        ns.map((n) => ({
          tenant_id: tenantId,
          username: `${usernamePrefix}${n}`,
          email: `${usernamePrefix}${n}@example.org`,
          full_name: `Cittadino ${n}`,
          password_hash: 'x',
          role: 'citizen',
          status: 'active',
          must_change_password: false,
          email_verified_at: new Date(),
        })),
      )
      .returning(['id', 'username'])
      .execute();
    const userOf = new Map(users.map((u) => [u.username, u.id]));
    const apps = await db
      .insertInto('grant_applications')
      .values(
        ns.map((n) => ({
          tenant_id: tenantId,
          call_id: callId,
          user_id: userOf.get(`${usernamePrefix}${n}`)!,
          data: JSON.stringify(valuesOf(n)),
          step: 6,
        })),
      )
      .returning(['id', 'user_id'])
      .execute();
    const appOf = new Map(apps.map((a) => [a.user_id, a.id]));
    const rows = ns.map((n) => {
      const userId = userOf.get(`${usernamePrefix}${n}`)!;
      return { n, userId, applicationId: appOf.get(userId)! };
    });
    await db
      .insertInto('grant_application_files')
      .values(
        rows.flatMap((r) =>
          ATTACHMENT_KINDS.map((kind) => ({
            tenant_id: tenantId,
            application_id: r.applicationId,
            kind,
            file_id: fileIds.get(kind)!,
          })),
        ),
      )
      .execute();
    out.push(...rows);
  }
  return out;
}
