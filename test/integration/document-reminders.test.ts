import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { TActor } from '../../src/audit/audit-log.js';
import type { TConfig } from '../../src/config.js';
import { openPostgres, type TDb } from '../../src/db/database.js';
import { insertUser } from '../../src/modules/accounts/users.js';
import { checkDocument, publishDocument } from '../../src/modules/documents/office/publish-documents.js';
import { sendDocumentReminders } from '../../src/modules/documents/office/send-document-reminders.js';
import type { TTenant } from '../../src/tenancy/tenant.js';
import { samplePdf } from '../helpers/companies.js';
import { createTestTenant, testConfig } from '../helpers/test-app.js';
import { createTestDatabase, ownPool, type TTestDatabase } from '../helpers/test-db.js';

const engine = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite';
const DAY = 86_400_000;
const ACTOR: TActor = { id: null, label: 'test', ip: null };

describe(`document reminders at 10 and 20 days (${engine})`, () => {
  let tdb: TTestDatabase;
  let db: TDb;
  let dbUrl: string;
  let closeDb: () => Promise<void>;
  let config: TConfig;
  let pdf: Buffer;
  before(async () => {
    tdb = await createTestDatabase();
    ({ db, url: dbUrl, close: closeDb } = await ownPool(tdb));
    config = testConfig();
    pdf = await samplePdf('Bolletta di prova');
  });
  after(async () => {
    await closeDb();
    await tdb.close();
  });

  let seq = 0;
  /** A customer of the tenant with one linked account; returns the account's address. */
  async function customerWithAccount(tenant: TTenant) {
    seq++;
    const code = `C${String(seq).padStart(5, '0')}`;
    const customer = await db
      .insertInto('customers')
      .values({
        tenant_id: tenant.id,
        customer_code: code,
        customer_type: 'privato',
        name: `Cliente ${seq}`,
        tax_code: 'RSSMRA80A01H501U',
        email: `anagrafica${seq}@example.org`,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const email = `cliente${seq}@example.org`;
    const user = await insertUser(db, tenant.id, {
      username: email,
      email,
      fullName: `Cliente ${seq}`,
      passwordHash: 'x',
      role: 'citizen',
      status: 'active',
      mustChangePassword: false,
      emailVerified: true,
    });
    await db
      .insertInto('customer_links')
      .values({ tenant_id: tenant.id, user_id: user.id, customer_id: customer.id })
      .execute();
    return { code, customerId: customer.id, email };
  }

  async function publish(tenant: TTenant, code: string, at: Date, externalId = `ext-${++seq}`) {
    const checked = await checkDocument(db, tenant, {
      customerCode: code,
      docType: 'Bolletta',
      title: `Bolletta ${externalId}`,
      issuedOn: '01/03/2026',
      externalId,
      file: { filename: 'bolletta.pdf', content: pdf },
    });
    assert.ok(checked.ok, JSON.stringify(!checked.ok && checked.errors));
    const r = await publishDocument({ db, config, now: () => at }, tenant, checked.doc, ACTOR);
    assert.equal(r.status, 'published');
    return r.documentId;
  }

  const noticesTo = (tenant: TTenant, to: string) =>
    db
      .selectFrom('mail_outbox')
      .select(['subject', 'text_body'])
      .where('tenant_id', '=', tenant.id)
      .where('to_address', '=', to)
      .orderBy('id')
      .execute();
  const run = (at: Date, on: TDb = db, batch?: number) =>
    sendDocumentReminders(on, config, at, batch ? { batch } : {});
  const day = (t0: Date, n: number) => new Date(t0.getTime() + n * DAY);

  test('publish, day 9 nothing, day 10 second e-mail, day 20 third, day 40 nothing more', async () => {
    const tenant = await createTestTenant(db);
    const c = await customerWithAccount(tenant);
    const t0 = new Date('2026-03-02T08:00:00Z');
    const docId = await publish(tenant, c.code, t0);
    let mails = await noticesTo(tenant, c.email);
    assert.equal(mails.length, 1);
    assert.match(mails[0]!.subject, /^Nuovo documento disponibile/);

    await run(day(t0, 9));
    assert.equal((await noticesTo(tenant, c.email)).length, 1, 'day 9: nothing');

    await run(day(t0, 10));
    mails = await noticesTo(tenant, c.email);
    assert.equal(mails.length, 2, 'day 10: the second e-mail');
    assert.match(mails[1]!.subject, /^Promemoria: documento da leggere/);
    assert.match(mails[1]!.text_body, /area-clienti/);
    await run(day(t0, 10));
    await run(day(t0, 19));
    assert.equal((await noticesTo(tenant, c.email)).length, 2, 'no repeat before day 20');

    await run(day(t0, 20));
    mails = await noticesTo(tenant, c.email);
    assert.equal(mails.length, 3, 'day 20: the third e-mail');
    assert.match(mails[2]!.subject, /^Ultimo promemoria/);

    await run(day(t0, 30));
    await run(day(t0, 40));
    assert.equal((await noticesTo(tenant, c.email)).length, 3, 'never more than three');
    // The customer's own address is not used when an account is linked.
    assert.equal((await noticesTo(tenant, `anagrafica${seq}@example.org`)).length, 0);

    const notices = await db
      .selectFrom('document_notices')
      .select(['notice_no', 'sent_at'])
      .where('document_id', '=', docId)
      .orderBy('notice_no')
      .execute();
    assert.deepEqual(
      notices.map((n) => [n.notice_no, n.sent_at.toISOString()]),
      [
        [1, t0.toISOString()],
        [2, day(t0, 10).toISOString()],
        [3, day(t0, 20).toISOString()],
      ],
    );
    const doc = await db
      .selectFrom('documents')
      .selectAll()
      .where('id', '=', docId)
      .executeTakeFirstOrThrow();
    assert.equal(doc.notices_sent, 3);
    const audit = await db
      .selectFrom('audit_log')
      .select(['action', 'summary'])
      .where('tenant_id', '=', tenant.id)
      .where('action', 'like', 'document.%')
      .orderBy('seq')
      .execute();
    assert.deepEqual(
      audit.map((a) => a.action),
      ['document.published', 'document.reminders_sent', 'document.reminders_sent'],
    );
    assert.deepEqual((audit[1]!.summary as { notices: unknown }).notices, [
      { documentId: docId, noticeNo: 2 },
    ]);
    assert.deepEqual((audit[2]!.summary as { notices: unknown }).notices, [
      { documentId: docId, noticeNo: 3 },
    ]);
  });

  test('a download on day 15 stops the third e-mail', async () => {
    const tenant = await createTestTenant(db);
    const c = await customerWithAccount(tenant);
    const t0 = new Date('2026-04-01T07:30:00Z');
    const docId = await publish(tenant, c.code, t0);
    await run(day(t0, 10));
    assert.equal((await noticesTo(tenant, c.email)).length, 2);
    await db
      .updateTable('documents')
      .set({ first_downloaded_at: day(t0, 15) })
      .where('id', '=', docId)
      .execute();
    await run(day(t0, 20));
    await run(day(t0, 40));
    assert.equal((await noticesTo(tenant, c.email)).length, 2, 'read: no third e-mail');
  });

  test('a missed day catches up once; the third comes 10 days after the late one', async () => {
    const tenant = await createTestTenant(db);
    const c = await customerWithAccount(tenant);
    const t0 = new Date('2026-05-04T06:00:00Z');
    await publish(tenant, c.code, t0);
    // The job did not run from day 10 to day 12.
    await run(day(t0, 13));
    await run(day(t0, 13));
    await run(day(t0, 14));
    assert.equal((await noticesTo(tenant, c.email)).length, 2, 'caught up once, not twice');
    await run(day(t0, 20));
    await run(day(t0, 22));
    assert.equal(
      (await noticesTo(tenant, c.email)).length,
      2,
      'the third is not due 10 days after publication',
    );
    await run(day(t0, 23));
    assert.equal((await noticesTo(tenant, c.email)).length, 3, 'day 23: the third e-mail');
  });

  test('two workers running the job at once send each e-mail once', async () => {
    const tenant = await createTestTenant(db);
    const customers = [];
    for (let i = 0; i < 5; i++) customers.push(await customerWithAccount(tenant));
    const t0 = new Date('2026-06-01T08:00:00Z');
    const docs = 40;
    for (let i = 0; i < docs; i++) await publish(tenant, customers[i % customers.length]!.code, t0);
    // On PostgreSQL each worker has its own pool, as another app instance would.
    const other = tdb.engine === 'postgres' ? openPostgres(dbUrl, 5) : undefined;
    try {
      for (const n of [10, 20]) {
        const [a, b] = await Promise.all([run(day(t0, n), db, 7), run(day(t0, n), other?.db ?? db, 7)]);
        const ours = await db
          .selectFrom('mail_outbox')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('tenant_id', '=', tenant.id)
          .executeTakeFirstOrThrow();
        assert.equal(Number(ours.n), docs * (n === 10 ? 2 : 3), `day ${n}: each e-mail once`);
        assert.ok(a.notices + b.notices >= docs);
      }
      await Promise.all([run(day(t0, 30), db, 7), run(day(t0, 30), other?.db ?? db, 7)]);
    } finally {
      await other?.close();
    }
    const perNotice = await db
      .selectFrom('document_notices')
      .select(['notice_no', (eb) => eb.fn.countAll<number>().as('n')])
      .where('tenant_id', '=', tenant.id)
      .groupBy('notice_no')
      .orderBy('notice_no')
      .execute();
    assert.deepEqual(
      perNotice.map((r) => [r.notice_no, Number(r.n)]),
      [
        [1, docs],
        [2, docs],
        [3, docs],
      ],
    );
    for (const c of customers) assert.equal((await noticesTo(tenant, c.email)).length, (docs / 5) * 3);
  });

  test('a customer without linked accounts is notified at the address of the master data', async () => {
    const tenant = await createTestTenant(db);
    const customer = await db
      .insertInto('customers')
      .values({
        tenant_id: tenant.id,
        customer_code: 'SOLO1',
        customer_type: 'partita_iva',
        name: 'Ditta senza account',
        tax_code: '01234567897',
        email: 'ditta@example.org',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    assert.ok(customer.id);
    const t0 = new Date('2026-07-01T08:00:00Z');
    await publish(tenant, 'SOLO1', t0);
    await run(day(t0, 10));
    assert.equal((await noticesTo(tenant, 'ditta@example.org')).length, 2);
  });
});
