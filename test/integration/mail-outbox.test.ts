import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, test } from 'node:test';
import { SMTPServer } from 'smtp-server';
import { openPostgres, type TDb } from '../../src/db/database.js';
import { unsafeClaimDueMail, deliverDueMail, MAX_ATTEMPTS, smtpSender } from '../../src/mail/mail-worker.js';
import { enqueueMail, type TMail } from '../../src/mail/outbox.js';
import type { TTenant } from '../../src/tenancy/tenant.js';
import { insertTenant } from '../../src/tenancy/tenants.js';
import { createTestDatabase, ownPool, type TTestDatabase } from '../helpers/test-db.js';

const FROM = 'Ente Dimostrativo <noreply@demo.focolare.localhost>';
const SUBJECT = 'Verbale di controllo: è disponibile l’attestato — attività n° 42 (però già firmato)';
const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(3000), Buffer.from('\n%%EOF\n')]);

type TReceived = { from: string; to: string[]; raw: string };
type TSmtp = { port: number; received: TReceived[]; stop: () => Promise<void> };

/** A real SMTP server on 127.0.0.1 that keeps every message it accepts. */
async function startSmtp(port = 0): Promise<TSmtp> {
  const received: TReceived[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const mailFrom = session.envelope.mailFrom;
        received.push({
          from: mailFrom ? mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.server.address() as AddressInfo).port,
    received,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A header of a raw message, unfolded, with RFC 2047 encoded words decoded. */
function header(raw: string, name: string): string | undefined {
  const head = raw.slice(0, raw.indexOf('\r\n\r\n')).replace(/\r\n[ \t]+/g, ' ');
  const line = head.split('\r\n').find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  if (line === undefined) return undefined;
  return line
    .slice(name.length + 1)
    .trim()
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?[^?]+\?([BbQq])\?([^?]*)\?=/g, (_m, enc: string, text: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(
            text
              .replace(/_/g, ' ')
              .replace(/=([0-9A-Fa-f]{2})/g, (_h, hex: string) =>
                String.fromCharCode(Number.parseInt(hex, 16)),
              ),
            'latin1',
          ).toString('utf8'),
    );
}

const messageIdOf = (r: TReceived) => header(r.raw, 'Message-ID');

describe(`mail outbox and worker (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  let tdb: TTestDatabase;
  let db: TDb;
  let dbUrl: string;
  let closeDb: () => Promise<void>;
  let tenant: TTenant;
  let smtp: TSmtp;

  before(async () => {
    tdb = await createTestDatabase();
    ({ db, url: dbUrl, close: closeDb } = await ownPool(tdb));
    const slug = `m${randomBytes(4).toString('hex')}`;
    tenant = await insertTenant(db, {
      slug,
      name: 'Ente Dimostrativo',
      activationEmail: `attivazioni@${slug}.example.org`,
      passwordPolicy: 'min6',
    });
    smtp = await startSmtp();
  });
  after(async () => {
    await smtp.stop();
    await closeDb();
    await tdb.close();
  });
  beforeEach(async () => {
    await db.deleteFrom('mail_outbox').execute();
    smtp.received.length = 0;
  });

  const mail = (to: string, extra: Partial<TMail> = {}): TMail => ({
    to,
    subject: SUBJECT,
    text: 'Gentile utente, il verbale è disponibile in allegato.',
    html: '<p>Gentile utente, il verbale è disponibile in allegato.</p>',
    ...extra,
  });

  test('delivers queued mail over SMTP: recipient, accented subject, PDF attachment', async () => {
    const withPdf = await enqueueMail(
      db,
      tenant.id,
      mail('mario.rossi@example.org', {
        attachments: [
          { filename: 'verbale-controllo-2026.pdf', contentType: 'application/pdf', content: PDF },
        ],
      }),
    );
    const plain = await enqueueMail(
      db,
      null,
      mail('anna.bianchi@example.org', { subject: 'Benvenuta in Focolare' }),
    );
    const sender = smtpSender(`smtp://127.0.0.1:${smtp.port}`, FROM);
    try {
      const report = await deliverDueMail(db, sender.send, { now: new Date() });
      assert.deepEqual(report, { sent: 2, retried: 0, failed: 0 });
    } finally {
      sender.close();
    }

    assert.equal(smtp.received.length, 2);
    const first = smtp.received.find((r) => messageIdOf(r) === `<outbox-${withPdf}@focolare>`);
    assert.ok(first, 'the mail with the attachment arrived');
    assert.deepEqual(first.to, ['mario.rossi@example.org']);
    assert.equal(first.from, 'noreply@demo.focolare.localhost');
    assert.equal(header(first.raw, 'To'), 'mario.rossi@example.org');
    assert.equal(header(first.raw, 'Subject'), SUBJECT);
    assert.match(first.raw, /Content-Type: application\/pdf; name=verbale-controllo-2026\.pdf/);
    assert.match(first.raw, /Content-Disposition: attachment; filename=verbale-controllo-2026\.pdf/);
    assert.ok(
      first.raw.replace(/\r\n/g, '').includes(PDF.toString('base64')),
      'the attachment content is intact',
    );
    assert.match(first.raw, /Content-Type: text\/html/);

    const second = smtp.received.find((r) => messageIdOf(r) === `<outbox-${plain}@focolare>`);
    assert.ok(second);
    assert.deepEqual(second.to, ['anna.bianchi@example.org']);
    assert.equal(header(second.raw, 'Subject'), 'Benvenuta in Focolare');

    const rows = await db.selectFrom('mail_outbox').selectAll().orderBy('id').execute();
    for (const row of rows) {
      assert.equal(row.status, 'sent');
      assert.equal(row.attempts, 1);
      assert.ok(row.sent_at instanceof Date);
      assert.equal(row.locked_until, null);
      assert.equal(row.last_error, null);
    }

    // Nothing is due any more: a second run sends nothing.
    const again = smtpSender(`smtp://127.0.0.1:${smtp.port}`, FROM);
    try {
      assert.deepEqual(await deliverDueMail(db, again.send, { now: new Date() }), {
        sent: 0,
        retried: 0,
        failed: 0,
      });
    } finally {
      again.close();
    }
    assert.equal(smtp.received.length, 2);
  });

  test('SMTP down: the mail stays pending with a later retry, then is delivered exactly once', async () => {
    const down = await startSmtp();
    const port = down.port;
    await down.stop();

    const ids = [
      await enqueueMail(db, tenant.id, mail('uno@example.org')),
      await enqueueMail(db, tenant.id, mail('due@example.org')),
    ];
    const t0 = new Date(Date.now() + 1000);
    const failing = smtpSender(`smtp://127.0.0.1:${port}`, FROM);
    try {
      assert.deepEqual(await deliverDueMail(db, failing.send, { now: t0 }), {
        sent: 0,
        retried: 2,
        failed: 0,
      });
    } finally {
      failing.close();
    }
    let rows = await db.selectFrom('mail_outbox').selectAll().orderBy('id').execute();
    assert.deepEqual(
      rows.map((r) => String(r.id)),
      ids,
      'nothing lost',
    );
    for (const row of rows) {
      assert.equal(row.status, 'pending');
      assert.equal(row.attempts, 1);
      assert.equal(row.locked_until, null);
      assert.ok(row.last_error && row.last_error.length > 0, 'the error is recorded');
      assert.ok(row.next_attempt_at.getTime() > t0.getTime(), 'the retry is in the future');
      assert.equal(row.next_attempt_at.getTime(), t0.getTime() + 30_000);
    }

    // The server is back on the same port.
    const up = await startSmtp(port);
    try {
      const sender = smtpSender(`smtp://127.0.0.1:${port}`, FROM);
      try {
        // Before the retry time nothing is attempted.
        assert.deepEqual(await deliverDueMail(db, sender.send, { now: new Date(t0.getTime() + 10_000) }), {
          sent: 0,
          retried: 0,
          failed: 0,
        });
        assert.equal(up.received.length, 0);
        // Past it, each is delivered once.
        const later = new Date(t0.getTime() + 31_000);
        assert.deepEqual(await deliverDueMail(db, sender.send, { now: later }), {
          sent: 2,
          retried: 0,
          failed: 0,
        });
        assert.deepEqual(await deliverDueMail(db, sender.send, { now: later }), {
          sent: 0,
          retried: 0,
          failed: 0,
        });
      } finally {
        sender.close();
      }
      assert.equal(up.received.length, 2);
      assert.deepEqual(
        up.received.map(messageIdOf).sort(),
        ids.map((id) => `<outbox-${id}@focolare>`).sort(),
      );
    } finally {
      await up.stop();
    }
    rows = await db.selectFrom('mail_outbox').selectAll().orderBy('id').execute();
    for (const row of rows) {
      assert.equal(row.status, 'sent');
      assert.equal(row.attempts, 2);
    }
  });

  test('a message claimed by a worker that died is retried when its lease runs out', async () => {
    const id = await enqueueMail(db, tenant.id, mail('lease@example.org'));
    const t0 = new Date(Date.now() + 1000);
    const claimed = await unsafeClaimDueMail(db, t0, 10); // the worker dies before sending
    assert.deepEqual(
      claimed.map((r) => String(r.id)),
      [id],
    );
    const sender = smtpSender(`smtp://127.0.0.1:${smtp.port}`, FROM);
    try {
      assert.equal((await deliverDueMail(db, sender.send, { now: new Date(t0.getTime() + 60_000) })).sent, 0);
      assert.equal(
        (await deliverDueMail(db, sender.send, { now: new Date(t0.getTime() + 3 * 60_000) })).sent,
        1,
      );
    } finally {
      sender.close();
    }
    assert.deepEqual(smtp.received.map(messageIdOf), [`<outbox-${id}@focolare>`]);
  });

  test('a worker whose lease ran out in the middle of a slow batch leaves the rest to the worker that reclaimed it', async () => {
    const ids = [
      await enqueueMail(db, tenant.id, mail('lento1@example.org')),
      await enqueueMail(db, tenant.id, mail('lento2@example.org')),
      await enqueueMail(db, tenant.id, mail('lento3@example.org')),
    ];
    const t0 = new Date(Date.now() + 1000);
    const delivered: string[] = [];
    let stuck = true;
    // Worker A is stuck on its first message for longer than the lease; meanwhile worker B runs.
    const slowA = async (row: { id: string }) => {
      if (stuck) {
        stuck = false;
        const b = await deliverDueMail(db, async (r) => void delivered.push(`B:${r.id}`), {
          now: new Date(t0.getTime() + 3 * 60_000),
        });
        assert.deepEqual(b, { sent: 3, retried: 0, failed: 0 });
      }
      delivered.push(`A:${row.id}`);
    };
    const a = await deliverDueMail(db, slowA, { now: t0 });
    // A's first message was already on the wire (at least once), but A sends none of the others again.
    assert.deepEqual(a, { sent: 1, retried: 0, failed: 0 });
    assert.deepEqual(delivered, [...ids.map((id) => `B:${id}`), `A:${ids[0]}`]);
    const rows = await db.selectFrom('mail_outbox').selectAll().orderBy('id').execute();
    assert.deepEqual(
      rows.map((r) => [r.status, r.attempts, r.locked_until]),
      [
        ['sent', 2, null],
        ['sent', 2, null],
        ['sent', 2, null],
      ],
    );
  });

  test(`after ${MAX_ATTEMPTS} failed attempts the message is marked failed, not retried for ever`, async () => {
    const id = await enqueueMail(db, tenant.id, mail('mai@example.org'));
    const refuse = async () => {
      throw new Error('550 casella inesistente');
    };
    let now = new Date(Date.now() + 1000);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const report = await deliverDueMail(db, refuse, { now });
      assert.deepEqual(
        report,
        attempt < MAX_ATTEMPTS ? { sent: 0, retried: 1, failed: 0 } : { sent: 0, retried: 0, failed: 1 },
      );
      now = new Date(now.getTime() + 2 * 60 * 60_000);
    }
    const row = await db.selectFrom('mail_outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.status, 'failed');
    assert.equal(row.attempts, MAX_ATTEMPTS);
    assert.equal(row.last_error, '550 casella inesistente');
    assert.deepEqual(await deliverDueMail(db, refuse, { now }), { sent: 0, retried: 0, failed: 0 });
  });

  test('two workers at once deliver each of 30 messages exactly once', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) ids.push(await enqueueMail(db, tenant.id, mail(`utente${i}@example.org`)));

    // On PostgreSQL the second worker has its own pool, as another app instance would.
    const other = tdb.engine === 'postgres' ? openPostgres(dbUrl, 5) : undefined;
    const now = new Date(Date.now() + 1000);
    const worker = async (wdb: TDb) => {
      const sender = smtpSender(`smtp://127.0.0.1:${smtp.port}`, FROM);
      let sent = 0;
      try {
        for (;;) {
          const r = await deliverDueMail(wdb, sender.send, { now, batch: 4 });
          assert.equal(r.retried + r.failed, 0);
          if (r.sent === 0) return sent;
          sent += r.sent;
        }
      } finally {
        sender.close();
      }
    };
    try {
      const [a, b] = await Promise.all([worker(db), worker(other?.db ?? db)]);
      assert.equal(a + b, 30);
    } finally {
      await other?.close();
    }

    const arrived = smtp.received.map(messageIdOf);
    assert.equal(arrived.length, 30, 'no message sent twice');
    assert.deepEqual([...arrived].sort(), ids.map((id) => `<outbox-${id}@focolare>`).sort());
    const counts = await db
      .selectFrom('mail_outbox')
      .select(['status', 'attempts', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy(['status', 'attempts'])
      .execute();
    assert.deepEqual(
      counts.map((c) => ({ ...c, n: Number(c.n) })),
      [{ status: 'sent', attempts: 1, n: 30 }],
    );
  });

  test('a mail enqueued in a transaction that rolls back is not in the outbox', async () => {
    await assert.rejects(
      db.transaction().execute(async (trx) => {
        await enqueueMail(trx, tenant.id, mail('annullata@example.org'));
        throw new Error('modifica annullata');
      }),
      /modifica annullata/,
    );
    await db.transaction().execute(async (trx) => {
      await enqueueMail(trx, tenant.id, mail('confermata@example.org'));
    });
    const rows = await db.selectFrom('mail_outbox').select('to_address').execute();
    assert.deepEqual(
      rows.map((r) => r.to_address),
      ['confermata@example.org'],
    );
  });
});
