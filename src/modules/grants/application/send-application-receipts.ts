// The receipts job: every submitted application gets its receipt (PDF attached) by e-mail, once.
// It runs every couple of seconds on every instance, across tenants; rows are claimed with
// FOR UPDATE SKIP LOCKED, so instances running at once send different receipts and none twice.
import { sql } from 'kysely';
import { appendAudit, type TActor } from '../../../audit/audit-log.js';
import type { TConfig } from '../../../config.js';
import type { TDb } from '../../../db/database.js';
import type { TGrantApplicationRow } from '../../../db/schema.js';
import { enqueueMail } from '../../../mail/outbox.js';
import type { TenantId, TTenant } from '../../../tenancy/tenant.js';
import { tenantBaseUrl } from '../../../tenancy/tenant.js';
import { getTenant } from '../../../tenancy/tenants.js';
import { applicantName } from './allegato-a/answers.js';
import { applicationReceiptMail, verificationUrl } from './application-mails.js';
import { renderApplicationReceipt } from './application-receipt.js';
import { applicationFromRow, type TApplication } from './queries.js';

/** Applications claimed per transaction. */
export const RECEIPT_BATCH = 50;

const JOB_ACTOR: TActor = { id: null, label: 'sistema (ricevute domande)', ip: null };

export type TClaimedReceipt = { application: TApplication; callTitle: string };

/**
 * Across every tenant (hence `unsafe`): up to `limit` submitted applications whose receipt is not sent,
 * oldest arrival first, locked FOR UPDATE SKIP LOCKED inside the caller's transaction (through the
 * partial index grant_apps_receipt_idx). The caller sets receipt_sent_at before committing.
 */
export async function unsafeClaimPendingReceipts(
  trx: TDb,
  limit = RECEIPT_BATCH,
): Promise<TClaimedReceipt[]> {
  const { rows } = await sql<TGrantApplicationRow & { call_title: string }>`
    select a.*, c.title as call_title
      from grant_applications a
      join grant_calls c on c.id = a.call_id and c.tenant_id = a.tenant_id
     where a.arrival_seq is not null and a.receipt_sent_at is null
     order by a.submitted_at, a.arrival_seq
     limit ${limit}
     for update of a skip locked`.execute(trx);
  return rows.map((r) => ({ application: applicationFromRow(r), callTitle: r.call_title }));
}

/**
 * Sends the pending receipts: per batch one transaction with the claim, the PDFs, the e-mails in the
 * outbox, receipt_sent_at and one audit row per tenant. Returns how many receipts were handled.
 */
export async function sendApplicationReceipts(
  db: TDb,
  config: TConfig,
  now: Date,
  opts: { maxBatches?: number } = {},
): Promise<number> {
  let batches = 0;
  const tenants = new Map<TenantId, TTenant>();
  const tenantOf = async (trx: TDb, id: TenantId) => {
    let t = tenants.get(id);
    if (!t) {
      t = await getTenant(trx, id);
      tenants.set(id, t);
    }
    return t;
  };
  let total = 0;
  for (;;) {
    const n = await db.transaction().execute(async (trx) => {
      const claimed = await unsafeClaimPendingReceipts(trx);
      if (claimed.length === 0) return 0;
      const byTenant = new Map<TenantId, TClaimedReceipt[]>();
      for (const c of claimed)
        byTenant.set(c.application.tenantId, [...(byTenant.get(c.application.tenantId) ?? []), c]);
      for (const [tenantId, list] of byTenant) {
        const tenant = await tenantOf(trx, tenantId);
        const sent: string[] = [];
        const verifyUrl = verificationUrl(config, tenant);
        for (const { application: a, callTitle } of list) {
          const to = (a.answers.email ?? '').trim();
          if (to) {
            const pdf = await renderApplicationReceipt({ tenant, callTitle, application: a, verifyUrl });
            await enqueueMail(
              trx,
              tenantId,
              applicationReceiptMail(tenant, {
                to,
                applicantName: applicantName(a.answers),
                protocol: a.protocol ?? '',
                submittedAt: a.submittedAt ?? now,
                callTitle,
                requestedCents: a.requestedCents ?? 0,
                reservedCents: a.reservedCents,
                funding: a.funding,
                verificationCode: a.verificationCode ?? '',
                verifyUrl: verificationUrl(config, tenant, a.verificationCode ?? undefined),
                applicationUrl: `${tenantBaseUrl(config, tenant)}/domande/${a.id}`,
                pdf,
              }),
            );
            sent.push(a.protocol ?? a.id);
          }
        }
        await trx
          .updateTable('grant_applications')
          .set({ receipt_sent_at: now })
          .where('tenant_id', '=', tenantId)
          .where(
            'id',
            'in',
            list.map((c) => c.application.id),
          )
          .execute();
        await appendAudit(trx, tenantId, JOB_ACTOR, {
          action: 'grant.receipts_sent',
          entityType: 'grant_application',
          entityId: null,
          summary: { protocolli: sent, senza_email: list.length - sent.length },
        });
      }
      return claimed.length;
    });
    if (n === 0) break;
    total += n;
    if (++batches >= (opts.maxBatches ?? Number.POSITIVE_INFINITY)) break;
  }
  return total;
}
