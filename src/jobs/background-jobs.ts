import type { FastifyBaseLogger as Logger } from 'fastify';
import { purgeSpentChallenges } from '../auth/check-code.js';
import { unsafePurgeExpiredSessions } from '../auth/session-store.js';
import type { TConfig } from '../config.js';
import type { TDb } from '../db/database.js';
import { BULK_DELIVERY, deliverDueMail, smtpSender } from '../mail/mail-worker.js';
import { unsafePurgeUnknownLoginFailures } from '../modules/accounts/users.js';
import { sendExpiryWarnings } from '../modules/companies/send-expiry-warnings.js';
import { sendDocumentReminders } from '../modules/documents/office/send-document-reminders.js';
import { sendApplicationReceipts } from '../modules/grants/application/send-application-receipts.js';
import { expireIntegrationRequests } from '../modules/grants/review/expire-integration-requests.js';
import { deliverPendingSms, devSmsSink, type TSmsSender } from '../sms/sms-outbox.js';

/**
 * Background work of every app instance. Instances coordinate through the database only: the mail
 * worker and the SMS job claim messages with SKIP LOCKED, the purges are idempotent deletes. Any number
 * can run. `smsSender` is the SMS gateway; without one, outside production, the development sink.
 */
export function startBackgroundJobs(
  db: TDb,
  config: TConfig,
  logger: Logger,
  opts: { grantIntakeBusy?: () => boolean; smsSender?: TSmsSender } = {},
): () => Promise<void> {
  const timers: NodeJS.Timeout[] = [];
  let stopping = false;
  /** Every task in progress: stop() waits for all of them, not only the latest. */
  const running = new Set<Promise<unknown>>();
  const closers: Array<() => void> = [];

  const every = (ms: number, name: string, task: () => Promise<unknown>) => {
    let busy = false;
    timers.push(
      setInterval(() => {
        if (busy || stopping) return;
        busy = true;
        const run: Promise<unknown> = task()
          .catch((err) => logger.error({ err, job: name }, 'background job failed'))
          .finally(() => {
            busy = false;
            running.delete(run);
          });
        running.add(run);
      }, ms).unref(),
    );
  };

  const smtpUrl = config.mail.smtpUrl;
  if (smtpUrl) {
    const sender = smtpSender(smtpUrl, config.mail.from);
    closers.push(sender.close);
    every(config.mail.workerIntervalMs, 'mail', async () => {
      // Drain the queue in batches while there is due mail.
      for (;;) {
        const r = await deliverDueMail(db, sender.send, { ...BULK_DELIVERY, logger });
        if (r.sent + r.retried + r.failed === 0 || stopping) break;
      }
    });
  } else {
    logger.info('SMTP_URL non impostata: le e-mail restano nella coda di uscita (vedi /dev/mailbox)');
  }
  // SMS outbox (enqueueSms): delivered like the mail, at the mail worker's pace, draining while there is
  // pending SMS. A batch where nothing went out ends the run (the gateway refuses: retry next time).
  const smsSender = opts.smsSender ?? (config.env === 'production' ? undefined : devSmsSink(logger));
  if (smsSender) {
    every(config.mail.workerIntervalMs, 'sms', async () => {
      for (;;) {
        const r = await deliverPendingSms(db, smsSender, () => new Date());
        if (r.sent === 0 || stopping) break;
      }
    });
  } else {
    logger.info('Nessun gestore SMS: gli SMS restano nella coda di uscita');
  }
  // Certification expiry warnings: idempotent per certification, warning and day (certification_warnings),
  // so running every hour on every instance sends each e-mail once and catches up after downtime.
  every(60 * 60_000, 'expiry-warnings', () => sendExpiryWarnings(db, config, new Date()));
  // Document reminders (seed 004): unread 10 days after the last notice → next notice, at most three.
  // Idempotent through document_notices, so every instance may run it and a missed day catches up once.
  every(60 * 60_000, 'document-reminders', () => sendDocumentReminders(db, config, new Date()));
  // Grants: receipts (PDF + e-mail) of submitted applications, claimed with SKIP LOCKED, off the intake path.
  // While "Invia" is busy on this instance the PDFs wait (one batch every 30 s at most): the receipt is
  // already on the application page, and rendering PDFs would take CPU from the intake.
  let lastReceipts = 0;
  every(2_000, 'grant-receipts', async () => {
    const busy = opts.grantIntakeBusy?.() ?? false;
    if (busy && Date.now() - lastReceipts < 30_000) return;
    lastReceipts = Date.now();
    await sendApplicationReceipts(db, config, new Date(), { maxBatches: busy ? 1 : undefined });
  });
  // Grants: integration requests past their due date are decided on what is there (idempotent).
  every(60 * 60_000, 'grant-integration-expiry', () => expireIntegrationRequests(db, new Date()));
  every(10 * 60_000, 'purge', async () => {
    await unsafePurgeExpiredSessions(db);
    await purgeSpentChallenges(db);
    await unsafePurgeUnknownLoginFailures(db, new Date(Date.now() - 86_400_000));
  });

  return async () => {
    stopping = true;
    for (const t of timers) clearInterval(t);
    await Promise.allSettled([...running]);
    for (const close of closers) close();
  };
}
