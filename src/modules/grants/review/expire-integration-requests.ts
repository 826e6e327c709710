// The integration clock's job (Avviso § 6): a request unanswered past its due date puts the application
// back under review, "valutata sulla base della documentazione disponibile". Idempotent: each application
// is updated only while still 'integration_requested' and past due, in its own transaction with its audit
// row and the e-mail to the applicant. Runs for every tenant (background job).
import { appendAudit } from '../../../audit/audit-log.js';
import type { TDb } from '../../../db/database.js';
import { enqueueMail } from '../../../mail/outbox.js';
import type { TenantId } from '../../../tenancy/tenant.js';
import { getTenant } from '../../../tenancy/tenants.js';
import { applicantName } from '../application/allegato-a/answers.js';
import { applicationFromRow } from '../application/queries.js';
import { EXPIRED_INTEGRATION_NOTE } from './integration-clock.js';
import { integrationExpiredMail } from './review-mails.js';

const SYSTEM = { id: null, label: 'sistema', ip: null };

/** Requests past due, across every tenant (the cross-tenant read of this job). */
export async function unsafeOverdueIntegrationRequests(
  db: TDb,
  now: Date,
  limit = 500,
): Promise<Array<{ tenantId: TenantId; applicationId: string }>> {
  const rows = await db
    .selectFrom('grant_applications')
    .select(['tenant_id', 'id'])
    .where('status', '=', 'integration_requested')
    .where('integration_answered_at', 'is', null)
    .where('integration_due_at', '<', now)
    .orderBy('integration_due_at')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ tenantId: r.tenant_id, applicationId: r.id }));
}

/** Returns how many requests expired. */
export async function expireIntegrationRequests(db: TDb, now: Date): Promise<number> {
  let expired = 0;
  for (;;) {
    const due = await unsafeOverdueIntegrationRequests(db, now);
    let changed = 0;
    for (const { tenantId, applicationId } of due) {
      const done = await db.transaction().execute(async (trx) => {
        const row = await trx
          .updateTable('grant_applications')
          .set({ status: 'submitted', updated_at: now })
          .where('tenant_id', '=', tenantId)
          .where('id', '=', applicationId)
          .where('status', '=', 'integration_requested')
          .where('integration_answered_at', 'is', null)
          .where('integration_due_at', '<', now)
          .returningAll()
          .executeTakeFirst();
        if (!row) return false;
        const app = applicationFromRow(row);
        await appendAudit(trx, tenantId, SYSTEM, {
          action: 'grant.integration_expired',
          entityType: 'grant_application',
          entityId: app.id,
          summary: {
            protocollo: app.protocol,
            scadenza: app.integrationDueAt?.toISOString(),
            nota: EXPIRED_INTEGRATION_NOTE,
          },
        });
        const to = (app.answers.email ?? '').trim();
        if (to) {
          const tenant = await getTenant(trx, tenantId);
          const call = await trx
            .selectFrom('grant_calls')
            .select('title')
            .where('tenant_id', '=', tenantId)
            .where('id', '=', app.callId)
            .executeTakeFirstOrThrow();
          await enqueueMail(
            trx,
            tenantId,
            integrationExpiredMail(tenant, {
              to,
              applicantName: applicantName(app.answers),
              protocol: app.protocol ?? '',
              callTitle: call.title,
              dueAt: app.integrationDueAt ?? now,
            }),
          );
        }
        return true;
      });
      if (done) changed++;
    }
    expired += changed;
    if (due.length < 500 || changed === 0) return expired;
  }
}
