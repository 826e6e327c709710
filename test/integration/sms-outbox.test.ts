import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyBaseLogger } from 'fastify';
import { loadConfig } from '../../src/config.js';
import type { TDb } from '../../src/db/database.js';
import { startBackgroundJobs } from '../../src/jobs/background-jobs.js';
import { enqueueSms, type TSmsSender } from '../../src/sms/sms-outbox.js';
import type { TTenant } from '../../src/tenancy/tenant.js';
import { insertTenant } from '../../src/tenancy/tenants.js';
import { createTestDatabase, ownPool, type TTestDatabase } from '../helpers/test-db.js';

// The SMS job of the background jobs (src/jobs/background-jobs.ts) with its default gateway outside
// production, the development sink, which writes each message it "delivers" to the log.

type TSms = { to: string; body: string };

/** A logger that keeps what the development SMS sink writes (and the messages of the jobs). */
function recordingLogger() {
  const sms: TSms[] = [];
  const messages: string[] = [];
  const logger = {
    level: 'info',
    info(obj: unknown, msg?: string) {
      if (typeof obj === 'string') messages.push(obj);
      else if (msg !== undefined) messages.push(msg);
      if (obj && typeof obj === 'object' && 'sms' in obj) sms.push((obj as { sms: TSms }).sms);
    },
    error(obj: unknown, msg?: string) {
      messages.push(`error: ${msg ?? String(obj)}`);
    },
    warn() {},
    debug() {},
    trace() {},
    fatal() {},
    silent() {},
    child() {
      return logger;
    },
  };
  return { logger: logger as unknown as FastifyBaseLogger, sms, messages };
}

async function until(what: string, cond: () => Promise<boolean>, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe(`SMS delivery from the outbox (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  const INTERVAL_MS = 50;
  const config = loadConfig({ NODE_ENV: 'test', MAIL_WORKER_INTERVAL_MS: String(INTERVAL_MS) });
  let tdb: TTestDatabase;
  let db: TDb;
  let closeDb: () => Promise<void>;
  let tenant: TTenant;

  before(async () => {
    tdb = await createTestDatabase();
    ({ db, close: closeDb } = await ownPool(tdb));
    tenant = await insertTenant(db, {
      slug: 'sms',
      name: 'Ente SMS',
      activationEmail: 'attivazioni@sms.example.org',
      passwordPolicy: 'min6',
    });
  });
  after(async () => {
    await closeDb();
    await tdb.close();
  });

  const rowsWithBody = (body: string) =>
    db.selectFrom('sms_outbox').select(['status', 'sent_at']).where('body', '=', body).execute();
  const isSent = async (body: string) => (await rowsWithBody(body)).every((r) => r.status === 'sent');

  test('an SMS queued in a committed transaction is delivered by the job to the development sink, once', async () => {
    const body = 'Il tuo account è stato creato: controlla la posta per attivarlo.';
    await db.transaction().execute(async (trx) => {
      await enqueueSms(trx, tenant.id, '+393331234567', body);
    });
    const { logger, sms } = recordingLogger();
    const stop = startBackgroundJobs(db, config, logger);
    try {
      await until('the SMS to be sent', () => isSent(body));
      // Several more runs of the job: nothing goes out a second time.
      await sleep(INTERVAL_MS * 8);
    } finally {
      await stop();
    }
    assert.deepEqual(
      sms.filter((m) => m.body === body),
      [{ to: '+393331234567', body }],
    );
    const [row] = await rowsWithBody(body);
    assert.equal(row?.status, 'sent');
    assert.ok(row?.sent_at instanceof Date);
  });

  test('an SMS queued in a transaction that rolls back is never delivered', async () => {
    const rolledBack = 'Messaggio di una transazione annullata';
    const committed = 'Messaggio di una transazione confermata';
    await assert.rejects(
      db.transaction().execute(async (trx) => {
        await enqueueSms(trx, tenant.id, '+393330000001', rolledBack);
        throw new Error('rollback');
      }),
      /rollback/,
    );
    // A committed message after it: once that one is out, the job has run past the rolled-back one.
    await db.transaction().execute((trx) => enqueueSms(trx, tenant.id, '+393330000002', committed));
    const { logger, sms } = recordingLogger();
    const stop = startBackgroundJobs(db, config, logger);
    try {
      await until('the committed SMS to be sent', () => isSent(committed));
      await sleep(INTERVAL_MS * 4);
    } finally {
      await stop();
    }
    assert.deepEqual(await rowsWithBody(rolledBack), []);
    assert.deepEqual(
      sms.filter((m) => m.body === rolledBack),
      [],
    );
    assert.equal(sms.filter((m) => m.body === committed).length, 1);
  });

  test('two instances running the job deliver each message exactly once', async () => {
    const bodies = Array.from({ length: 30 }, (_, i) => `Avviso numero ${i + 1} per due istanze`);
    await db.transaction().execute(async (trx) => {
      for (const [i, body] of bodies.entries())
        await enqueueSms(trx, tenant.id, `+39333${String(i).padStart(7, '0')}`, body);
    });
    const second = await ownPool(tdb);
    const a = recordingLogger();
    const b = recordingLogger();
    const stopA = startBackgroundJobs(db, config, a.logger);
    const stopB = startBackgroundJobs(second.db, config, b.logger);
    try {
      await until('every SMS to be sent', async () => {
        for (const body of bodies) if (!(await isSent(body))) return false;
        return true;
      });
      await sleep(INTERVAL_MS * 4);
    } finally {
      await stopA();
      await stopB();
      await second.close();
    }
    const delivered = [...a.sms, ...b.sms].map((m) => m.body).filter((body) => bodies.includes(body));
    assert.deepEqual(delivered.toSorted(), bodies.toSorted());
  });

  test('a message the gateway refuses stays pending and goes out once on a later run', async () => {
    const body = 'Messaggio rifiutato una volta dal gestore';
    await db.transaction().execute((trx) => enqueueSms(trx, tenant.id, '+393339999999', body));
    const sent: TSms[] = [];
    let refusals = 0;
    const gateway: TSmsSender = {
      send: async (to, text) => {
        if (text === body && refusals++ === 0) throw new Error('gateway refused');
        sent.push({ to, body: text });
      },
    };
    const stop = startBackgroundJobs(db, config, recordingLogger().logger, { smsSender: gateway });
    try {
      await until('the refused SMS to be sent', () => isSent(body));
      await sleep(INTERVAL_MS * 4);
    } finally {
      await stop();
    }
    assert.equal(refusals, 2, 'refused once, accepted on the next run');
    assert.deepEqual(
      sent.filter((m) => m.body === body),
      [{ to: '+393339999999', body }],
    );
  });

  test('in production without a gateway the SMS stay pending in the outbox', async () => {
    const body = 'Messaggio in produzione senza gestore';
    await db.transaction().execute((trx) => enqueueSms(trx, tenant.id, '+393338888888', body));
    const { logger, sms, messages } = recordingLogger();
    const stop = startBackgroundJobs(db, { ...config, env: 'production' }, logger);
    try {
      await sleep(INTERVAL_MS * 6);
    } finally {
      await stop();
    }
    assert.deepEqual(sms, []);
    assert.ok(messages.some((m) => /Nessun gestore SMS/.test(m)));
    assert.deepEqual(
      (await rowsWithBody(body)).map((r) => r.status),
      ['pending'],
    );
    // Leave nothing pending behind for other tests of this file.
    await db.deleteFrom('sms_outbox').where('body', '=', body).execute();
  });
});
