import { sql } from 'kysely';
import { appendAudit, type TActor } from '../../../audit/audit-log.js';
import type { TConfig } from '../../../config.js';
import type { TDb } from '../../../db/database.js';
import type { TMail } from '../../../mail/outbox.js';
import type { TenantId, TTenant } from '../../../tenancy/tenant.js';
import { getTenant } from '../../../tenancy/tenants.js';
import { enqueueMails, noticeRecipients } from './document-notices.js';
import { customerAreaLink, documentNoticeMail } from './notice-mail.js';

/** A reminder goes out this long after the last notice if the document is still unread. */
export const REMINDER_AFTER_MS = 10 * 86_400_000;
/** Publication notice + two reminders: then no more. */
export const MAX_NOTICES = 3;
/** Documents claimed per transaction. */
export const REMINDER_BATCH = 500;

const JOB_ACTOR: TActor = { id: null, label: 'sistema (promemoria documenti)', ip: null };

export type TClaimedNotice = {
  documentId: string;
  tenantId: TenantId;
  customerId: string;
  customerCode: string;
  noticeNo: number;
  docType: string;
  title: string;
  issuedOn: string;
};

/**
 * Across every tenant (hence `unsafe`): claims up to `limit` documents owed a reminder — unread, fewer
 * than three notices, last notice at least 10 days before `now` — inside the caller's transaction.
 * The rows are picked with FOR UPDATE SKIP LOCKED (through the partial index documents_reminder_due_idx),
 * so instances running at once take different documents, and each is claimed by inserting its
 * document_notices row (document, notices_sent + 1) with ON CONFLICT DO NOTHING: a notice that another
 * run has already recorded is never claimed twice. The claimed documents get notices_sent + 1 and
 * last_notice_at = now, so a run after downtime sends the overdue notice once and the next one comes
 * 10 days after it.
 */
export async function unsafeClaimDueDocumentReminders(
  trx: TDb,
  now: Date,
  limit = REMINDER_BATCH,
): Promise<TClaimedNotice[]> {
  const cutoff = new Date(now.getTime() - REMINDER_AFTER_MS);
  const { rows } = await sql<{
    document_id: string;
    notice_no: number;
    tenant_id: TenantId;
    customer_id: string;
    customer_code: string;
    doc_type: string;
    title: string;
    issued_on: string;
  }>`
    with due as (
      select d.id, d.tenant_id, d.notices_sent
      from documents d
      where d.first_downloaded_at is null and d.notices_sent < ${sql.lit(MAX_NOTICES)}
        and d.last_notice_at <= ${cutoff}
      order by d.last_notice_at, d.id
      limit ${limit}
      for update skip locked
    ),
    claimed as (
      insert into document_notices (document_id, notice_no, tenant_id, sent_at)
      select id, notices_sent + 1, tenant_id, ${now} from due
      on conflict do nothing
      returning document_id, notice_no
    ),
    updated as (
      update documents d set notices_sent = c.notice_no, last_notice_at = ${now}
      from claimed c where d.id = c.document_id
      returning d.id, d.tenant_id, d.customer_id, d.doc_type, d.title, d.issued_on, c.notice_no
    )
    select u.id as document_id, u.notice_no, u.tenant_id, u.customer_id, k.customer_code,
           u.doc_type, u.title, u.issued_on
    from updated u join customers k on k.id = u.customer_id and k.tenant_id = u.tenant_id
    order by u.tenant_id, u.customer_id, u.id`.execute(trx);
  return rows.map((r) => ({
    documentId: r.document_id,
    tenantId: r.tenant_id,
    customerId: r.customer_id,
    customerCode: r.customer_code,
    noticeNo: Number(r.notice_no),
    docType: r.doc_type,
    title: r.title,
    issuedOn: r.issued_on,
  }));
}

export type TReminderReport = { notices: number; mails: number; batches: number };

/**
 * The daily (or hourly: it is idempotent) reminder job of seed 004 § 6, for every tenant. In batches of
 * REMINDER_BATCH documents, each batch one transaction: claim (above), the e-mails in the outbox, and
 * one audit row per tenant of the batch ('document.reminders_sent', with the document ids and notice
 * numbers). Safe on several instances at once and after downtime.
 */
export async function sendDocumentReminders(
  db: TDb,
  config: TConfig,
  now: Date,
  opts: { batch?: number } = {},
): Promise<TReminderReport> {
  const report: TReminderReport = { notices: 0, mails: 0, batches: 0 };
  const tenants = new Map<TenantId, TTenant>();
  const tenantOf = async (trx: TDb, id: TenantId) => {
    let t = tenants.get(id);
    if (!t) {
      t = await getTenant(trx, id);
      tenants.set(id, t);
    }
    return t;
  };
  for (;;) {
    const done = await db.transaction().execute(async (trx) => {
      const claimed = await unsafeClaimDueDocumentReminders(trx, now, opts.batch ?? REMINDER_BATCH);
      if (claimed.length === 0) return { notices: 0, mails: 0 };
      const byTenant = new Map<TenantId, TClaimedNotice[]>();
      for (const c of claimed) byTenant.set(c.tenantId, [...(byTenant.get(c.tenantId) ?? []), c]);
      let mails = 0;
      for (const [tenantId, notices] of byTenant) {
        const tenant = await tenantOf(trx, tenantId);
        const link = customerAreaLink(config, tenant);
        const recipients = await noticeRecipients(
          trx,
          tenantId,
          notices.map((n) => n.customerId),
        );
        const out: TMail[] = [];
        for (const n of notices)
          for (const to of recipients.get(n.customerId) ?? [])
            out.push(documentNoticeMail(tenant, { to, link, ...n }));
        mails += await enqueueMails(trx, tenantId, out);
        await appendAudit(trx, tenantId, JOB_ACTOR, {
          action: 'document.reminders_sent',
          entityType: 'document',
          entityId: null,
          summary: {
            documents: notices.length,
            mails: out.length,
            notices: notices.map((n) => ({ documentId: n.documentId, noticeNo: n.noticeNo })),
          },
        });
      }
      return { notices: claimed.length, mails };
    });
    if (done.notices === 0) break;
    report.notices += done.notices;
    report.mails += done.mails;
    report.batches++;
  }
  return report;
}
