import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { addDays, formatItalianDate, italianToday } from '../../src/italian/dates.js';
import { sendExpiryWarnings } from '../../src/modules/companies/send-expiry-warnings.js';
import type { TTenant } from '../../src/tenancy/tenant.js';
import { VALID } from '../helpers/companies.js';
import { insertTestStaff, registerTestCompany } from '../helpers/company-fixtures.js';
import { TestClient } from '../helpers/http-client.js';
import { closeTestApp, createTestTenant, openTestApp, type TTestApp } from '../helpers/test-app.js';
import type { TTestDatabase } from '../helpers/test-db.js';

const engine = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite';

/** 09:00 in Rome on an ISO day (winter and summer time alike: the job only looks at the Rome date). */
const at = (iso: string, hour = 9) => new Date(`${iso}T${String(hour - 1).padStart(2, '0')}:00:00Z`);

describe(`expiry warnings of certifications (${engine})`, () => {
  let tdb: TTestDatabase;
  let t: TTestApp;
  before(async () => {
    ({ tdb, t } = await openTestApp({ RATE_LIMIT_PER_MINUTE: '1000' }));
  });
  after(() => closeTestApp(t, tdb));

  const run = (now: Date) => sendExpiryWarnings(tdb.db, t.deps.config, now);

  const mailsOf = (tenant: TTenant, to?: string) => {
    let q = tdb.db
      .selectFrom('mail_outbox')
      .select(['to_address', 'subject', 'text_body'])
      .where('tenant_id', '=', tenant.id)
      .where('subject', 'like', 'Abilitazione%');
    if (to) q = q.where('to_address', '=', to);
    return q.orderBy('id').execute();
  };

  const warningsOf = (tenant: TTenant) =>
    tdb.db
      .selectFrom('certification_warnings')
      .selectAll()
      .where('tenant_id', '=', tenant.id)
      .orderBy('warning')
      .execute();

  /** A signed company whose DURC expires on `companyExpiry`, with a technician whose calibration expires on `staffExpiry`. */
  async function setUp(companyExpiry: string, staffExpiry: string | null, vatIndex = 0) {
    const tenant = await createTestTenant(tdb.db);
    const company = await registerTestCompany(t.deps, tenant, {
      vat_number: VALID.vatNumbers[vatIndex]!,
      company_tax_code: '',
    });
    // The other certifications far away, whatever the date the test runs on.
    await tdb.db
      .updateTable('certifications')
      .set({ expiry_date: addDays(companyExpiry, 3650) })
      .where('company_id', '=', company.companyId)
      .execute();
    await tdb.db
      .updateTable('certifications')
      .set({ expiry_date: companyExpiry })
      .where('company_id', '=', company.companyId)
      .where('kind', '=', 'durc')
      .execute();
    const staff = staffExpiry
      ? await insertTestStaff(t.deps, tenant, company.companyId, {
          fullName: 'Verdi Giuseppe',
          email: `verdi@${tenant.slug}.example.org`,
          certifications: [{ kind: 'taratura', expiryDate: staffExpiry }],
        })
      : undefined;
    return { tenant, company, staff };
  }

  test('30 days before: one e-mail per certification to the legal representative and to the person; re-runs send nothing', async () => {
    // Relative to the real date: the link in the e-mail is then still valid for the app below.
    const today = italianToday(new Date());
    const expiry = addDays(today, 30);
    const shown = formatItalianDate(expiry);
    const a = await setUp(expiry, expiry);
    const b = await setUp(expiry, null); // another tenant: the job serves every tenant in one run

    await run(at(addDays(today, -1)));
    assert.equal((await mailsOf(a.tenant)).length, 0, '31 days before: nothing yet');

    // 23:30 UTC of the day before is already today in Rome.
    const report = await run(new Date(`${addDays(today, -1)}T23:30:00Z`));
    assert.ok(report.warnings >= 3 && report.mails >= 4);
    const lr = await mailsOf(a.tenant, a.company.lrEmail);
    assert.equal(lr.length, 2);
    const durc = lr.find((m) => m.subject.endsWith(': DURC'))!;
    assert.equal(durc.subject, `Abilitazione in scadenza il ${shown}: DURC`);
    assert.ok(
      durc.text_body.includes(
        `della ditta Termoidraulica Rossi S.r.l. (registrazione n. ${a.company.registrationNumber}) scade il ${shown}, tra 30 giorni`,
      ),
      durc.text_body,
    );
    const link = /(http:\/\/\S+\/ditte\/documenti\?token=\S+)/.exec(durc.text_body)?.[1];
    assert.ok(link, 'the legal representative gets a link to upload the renewed document');
    const staffToLr = lr.find((m) => m.subject.endsWith(': Taratura Strumento'))!;
    assert.match(staffToLr.text_body, /di Verdi Giuseppe, personale della ditta/);
    const person = await mailsOf(a.tenant, a.staff!.email);
    assert.equal(person.length, 1);
    assert.equal(person[0]!.subject, `Abilitazione in scadenza il ${shown}: Taratura Strumento`);
    assert.match(person[0]!.text_body, /intestata a te/);
    assert.doesNotMatch(person[0]!.text_body, /token=/);
    assert.equal((await mailsOf(b.tenant)).length, 1);
    assert.deepEqual(
      (await warningsOf(a.tenant)).map((w) => [w.warning, w.due_on]),
      [
        ['30d', expiry],
        ['30d', expiry],
      ],
    );

    // The link in the e-mail opens the upload page of that company.
    const url = new URL(link!);
    const page = await new TestClient(t.app, `${a.tenant.slug}.localhost`).get(url.pathname + url.search);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Termoidraulica Rossi/);

    await run(at(today, 15));
    await run(at(addDays(today, 1)));
    assert.equal((await mailsOf(a.tenant)).length, 3, 'still one e-mail each');
    assert.equal((await mailsOf(b.tenant)).length, 1);
  });

  test('runs at the same time send each warning once', async () => {
    const today = '2026-05-04';
    const expiry = addDays(today, 30);
    const a = await setUp(expiry, expiry);
    const now = at(today);
    await Promise.all([run(now), run(now), run(now)]);
    assert.equal((await mailsOf(a.tenant, a.company.lrEmail)).length, 2);
    assert.equal((await mailsOf(a.tenant, a.staff!.email)).length, 1);
    assert.equal((await warningsOf(a.tenant)).length, 2);
  });

  test("on the day of the expiry: the 'day' e-mail, once; the 30-day warning is not repeated", async () => {
    const today = '2026-07-01';
    const expiry = addDays(today, 30);
    const a = await setUp(expiry, expiry);
    await run(at(today));
    assert.equal((await mailsOf(a.tenant)).length, 3);

    await Promise.all([run(at(expiry, 6)), run(at(expiry, 6))]);
    await run(at(expiry, 18));
    const lr = await mailsOf(a.tenant, a.company.lrEmail);
    assert.equal(lr.length, 4);
    assert.equal(lr[2]!.subject.startsWith('Abilitazione in scadenza oggi'), true);
    const dayMails = (await mailsOf(a.tenant)).filter((m) => m.subject.includes('oggi'));
    assert.deepEqual(
      dayMails.map((m) => m.to_address).sort(),
      [a.company.lrEmail, a.company.lrEmail, a.staff!.email].sort(),
    );
    assert.match(dayMails[0]!.text_body, /scade oggi, 31\/07\/2026/);
    assert.deepEqual(
      (await warningsOf(a.tenant)).map((w) => w.warning),
      ['30d', '30d', 'day', 'day'],
    );
    await run(at(addDays(expiry, 1)));
    assert.equal((await mailsOf(a.tenant)).length, 6);
  });

  test('a missed day is caught up once: the 30-day warning within the 30 days, the expiry one within 7 days', async () => {
    const base = '2026-09-01';
    // The job was down on the 30th day before: the next run sends the warning, once.
    const a = await setUp(addDays(base, 30), null);
    await run(at(addDays(base, 2)));
    const first = await mailsOf(a.tenant);
    assert.equal(first.length, 1);
    assert.match(first[0]!.text_body, /scade il 01\/10\/2026, tra 28 giorni/);
    await run(at(addDays(base, 3)));
    assert.equal((await mailsOf(a.tenant)).length, 1);

    // Expired 3 days ago and never warned: one 'scaduta' e-mail; 8 days ago: too late, nothing.
    const b = await setUp(addDays(base, -3), addDays(base, -8), 1);
    await run(at(base));
    await run(at(base, 20));
    const late = await mailsOf(b.tenant);
    assert.equal(late.length, 1);
    assert.equal(late[0]!.subject, 'Abilitazione scaduta il 29/08/2026: DURC');
    assert.match(late[0]!.text_body, /è scaduta il 29\/08\/2026/);
    assert.deepEqual(
      (await warningsOf(b.tenant)).map((w) => [w.warning, w.due_on]),
      [['day', addDays(base, -3)]],
    );
  });

  test('a renewed certification is warned again for its new date; rejected companies and staff are not', async () => {
    const today = '2026-11-02';
    const expiry = addDays(today, 30);
    const a = await setUp(expiry, null);
    await run(at(today));
    assert.equal((await mailsOf(a.tenant)).length, 1);
    const renewed = addDays(today, 60);
    await tdb.db
      .updateTable('certifications')
      .set({ expiry_date: renewed })
      .where('company_id', '=', a.company.companyId)
      .where('kind', '=', 'durc')
      .execute();
    await run(at(addDays(renewed, -30)));
    assert.equal((await mailsOf(a.tenant)).length, 2);

    const rejected = await setUp(expiry, null, 1);
    await tdb.db
      .updateTable('companies')
      .set({ status: 'rejected' })
      .where('id', '=', rejected.company.companyId)
      .execute();
    const rejectedStaff = await setUp(addDays(today, 40), addDays(today, 30), 2);
    await tdb.db
      .updateTable('company_staff')
      .set({ status: 'rejected' })
      .where('id', '=', rejectedStaff.staff!.staffId)
      .execute();
    await run(at(today));
    assert.equal((await mailsOf(rejected.tenant)).length, 0);
    assert.equal((await mailsOf(rejectedStaff.tenant)).length, 0);
  });
});
