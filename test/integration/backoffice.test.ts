import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { TRole } from '../../src/auth/permissions.js';
import { addDays, formatItalianDate, italianToday } from '../../src/italian/dates.js';
import { createStaffAccount } from '../../src/modules/accounts/create-staff-account.js';
import type { TTenant } from '../../src/tenancy/tenant.js';
import { samplePdf, VALID } from '../helpers/companies.js';
import { insertTestStaff, registerTestCompany, TEST_ACTOR } from '../helpers/company-fixtures.js';
import { decode, fieldError } from '../helpers/html.js';
import { outboxTo, TestClient } from '../helpers/http-client.js';
import { closeTestApp, createTestTenant, openTestApp, type TTestApp } from '../helpers/test-app.js';
import type { TTestDatabase } from '../helpers/test-db.js';

const engine = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite';

/** The rows of the first table body of a page, as plain text per row. */
function tableRows(html: string): string[] {
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? '';
  return [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((m) =>
    decode(
      m[1]!
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    ),
  );
}

describe(`back office: companies and staff activation (${engine})`, () => {
  let tdb: TTestDatabase;
  let t: TTestApp;
  before(async () => {
    ({ tdb, t } = await openTestApp({ RATE_LIMIT_PER_MINUTE: '1000' }));
  });
  after(() => closeTestApp(t, tdb));

  let accounts = 0;
  /** An active account of the tenant, signed in on a new client. */
  async function signedIn(tenant: TTenant, role: TRole = 'officer') {
    accounts++;
    const username = `${role}${accounts}`;
    await createStaffAccount(
      t.deps,
      tenant,
      {
        username,
        email: `${username}@example.org`,
        fullName: `Operatore ${accounts}`,
        initialPassword: 'Giusta-123',
        role,
        mustChangePassword: false,
      },
      TEST_ACTOR,
    );
    const c = new TestClient(t.app, `${tenant.slug}.localhost`);
    await c.get('/accesso');
    const res = await c.post('/accesso', { login: username, password: 'Giusta-123' });
    assert.equal(res.statusCode, 303);
    return c;
  }

  const companyRow = (id: string) =>
    tdb.db.selectFrom('companies').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const staffRow = (id: string) =>
    tdb.db.selectFrom('company_staff').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const userRow = (id: string) =>
    tdb.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const mailsTo = (tenant: TTenant, to: string) => outboxTo(tdb.db, tenant, to).execute();
  const auditOf = (tenant: TTenant, action: string) =>
    tdb.db
      .selectFrom('audit_log')
      .selectAll()
      .where('tenant_id', '=', tenant.id)
      .where('action', '=', action)
      .orderBy('seq')
      .execute();

  /** Every certification of a company far from `today`, whatever the date the test runs on. */
  const farExpiries = (companyId: string, today: string) =>
    tdb.db
      .updateTable('certifications')
      .set({ expiry_date: addDays(today, 3650) })
      .where('company_id', '=', companyId)
      .execute();

  /** Posts a decision from the detail page, as the officer's browser does. */
  async function decide(c: TestClient, base: string, slug: string, reason?: string) {
    await c.get(base);
    return c.post(`${base}/${slug}`, reason === undefined ? {} : { reason });
  }

  test('the company queue shows signed registrations by default; search by name, partita IVA, codici fiscali, status', async () => {
    const tenant = await createTestTenant(tdb.db);
    await registerTestCompany(t.deps, tenant, { company_tax_code: '' });
    await registerTestCompany(t.deps, tenant, {
      business_name: 'Caldaie Bianchi S.n.c.',
      vat_number: VALID.vatNumbers[1]!,
      company_tax_code: VALID.vatNumbers[1]!,
      lr_full_name: 'Bianchi Lucia',
      lr_tax_code: VALID.otherPersonTaxCode,
      lr_email: 'lucia@example.org',
      lr_email_confirm: 'lucia@example.org',
    });
    await registerTestCompany(
      t.deps,
      tenant,
      { business_name: 'Non Firmata S.p.A.', vat_number: VALID.vatNumbers[2]!, company_tax_code: '' },
      { sign: false },
    );
    const c = await signedIn(tenant);
    const home = await c.get('/area-riservata');
    for (const label of ['Ditte', 'Personale ditte', 'Scadenze'])
      assert.ok(home.body.includes(`<span>${label}</span>`), `menu entry ${label}`);

    const names = async (url: string) => {
      const res = await c.get(url);
      assert.equal(res.statusCode, 200, url);
      return tableRows(res.body).map(
        (r) => /(Termoidraulica Rossi|Caldaie Bianchi|Non Firmata)/.exec(r)?.[1],
      );
    };
    assert.deepEqual(await names('/ufficio/ditte'), ['Termoidraulica Rossi', 'Caldaie Bianchi']);
    const list = decode((await c.get('/ufficio/ditte')).body);
    assert.match(list, /Registrata – in attesa di attivazione/);
    assert.match(list, /<option value="registered" selected>/);
    assert.deepEqual(await names('/ufficio/ditte?status=tutti'), [
      'Termoidraulica Rossi',
      'Caldaie Bianchi',
      'Non Firmata',
    ]);
    assert.deepEqual(await names('/ufficio/ditte?status=pending_signature'), ['Non Firmata']);
    assert.deepEqual(await names('/ufficio/ditte?status=active'), []);
    assert.deepEqual(await names('/ufficio/ditte?q=caldaie&status=tutti'), ['Caldaie Bianchi']);
    assert.deepEqual(await names(`/ufficio/ditte?q=${VALID.vatNumbers[0]}&status=tutti`), [
      'Termoidraulica Rossi',
    ]);
    assert.deepEqual(await names(`/ufficio/ditte?q=${VALID.otherPersonTaxCode.toLowerCase()}`), [
      'Caldaie Bianchi',
    ]);
    assert.deepEqual(await names(`/ufficio/ditte?q=${VALID.vatNumbers[1]}`), ['Caldaie Bianchi']);
    assert.deepEqual(await names('/ufficio/ditte?q=Rossi+Mario&status=tutti'), [
      'Termoidraulica Rossi',
      'Non Firmata',
    ]);
    assert.deepEqual(await names('/ufficio/ditte?q=%25'), [], 'LIKE wildcards are taken literally');
    const empty = decode((await c.get('/ufficio/ditte?q=nessuna')).body);
    assert.match(empty, /Nessuna ditta corrisponde alla ricerca/);
  });

  test('the detail shows data, signature, expired certifications, documents and staff; files download', async () => {
    const tenant = await createTestTenant(tdb.db);
    const pdf = await samplePdf('Visura');
    const company = await registerTestCompany(
      t.deps,
      tenant,
      {},
      {
        uploads: {
          chamberCertificate: { filename: 'visura.pdf', content: pdf, contentType: 'application/pdf' },
        },
      },
    );
    const today = italianToday(t.clock.now());
    await farExpiries(company.companyId, today);
    await tdb.db
      .updateTable('certifications')
      .set({ expiry_date: addDays(today, -1) })
      .where('company_id', '=', company.companyId)
      .where('kind', '=', 'durc')
      .execute();
    await tdb.db
      .updateTable('certifications')
      .set({ expiry_date: addDays(today, 10) })
      .where('company_id', '=', company.companyId)
      .where('kind', '=', 'polizza')
      .execute();
    await insertTestStaff(t.deps, tenant, company.companyId, {
      fullName: 'Verdi <b>Giuseppe</b>',
      lrConfirmed: true,
    });
    const c = await signedIn(tenant);
    const res = await c.get(`/ufficio/ditte/${company.companyId}`);
    assert.equal(res.statusCode, 200);
    const html = decode(res.body);
    const row = await companyRow(company.companyId);
    assert.match(html, /Dati dichiarati/);
    assert.match(html, /Il sottoscritto/);
    assert.match(html, /N\. registro imprese \(CCIAA\)/);
    assert.match(html, new RegExp(row.signed_receipt_hash!));
    assert.match(html, /Corrisponde alla ricevuta/);
    assert.ok(html.includes(row.signed_ip!), 'the IP of the signature');
    const certRows = tableRows(res.body.slice(res.body.indexOf('Abilitazioni della ditta')));
    assert.match(
      certRows.find((r) => r.startsWith('DURC'))!,
      /Scaduta/,
    );
    assert.match(
      certRows.find((r) => r.startsWith('Polizza Assicurativa'))!,
      /In scadenza/,
    );
    assert.match(
      certRows.find((r) => r.startsWith('Patentino per Impianti > 232kW'))!,
      /Valida/,
    );
    assert.match(html, /1 abilitazione è scaduta/);
    assert.ok(res.body.includes('Verdi &lt;b>Giuseppe&lt;/b>'), 'staff names are escaped');
    assert.match(html, /Sì, il \d\d\/\d\d\/\d{2,4}/, 'confirmed by the legal representative');
    assert.match(html, /In attesa di attivazione/);
    for (const label of ['Attiva', 'Rifiuta'])
      assert.match(html, new RegExp(`<span>${label}</span></button>`));
    assert.doesNotMatch(html, /<span>Sospendi<\/span>/);

    // The registration upload opens as an attachment.
    const fileId = row.chamber_certificate_file_id!;
    assert.ok(html.includes(`/ufficio/file/${fileId}`));
    const file = await c.get(`/ufficio/file/${fileId}`);
    assert.equal(file.statusCode, 200);
    assert.equal(file.headers['content-type'], 'application/pdf');
    assert.match(String(file.headers['content-disposition']), /^attachment; filename="visura\.pdf"/);
    assert.ok(file.rawPayload.equals(pdf));
    assert.equal((await c.get('/ufficio/file/00000000-0000-4000-8000-000000000000')).statusCode, 404);
    assert.equal((await c.get('/ufficio/file/non-un-uuid')).statusCode, 404);
    assert.equal((await c.get('/ufficio/ditte/non-un-uuid')).statusCode, 404);
  });

  test('Attiva, Sospendi, Riattiva, Rifiuta: status, e-mail to the legal representative, audit with the reason', async () => {
    const tenant = await createTestTenant(tdb.db);
    const a = await registerTestCompany(t.deps, tenant);
    const b = await registerTestCompany(t.deps, tenant, {
      vat_number: VALID.vatNumbers[1]!,
      company_tax_code: '',
      lr_email: 'lr.b@example.org',
      lr_email_confirm: 'lr.b@example.org',
    });
    const unsigned = await registerTestCompany(
      t.deps,
      tenant,
      {
        vat_number: VALID.vatNumbers[2]!,
        company_tax_code: '',
        lr_email: 'lr.c@example.org',
        lr_email_confirm: 'lr.c@example.org',
      },
      { sign: false },
    );
    const c = await signedIn(tenant);
    const base = `/ufficio/ditte/${a.companyId}`;

    let res = await decide(c, base, 'attiva');
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, base);
    assert.match(
      decode((await c.get(base)).body),
      /Decisione registrata: la ditta Termoidraulica Rossi S\.r\.l\. è ora «Attiva»/,
    );
    assert.equal((await companyRow(a.companyId)).status, 'active');
    let [mail] = await mailsTo(tenant, a.lrEmail);
    assert.match(mail!.subject, /Ditta Termoidraulica Rossi S\.r\.l\. attivata/);
    assert.equal((await auditOf(tenant, 'company.activated')).length, 1);

    // Activating twice is refused with a message.
    res = await c.post(`${base}/attiva`, {});
    assert.equal(res.statusCode, 409);
    assert.match(decode(res.body), /Non è possibile attivare la ditta: il suo stato è «Attiva»/);

    // Sospendi needs a reason.
    res = await decide(c, base, 'sospendi', '   ');
    assert.equal(res.statusCode, 422);
    assert.match(fieldError(res.body, 'reason')!, /Indica la motivazione della sospensione/);
    assert.equal((await companyRow(a.companyId)).status, 'active');
    res = await decide(c, base, 'sospendi', 'DURC scaduto');
    assert.equal(res.statusCode, 303);
    const suspended = await companyRow(a.companyId);
    assert.equal(suspended.status, 'suspended');
    assert.equal(suspended.decision_reason, 'DURC scaduto');
    [mail] = await mailsTo(tenant, a.lrEmail);
    assert.match(mail!.subject, /sospesa/);
    assert.match(mail!.text_body, /Motivazione: DURC scaduto/);
    const [suspendAudit] = await auditOf(tenant, 'company.suspended');
    assert.equal(suspendAudit!.summary.reason, 'DURC scaduto');
    assert.equal(suspendAudit!.entity_id, a.companyId);
    assert.match(suspendAudit!.actor_label, /^officer\d+$/);

    res = await decide(c, base, 'riattiva');
    assert.equal(res.statusCode, 303);
    assert.equal((await companyRow(a.companyId)).status, 'active');
    [mail] = await mailsTo(tenant, a.lrEmail);
    assert.match(mail!.subject, /riattivata/);
    assert.equal((await auditOf(tenant, 'company.reactivated')).length, 1);

    // Rifiuta without a reason is refused with the message; with one, the reason reaches the LR.
    const baseB = `/ufficio/ditte/${b.companyId}`;
    res = await decide(c, baseB, 'rifiuta', '');
    assert.equal(res.statusCode, 422);
    assert.equal(
      fieldError(res.body, 'reason'),
      'Indica la motivazione del rifiuto: sarà comunicata al Legale Rappresentante.',
    );
    assert.match(decode(res.body), /Il modulo contiene un errore/);
    assert.equal((await companyRow(b.companyId)).status, 'registered');
    assert.equal((await auditOf(tenant, 'company.rejected')).length, 0);
    res = await decide(c, baseB, 'rifiuta', 'Visura camerale non corrispondente <ai dati>');
    assert.equal(res.statusCode, 303);
    assert.equal((await companyRow(b.companyId)).status, 'rejected');
    [mail] = await mailsTo(tenant, 'lr.b@example.org');
    assert.match(mail!.subject, /Registrazione della ditta .* rifiutata/);
    assert.match(mail!.text_body, /Motivazione: Visura camerale non corrispondente <ai dati>/);
    const [rejectAudit] = await auditOf(tenant, 'company.rejected');
    assert.equal(rejectAudit!.summary.reason, 'Visura camerale non corrispondente <ai dati>');
    const page = await c.get(baseB);
    assert.ok(page.body.includes('Visura camerale non corrispondente &lt;ai dati>'));
    assert.match(decode(page.body), /Nessuna decisione possibile in questo stato/);

    // A company whose declaration is not signed cannot be activated.
    res = await decide(c, `/ufficio/ditte/${unsigned.companyId}`, 'attiva');
    assert.equal(res.statusCode, 409);
    assert.match(decode(res.body), /l'autodichiarazione non è ancora stata firmata/);
    assert.equal((await companyRow(unsigned.companyId)).status, 'pending_signature');
    assert.equal((await c.post(`/ufficio/ditte/${a.companyId}/cancella`, {})).statusCode, 404);
  });

  test('staff: activation needs an active company, opens the account with the forced password change; suspend and reject close it', async () => {
    const tenant = await createTestTenant(tdb.db);
    const company = await registerTestCompany(t.deps, tenant);
    const person = await insertTestStaff(t.deps, tenant, company.companyId, { fullName: 'Verdi Giuseppe' });
    const other = await insertTestStaff(t.deps, tenant, company.companyId, { fullName: 'Neri Anna' });
    const c = await signedIn(tenant);

    // The queue shows both, waiting for activation.
    const queue = await c.get('/ufficio/personale');
    assert.equal(queue.statusCode, 200);
    const rows = tableRows(queue.body);
    assert.equal(rows.length, 2);
    assert.match(rows.join('\n'), /Verdi Giuseppe[\s\S]*Termoidraulica Rossi/);
    assert.equal(tableRows((await c.get('/ufficio/personale?q=neri')).body).length, 1);
    assert.equal(tableRows((await c.get('/ufficio/personale?status=active')).body).length, 0);

    // Before activation the person cannot log in.
    const tech = new TestClient(t.app, `${tenant.slug}.localhost`);
    await tech.get('/accesso');
    let login = await tech.post('/accesso', { login: person.username, password: person.password });
    assert.equal(login.statusCode, 422);
    assert.match(decode(login.body), /non è ancora stato attivato/);

    const base = `/ufficio/personale/${person.staffId}`;
    let res = await decide(c, base, 'attiva');
    assert.equal(res.statusCode, 409);
    assert.match(
      decode(res.body),
      /la sua ditta non è attiva \(stato «Registrata – in attesa di attivazione»\)/,
    );
    assert.equal((await staffRow(person.staffId)).status, 'awaiting_activation');

    await decide(c, `/ufficio/ditte/${company.companyId}`, 'attiva');
    res = await decide(c, base, 'attiva');
    assert.equal(res.statusCode, 303);
    assert.equal((await staffRow(person.staffId)).status, 'active');
    const user = await userRow(person.userId);
    assert.equal(user.status, 'active');
    assert.equal(user.must_change_password, true);
    const [toPerson] = await mailsTo(tenant, person.email);
    assert.match(toPerson!.subject, /Account di Verdi Giuseppe attivato/);
    assert.match(toPerson!.text_body, new RegExp(`nome utente ${person.username}`));
    assert.match(toPerson!.text_body, /cambiare la password/);
    assert.doesNotMatch(toPerson!.text_body, /Iniziale-1/, 'never the password');
    const [toLr] = await mailsTo(tenant, company.lrEmail);
    assert.match(toLr!.subject, /Account di Verdi Giuseppe attivato/);
    const [activated] = await auditOf(tenant, 'staff.activated');
    assert.equal(activated!.entity_id, person.staffId);

    // Now the person logs in and must change the password first.
    await tech.get('/accesso');
    login = await tech.post('/accesso', { login: person.username, password: person.password });
    assert.equal(login.statusCode, 303);
    assert.equal(login.headers.location, '/password/cambio');
    assert.equal((await tech.get('/area-riservata')).headers.location, '/password/cambio');

    // Sospendi: reason required; the account is closed at once.
    res = await decide(c, base, 'sospendi');
    assert.equal(res.statusCode, 422);
    assert.match(fieldError(res.body, 'reason')!, /motivazione della sospensione/);
    res = await decide(c, base, 'sospendi', 'Taratura scaduta');
    assert.equal(res.statusCode, 303);
    assert.equal((await staffRow(person.staffId)).status, 'suspended');
    assert.equal((await userRow(person.userId)).status, 'disabled');
    assert.match((await mailsTo(tenant, person.email))[0]!.text_body, /Motivazione: Taratura scaduta/);
    assert.equal((await tech.get('/password/cambio')).statusCode, 302, 'the session no longer counts');
    res = await decide(c, base, 'riattiva');
    assert.equal(res.statusCode, 303);
    assert.equal((await userRow(person.userId)).status, 'active');
    assert.equal((await auditOf(tenant, 'staff.reactivated')).length, 1);

    // Suspending the company closes its active staff's accounts; reactivating it opens them again.
    await decide(c, `/ufficio/ditte/${company.companyId}`, 'sospendi', 'Polizza scaduta');
    assert.equal((await userRow(person.userId)).status, 'disabled');
    assert.equal((await userRow(other.userId)).status, 'awaiting_activation', 'not yet active: untouched');
    await decide(c, `/ufficio/ditte/${company.companyId}`, 'riattiva');
    assert.equal((await userRow(person.userId)).status, 'active');

    // Rifiuta: reason required, account disabled, both told.
    const otherBase = `/ufficio/personale/${other.staffId}`;
    res = await decide(c, otherBase, 'rifiuta', '');
    assert.equal(res.statusCode, 422);
    assert.match(fieldError(res.body, 'reason')!, /Indica la motivazione del rifiuto/);
    res = await decide(c, otherBase, 'rifiuta', 'Non risulta dipendente della ditta');
    assert.equal(res.statusCode, 303);
    assert.equal((await staffRow(other.staffId)).status, 'rejected');
    assert.equal((await userRow(other.userId)).status, 'disabled');
    assert.match((await mailsTo(tenant, other.email))[0]!.subject, /Registrazione di Neri Anna rifiutata/);
    assert.match(
      (await mailsTo(tenant, company.lrEmail))[0]!.text_body,
      /Non risulta dipendente della ditta/,
    );
    const [rejected] = await auditOf(tenant, 'staff.rejected');
    assert.equal(rejected!.summary.reason, 'Non risulta dipendente della ditta');
  });

  test('deadlines list expired and soon-expiring certifications of companies and staff, soonest first', async () => {
    const tenant = await createTestTenant(tdb.db);
    const company = await registerTestCompany(t.deps, tenant);
    const today = italianToday(t.clock.now());
    await farExpiries(company.companyId, today);
    await tdb.db
      .updateTable('certifications')
      .set({ expiry_date: addDays(today, 20) })
      .where('company_id', '=', company.companyId)
      .where('kind', '=', 'durc')
      .execute();
    await insertTestStaff(t.deps, tenant, company.companyId, {
      fullName: 'Gialli Marco',
      certifications: [
        { kind: 'taratura', expiryDate: addDays(today, -3) },
        { kind: 'dpr146_art7', expiryDate: addDays(today, 31) },
      ],
    });
    const c = await signedIn(tenant);
    const res = await c.get('/ufficio/scadenze');
    assert.equal(res.statusCode, 200);
    const rows = tableRows(res.body);
    assert.equal(rows.length, 2, rows.join('\n'));
    assert.match(
      rows[0]!,
      new RegExp(
        `^${formatItalianDate(addDays(today, -3))} Scaduta Scaduta da 3 giorni Taratura Strumento .*Gialli Marco`,
      ),
    );
    assert.match(
      rows[1]!,
      new RegExp(`^${formatItalianDate(addDays(today, 20))} Scade tra 20 giorni DURC Termoidraulica Rossi`),
    );
  });

  test('citizens get 403; anonymous visitors are sent to the login', async () => {
    const tenant = await createTestTenant(tdb.db);
    const citizen = await signedIn(tenant, 'citizen');
    for (const url of ['/ufficio/ditte', '/ufficio/personale', '/ufficio/scadenze']) {
      const res = await citizen.get(url);
      assert.equal(res.statusCode, 403, url);
    }
    assert.doesNotMatch((await citizen.get('/area-riservata')).body, /\/ufficio\/ditte/);
    const anonymous = new TestClient(t.app, `${tenant.slug}.localhost`);
    const res = await anonymous.get('/ufficio/ditte');
    assert.equal(res.statusCode, 302);
    assert.match(String(res.headers.location), /^\/accesso\?next=/);
  });

  test("an officer of tenant A neither sees nor decides on tenant B's companies, staff or files", async () => {
    const ta = await createTestTenant(tdb.db);
    const tb = await createTestTenant(tdb.db);
    const pdf = await samplePdf('B');
    const companyB = await registerTestCompany(
      t.deps,
      tb,
      { business_name: 'Ditta Dell Ente B S.r.l.' },
      {
        uploads: {
          insurancePolicy: { filename: 'polizza-b.pdf', content: pdf, contentType: 'application/pdf' },
        },
      },
    );
    const staffB = await insertTestStaff(t.deps, tb, companyB.companyId);
    await registerTestCompany(t.deps, ta, { business_name: 'Ditta Dell Ente A S.r.l.' });
    const fileB = (await companyRow(companyB.companyId)).insurance_policy_file_id!;

    const officerA = await signedIn(ta);
    const list = decode((await officerA.get('/ufficio/ditte?status=tutti')).body);
    assert.match(list, /Ditta Dell Ente A/);
    assert.doesNotMatch(list, /Ditta Dell Ente B/);
    assert.doesNotMatch(
      decode((await officerA.get('/ufficio/personale?status=tutti')).body),
      new RegExp(staffB.fullName),
    );
    assert.equal((await officerA.get(`/ufficio/ditte/${companyB.companyId}`)).statusCode, 404);
    assert.equal((await officerA.get(`/ufficio/personale/${staffB.staffId}`)).statusCode, 404);
    assert.equal((await officerA.get(`/ufficio/file/${fileB}`)).statusCode, 404);

    await officerA.get('/ufficio/ditte');
    assert.equal((await officerA.post(`/ufficio/ditte/${companyB.companyId}/attiva`, {})).statusCode, 404);
    assert.equal(
      (await officerA.post(`/ufficio/ditte/${companyB.companyId}/rifiuta`, { reason: 'x' })).statusCode,
      404,
    );
    assert.equal((await officerA.post(`/ufficio/personale/${staffB.staffId}/attiva`, {})).statusCode, 404);
    assert.equal((await companyRow(companyB.companyId)).status, 'registered');
    assert.equal((await staffRow(staffB.staffId)).status, 'awaiting_activation');

    // The same session replayed on B's host is nobody there.
    const onB = new TestClient(t.app, `${tb.slug}.localhost`);
    onB.setCookie('focolare_sid', officerA.sessionCookie!);
    const res = await onB.get(`/ufficio/ditte/${companyB.companyId}`);
    assert.equal(res.statusCode, 302);

    // B's own officer can.
    const officerB = await signedIn(tb);
    const file = await officerB.get(`/ufficio/file/${fileB}`);
    assert.equal(file.statusCode, 200);
    assert.ok(file.rawPayload.equals(pdf));
  });
});
