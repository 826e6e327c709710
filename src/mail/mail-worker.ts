import type { FastifyBaseLogger as Logger } from 'fastify';
import { sql } from 'kysely';
import nodemailer, { type Transporter } from 'nodemailer';
import type { TDb } from '../db/database.js';
import type { TMailRow } from '../db/schema.js';

export const MAX_ATTEMPTS = 8;
const LEASE_MS = 2 * 60_000;
/** SMTP timeouts well inside the lease (nodemailer's defaults go up to 10 minutes of socket silence). */
const SMTP_TIMEOUTS = { connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 };

/** Connections of the pooled SMTP transport. */
export const SMTP_POOL_CONNECTIONS = 5;

/** Backoff before the next attempt: 30 s, 1 min, 2 min, … capped at 1 hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 60 * 60_000);
}

export type TMailSender = (row: TMailRow) => Promise<void>;

export function smtpSender(smtpUrl: string, from: string): { send: TMailSender; close: () => void } {
  // Pooled: a few connections kept open and reused (a new SMTP session per message costs more than the
  // message itself), so a worker with `concurrency` > 1 can keep them all busy.
  const transport: Transporter = nodemailer.createTransport({
    url: smtpUrl,
    pool: true,
    maxConnections: SMTP_POOL_CONNECTIONS,
    maxMessages: 1000,
    ...SMTP_TIMEOUTS,
  });
  return {
    close: () => transport.close(),
    send: async (row) => {
      await transport.sendMail({
        from,
        to: row.to_address,
        subject: row.subject,
        text: row.text_body,
        html: row.html_body ?? undefined,
        messageId: `<outbox-${row.id}@focolare>`,
        attachments: row.attachments.map((a) => ({
          filename: a.filename,
          contentType: a.contentType,
          content: Buffer.from(a.contentBase64, 'base64'),
        })),
      });
    },
  };
}

/**
 * Claims due messages with FOR UPDATE SKIP LOCKED and a lease, so any number of app instances can run
 * the worker at once and none sends a message another has claimed. A message whose sender died is
 * retried when its lease runs out.
 */
export async function unsafeClaimDueMail(db: TDb, now: Date, batch: number): Promise<TMailRow[]> {
  const leaseUntil = new Date(now.getTime() + LEASE_MS);
  const rows = await db
    .updateTable('mail_outbox')
    .set({ status: 'sending', locked_until: leaseUntil, attempts: sql`attempts + 1` })
    .where(
      'id',
      'in',
      db
        .selectFrom('mail_outbox')
        .select('id')
        .where((eb) =>
          eb.or([
            eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', now)]),
            eb.and([eb('status', '=', 'sending'), eb('locked_until', '<', now)]),
          ]),
        )
        .orderBy('id')
        .limit(batch)
        .forUpdate()
        .skipLocked(),
    )
    .returningAll()
    .execute();
  // UPDATE … RETURNING gives no order: send oldest first, so a newer message (a second code) never
  // overtakes an older one.
  return rows.sort((a, b) => Number(a.id) - Number(b.id));
}

export type TDeliveryReport = { sent: number; retried: number; failed: number };

export type TDeliveryOptions = {
  now?: Date;
  /** Messages claimed at once (default 20). */
  batch?: number;
  /** Messages on the wire at once (default 1: one after the other, in order). */
  concurrency?: number;
  logger?: Logger;
};

/** For draining a large queue (bulk reminders): 500 claimed at once, 25 on the wire through the pool. */
export const BULK_DELIVERY = { batch: 500, concurrency: 25 } as const;

/**
 * Delivers one claimed batch. The batch is sent in chunks of up to `concurrency` messages (never two to
 * the same address in one chunk, so a newer message to someone never overtakes an older one). Before a
 * chunk goes out its leases are renewed in one compare-and-set on the lease this worker holds: a message
 * whose lease ran out and that another worker has reclaimed is left to that worker, and its outcome is
 * never overwritten afterwards. The sent ones are marked in one update per chunk.
 */
export async function deliverDueMail(
  db: TDb,
  send: TMailSender,
  opts: TDeliveryOptions = {},
): Promise<TDeliveryReport> {
  const now = opts.now ?? new Date();
  const startedAt = Date.now();
  const concurrency = Math.max(1, opts.concurrency ?? 1);
  // `now` moved on by the time this batch has taken so far (tests pass their own `now`).
  const current = () => new Date(now.getTime() + (Date.now() - startedAt));
  const rows = await unsafeClaimDueMail(db, now, opts.batch ?? 20);
  const report: TDeliveryReport = { sent: 0, retried: 0, failed: 0 };
  let next = 0;
  while (next < rows.length) {
    const chunk: TMailRow[] = [];
    const recipients = new Set<string>();
    while (next < rows.length && chunk.length < concurrency) {
      const key = rows[next]!.to_address.trim().toLowerCase();
      if (recipients.has(key)) break;
      recipients.add(key);
      chunk.push(rows[next++]!);
    }
    const lease = new Date(current().getTime() + LEASE_MS);
    const renewed = await db
      .updateTable('mail_outbox')
      .set({ locked_until: lease })
      .where(
        'id',
        'in',
        chunk.map((r) => r.id),
      )
      .where('status', '=', 'sending')
      .where('locked_until', '=', chunk[0]!.locked_until ?? now) // one claim: one lease for all
      .returning('id')
      .execute();
    const mine = new Set(renewed.map((r) => String(r.id)));
    const outgoing = chunk.filter((r) => mine.has(String(r.id)));
    const outcomes = await Promise.allSettled(outgoing.map((row) => send(row)));
    const sentIds: string[] = [];
    for (const [i, outcome] of outcomes.entries()) {
      const row = outgoing[i]!;
      if (outcome.status === 'fulfilled') {
        sentIds.push(row.id);
        report.sent++;
        continue;
      }
      const err: unknown = outcome.reason;
      const message = err instanceof Error ? err.message : String(err);
      const giveUp = row.attempts >= MAX_ATTEMPTS;
      await db
        .updateTable('mail_outbox')
        .set({
          status: giveUp ? 'failed' : 'pending',
          locked_until: null,
          last_error: message.slice(0, 500),
          next_attempt_at: new Date(now.getTime() + retryDelayMs(row.attempts)),
        })
        .where('id', '=', row.id)
        .where('locked_until', '=', lease)
        .execute();
      if (giveUp) report.failed++;
      else report.retried++;
      opts.logger?.warn({ mailId: row.id, attempts: row.attempts, giveUp }, 'mail delivery failed');
    }
    if (sentIds.length > 0)
      await db
        .updateTable('mail_outbox')
        .set({ status: 'sent', sent_at: new Date(), locked_until: null, last_error: null })
        .where('id', 'in', sentIds)
        .where('locked_until', '=', lease)
        .execute();
  }
  return report;
}
