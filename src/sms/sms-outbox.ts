import { sql } from 'kysely';
import type { TDb } from '../db/database.js';
import type { TenantId } from '../tenancy/tenant.js';

/**
 * SMS go through a durable outbox, like e-mails: `enqueueSms` writes in the caller's transaction, the SMS
 * job of src/jobs/background-jobs.ts delivers later. A real gateway implements `TSmsSender` and is handed
 * to `startBackgroundJobs`. Without one (no contract yet) production leaves the messages pending, while
 * outside production the job hands them to `devSmsSink` (and /dev/sms lists them).
 * An SMS never carries a password.
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
 * Across every tenant (hence `unsafe`): locks up to `limit` pending messages, oldest first, in the
 * caller's transaction. FOR UPDATE SKIP LOCKED, so several instances can deliver at once and none takes
 * a message another one holds.
 */
export async function unsafeClaimPendingSms(trx: TDb, limit: number) {
  return trx
    .selectFrom('sms_outbox')
    .select(['id', 'to_number', 'body'])
    .where('status', '=', 'pending')
    .orderBy('id')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
}

/**
 * Delivers up to `limit` pending messages of every tenant through the gateway (the SMS job of
 * src/jobs/background-jobs.ts). A message is marked sent in the transaction that claimed it, so it goes
 * out once; one the gateway refuses stays pending for the next run.
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
    const rows = await unsafeClaimPendingSms(trx, limit);
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

/**
 * The gateway outside production while there is no SMS contract: "delivering" writes one log line and
 * marks the message sent; its text stays readable at /dev/sms. An SMS never carries a password, so
 * logging it is harmless.
 */
export function devSmsSink(logger: { info: (obj: object, msg: string) => void }): TSmsSender {
  return {
    send: async (to, body) => {
      logger.info({ sms: { to, body } }, 'SMS di sviluppo: non inviato, leggibile su /dev/sms');
    },
  };
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
