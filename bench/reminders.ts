/**
 * Reminder benchmark: `npm run bench:reminders [-- --count N]` (default 100,000).
 *
 * On this machine, with a real SMTP server (smtp-server, in a child process: bench/reminders-smtp.mjs)
 * on 127.0.0.1 and a database (an in-memory PGlite, or with DATABASE_URL a new throw-away database on
 * that server, created, migrated and dropped at the end — test/helpers/test-db.ts):
 *  1. the raw SMTP rate of the app's transport (smtpSender: pooled, SMTP_POOL_CONNECTIONS connections)
 *     with BULK_DELIVERY.concurrency messages in flight and no database: the reference;
 *  2. N documents due for their second notice (unread, last notice 11 days ago) across N/5 customers,
 *     each with one linked account, inserted with generate_series;
 *  3. the time sendDocumentReminders takes to queue every e-mail (claims, outbox, audit);
 *  4. the time the mail worker (deliverDueMail with BULK_DELIVERY) takes to deliver all of them, the
 *     count the SMTP server received, e-mails per second, and the ratio to the raw rate;
 *  5. peak RSS of this process (sampled every 100 ms; PGlite runs in it) and of the SMTP process.
 * Bounded: a watchdog ends the run after BENCH_TIMEOUT_S (default 900) seconds. Only 127.0.0.1.
 */
import { fork } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { BULK_DELIVERY, deliverDueMail, smtpSender, SMTP_POOL_CONNECTIONS } from '../src/mail/mail-worker.js';
import type { TMailRow } from '../src/db/schema.js';
import { documentNoticeMail } from '../src/modules/documents/office/notice-mail.js';
import { sendDocumentReminders } from '../src/modules/documents/office/send-document-reminders.js';
import { createTestTenant, testConfig } from '../test/helpers/test-app.js';
import { createTestDatabase } from '../test/helpers/test-db.js';

const { values } = parseArgs({ options: { count: { type: 'string' } }, allowPositionals: false });
const COUNT = Math.min(Math.max(Number.parseInt(values.count ?? '100000', 10) || 100_000, 10), 1_000_000);
const RAW_COUNT = Math.min(COUNT, 20_000);
const TIMEOUT_S = Number(process.env.BENCH_TIMEOUT_S) > 0 ? Number(process.env.BENCH_TIMEOUT_S) : 900;
const FROM = 'Bench <noreply@bench.localhost>';

const watchdog = setTimeout(() => {
  console.error(`bench:reminders: superato il limite di ${TIMEOUT_S} s, interrotto.`);
  process.exit(2);
}, TIMEOUT_S * 1000);
watchdog.unref();

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 100);
sampler.unref();

const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;
const fmt = (n: number, d = 1) => n.toFixed(d);

type TStats = { received: number; bytes: number; rss: number; peakRss: number };

async function startSmtpProcess() {
  const child = fork(new URL('./reminders-smtp.mjs', import.meta.url), [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    execArgv: [],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m: { type: string; port: number }) => resolve(m.port));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`SMTP process exited (${code})`)));
  });
  const ask = <T>(type: string) =>
    new Promise<T>((resolve) => {
      const on = (m: { type: string }) => {
        if (m.type !== type) return;
        child.off('message', on);
        resolve(m as T);
      };
      child.on('message', on);
      child.send({ type });
    });
  return {
    port,
    stats: () => ask<TStats>('stats'),
    reset: () => ask<unknown>('reset'),
    stop: () => {
      child.send({ type: 'stop' });
      return new Promise<void>((resolve) => child.once('exit', () => resolve()));
    },
  };
}

