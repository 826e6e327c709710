import { sql } from 'kysely';
import type { TDb } from '../db/database.js';
import type { TenantId } from '../tenancy/tenant.js';

/**
 * SMS go through a durable outbox, like e-mails: `enqueueSms` writes in the caller's transaction, a
 * sender delivers later. Without a gateway (development, or no contract yet) the messages stay in the
 * outbox and are readable at /dev/sms. A real gateway implements `TSmsSender` and is handed to
 * `deliverPendingSms`. An SMS never carries a password.
 */
export type TSmsSender = {
  /** Sends one message; throws when the gateway refuses it (the row stays pending for a retry). */
  send(to: string, body: string): Promise<void>;
};

/** Italian mobile numbers: optional +39 / 0039, then 3 and 8 or 9 more digits; spaces, dots and dashes allowed. */
export function normaliseItalianMobile(value: string): string | undefined {
  const v = value.replace(/[\s.\-/()]/g, '');
  const m = /^(?:\+39|0039)?(3\d{8,9})$/.exec(v);
  return m ? `+39${m[1]}` : undefined;
}

export const MOBILE_MESSAGE =
  'Il numero di cellulare non è valido: scrivi un cellulare italiano, per esempio 333 1234567 o +39 333 1234567.';

export async function enqueueSms(
  trx: TDb,
  tenantId: TenantId | null,
  to: string,
  body: string,
): Promise<string> {
  const row = await trx
    .insertInto('sms_outbox')
    .values({ tenant_id: tenantId, to_number: to, body })
    .returning('id')
    .executeTakeFirstOrThrow();
  return String(row.id);
}

/**
 * Delivers up to `limit` pending messages through the gateway. Rows are claimed with SKIP LOCKED, so
 * several instances can run it at once without sending a message twice.
 */
export async function deliverPendingSms(
  db: TDb,
  sender: TSmsSender,
  now: () => Date,
  limit = 50,
): Promise<{ sent: number; failed: number }> {
  let sent = 0;
  let failed = 0;
  await db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('sms_outbox')
      .select(['id', 'to_number', 'body'])
      .where('status', '=', 'pending')
      .orderBy('id')
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .execute();
    for (const r of rows) {
      try {
        await sender.send(r.to_number, r.body);
        await trx
          .updateTable('sms_outbox')
          .set({ status: 'sent', sent_at: now() })
          .where('id', '=', r.id)
          .execute();
        sent++;
      } catch {
        failed++;
      }
    }
  });
  return { sent, failed };
}

/** Newest messages of one tenant, for the development outbox. */
export async function listSmsOutbox(db: TDb, tenantId: TenantId, limit = 50) {
  return db
    .selectFrom('sms_outbox')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .orderBy(sql`id`, 'desc')
    .limit(limit)
    .execute();
}
