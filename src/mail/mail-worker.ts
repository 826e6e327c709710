import type { FastifyBaseLogger as Logger } from 'fastify';
import { sql } from 'kysely';
import nodemailer, { type Transporter } from 'nodemailer';
import type { TDb } from '../db/database.js';
import type { TMailRow } from '../db/schema.js';

export const MAX_ATTEMPTS = 8;
const LEASE_MS = 2 * 60_000;
/** SMTP timeouts well inside the lease (nodemailer's defaults go up to 10 minutes of socket silence). */
const SMTP_TIMEOUTS = { connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 };

/** Backoff before the next attempt: 30 s, 1 min, 2 min, … capped at 1 hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 60 * 60_000);
}

export type TMailSender = (row: TMailRow) => Promise<void>;

export function smtpSender(smtpUrl: string, from: string): { send: TMailSender; close: () => void } {
  const transport: Transporter = nodemailer.createTransport({ url: smtpUrl, ...SMTP_TIMEOUTS });
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
export async function claimDueMail(db: TDb, now: Date, batch: number): Promise<TMailRow[]> {
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

export async function deliverDueMail(
  db: TDb,
  send: TMailSender,
  opts: { now?: Date; batch?: number; logger?: Logger } = {},
): Promise<TDeliveryReport> {
  const now = opts.now ?? new Date();
  const startedAt = Date.now();
  // `now` moved on by the time this batch has taken so far (tests pass their own `now`).
  const current = () => new Date(now.getTime() + (Date.now() - startedAt));
  const rows = await claimDueMail(db, now, opts.batch ?? 20);
  const report: TDeliveryReport = { sent: 0, retried: 0, failed: 0 };
  for (const row of rows) {
    // The whole batch was claimed at once: renew this message's lease right before sending it. If the
    // batch took so long that the lease ran out and another worker claimed the message, leave it to that
    // worker (compare-and-set on the lease we hold), and never overwrite its outcome afterwards.
    const lease = new Date(current().getTime() + LEASE_MS);
    const renewed = await db
      .updateTable('mail_outbox')
      .set({ locked_until: lease })
      .where('id', '=', row.id)
      .where('status', '=', 'sending')
      .where('locked_until', '=', row.locked_until ?? now)
      .executeTakeFirst();
    if (Number(renewed.numUpdatedRows) !== 1) continue;
    try {
      await send(row);
      await db
        .updateTable('mail_outbox')
        .set({ status: 'sent', sent_at: new Date(), locked_until: null, last_error: null })
        .where('id', '=', row.id)
        .where('locked_until', '=', lease)
        .execute();
      report.sent++;
    } catch (err) {
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
  }
  return report;
}