async function main() {
  const config = testConfig();
  const smtp = await startSmtpProcess();
  const smtpUrl = `smtp://127.0.0.1:${smtp.port}`;
  console.log(
    `bench:reminders — ${COUNT} documenti, SMTP su 127.0.0.1:${smtp.port}, database ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite (in memoria)'}`,
  );
  console.log(
    `trasporto: nodemailer in pool (${SMTP_POOL_CONNECTIONS} connessioni), worker: batch ${BULK_DELIVERY.batch}, ${BULK_DELIVERY.concurrency} in volo`,
  );

  const tdb = await createTestDatabase();
  try {
    const tenant = await createTestTenant(tdb.db, { name: 'Ente Bench' });

    // 1. Raw SMTP reference: the same transport and the same concurrency, messages built in memory.
    const sample = documentNoticeMail(tenant, {
      to: 'cliente@example.org',
      noticeNo: 2,
      docType: 'Bolletta',
      title: 'Bolletta n. 1',
      issuedOn: '2026-03-01',
      customerCode: 'C0000001',
      link: 'http://bench.localhost/area-clienti',
    });
    const rawSender = smtpSender(smtpUrl, FROM);
    let next = 0;
    const rawStart = performance.now();
    await Promise.all(
      Array.from({ length: BULK_DELIVERY.concurrency }, async () => {
        while (next < RAW_COUNT) {
          const i = next++;
          await rawSender.send({
            id: String(i),
            to_address: `cliente${i}@example.org`,
            subject: sample.subject,
            text_body: sample.text,
            html_body: sample.html ?? null,
            attachments: [],
          } as unknown as TMailRow);
        }
      }),
    );
    const rawSeconds = (performance.now() - rawStart) / 1000;
    rawSender.close();
    const rawStats = await smtp.stats();
    const rawRate = RAW_COUNT / rawSeconds;
    console.log(
      `\n1. SMTP puro (senza database): ${RAW_COUNT} e-mail in ${fmt(rawSeconds)} s = ${fmt(rawRate, 0)} e-mail/s (ricevute ${rawStats.received})`,
    );
    await smtp.reset();

    // 2. Data: N/5 customers with one linked account each, N documents due for their second notice.
    const customers = Math.max(1, Math.ceil(COUNT / 5));
    const now = new Date();
    const lastNotice = new Date(now.getTime() - 11 * 86_400_000);
    const seedStart = performance.now();
    const file = await tdb.db
      .insertInto('stored_files')
      .values({
        tenant_id: tenant.id,
        filename: 'bolletta.pdf',
        content_type: 'application/pdf',
        size_bytes: 9,
        sha256: '0'.repeat(64),
        content: Buffer.from('%PDF-1.7\n'),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await sql`insert into customers (tenant_id, customer_code, customer_type, name, tax_code, email)
      select ${tenant.id}, 'C' || lpad(i::text, 7, '0'), 'privato', 'Cliente ' || i, 'RSSMRA80A01H501U', null
      from generate_series(1, ${customers}) i`.execute(tdb.db);
    await sql`insert into users (tenant_id, username, email, full_name, password_hash, role, status)
      select ${tenant.id}, 'cliente' || i || '@example.org', 'cliente' || i || '@example.org', 'Cliente ' || i, 'x', 'citizen', 'active'
      from generate_series(1, ${customers}) i`.execute(tdb.db);
    await sql`insert into customer_links (tenant_id, user_id, customer_id)
      select ${tenant.id}, u.id, c.id from customers c
      join users u on u.tenant_id = c.tenant_id and u.username = 'cliente' || ltrim(substr(c.customer_code, 2), '0') || '@example.org'
      where c.tenant_id = ${tenant.id}`.execute(tdb.db);
    await sql`insert into documents (tenant_id, customer_id, external_id, doc_type, title, issued_on, file_id,
        published_at, notices_sent, last_notice_at)
      select ${tenant.id}, c.id, 'B-' || i, 'Bolletta', 'Bolletta n. ' || i, date '2026-03-01', ${file.id},
        ${lastNotice}, 1, ${lastNotice}
      from generate_series(1, ${COUNT}) i
      join customers c on c.tenant_id = ${tenant.id} and c.customer_code = 'C' || lpad((1 + (i - 1) % ${customers})::text, 7, '0')`.execute(
      tdb.db,
    );
    await sql`insert into document_notices (document_id, notice_no, tenant_id, sent_at)
      select id, 1, tenant_id, last_notice_at from documents where tenant_id = ${tenant.id}`.execute(tdb.db);
    await sql`analyze`.execute(tdb.db);
    console.log(
      `\n2. Dati: ${customers} clienti con un account collegato, ${COUNT} documenti da ricordare, inseriti in ${fmt((performance.now() - seedStart) / 1000)} s`,
    );

    // 3. Queue every reminder.
    const queueStart = performance.now();
    const report = await sendDocumentReminders(tdb.db, config, now);
    const queueSeconds = (performance.now() - queueStart) / 1000;
    console.log(
      `3. sendDocumentReminders: ${report.notices} avvisi, ${report.mails} e-mail in coda in ${report.batches} transazioni, ${fmt(queueSeconds)} s = ${fmt(report.mails / queueSeconds, 0)} e-mail/s`,
    );

    // 4. Deliver them with the mail worker.
    const sender = smtpSender(smtpUrl, FROM);
    const deliverStart = performance.now();
    const totals = { sent: 0, retried: 0, failed: 0 };
    for (;;) {
      const r = await deliverDueMail(tdb.db, sender.send, { ...BULK_DELIVERY, now: new Date() });
      totals.sent += r.sent;
      totals.retried += r.retried;
      totals.failed += r.failed;
      if (r.sent + r.retried + r.failed === 0) break;
    }
    const deliverSeconds = (performance.now() - deliverStart) / 1000;
    sender.close();
    const stats = await smtp.stats();
    const pending = await tdb.db
      .selectFrom('mail_outbox')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('status')
      .execute();
    const rate = stats.received / deliverSeconds;
    console.log(
      `4. Consegna (deliverDueMail): inviate ${totals.sent}, riprovate ${totals.retried}, fallite ${totals.failed}; ricevute dal server SMTP ${stats.received} in ${fmt(deliverSeconds)} s = ${fmt(rate, 0)} e-mail/s`,
    );
    console.log(`   stato della coda: ${pending.map((p) => `${p.status} ${Number(p.n)}`).join(', ')}`);
    console.log(`   rapporto con l'SMTP puro: ${fmt(rate / rawRate, 2)}`);
    const total = queueSeconds + deliverSeconds;
    console.log(
      `   dalla coda alla consegna: ${fmt(total)} s in tutto = ${fmt(stats.received / total, 0)} e-mail/s`,
    );

    // 5. Memory.
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    console.log(
      `5. Memoria di picco (RSS): questo processo ${mb(peakRss)}${process.env.DATABASE_URL ? '' : ' (PGlite compreso)'}, processo SMTP ${mb(stats.peakRss)}`,
    );
    return stats.received === COUNT && report.mails === COUNT ? 0 : 1;
  } finally {
    await smtp.stop();
    await tdb.close();
  }
}

main().then(
  (code) => {
    clearTimeout(watchdog);
    process.exit(code);
  },
  (err: unknown) => {
    console.error('bench:reminders: errore', err);
    process.exit(1);
  },
);
