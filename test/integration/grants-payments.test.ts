import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { validateXML } from 'xmllint-wasm';
import { italianToday, formatArrival } from '../../src/italian/dates.js';
import { createStaffAccount } from '../../src/modules/accounts/create-staff-account.js';
import { getApplication } from '../../src/modules/grants/application/queries.js';
import { submitApplication } from '../../src/modules/grants/application/submit-application.js';
import { DEFAULT_ATTACHMENTS } from '../../src/modules/grants/calls/call.js';
import { budgetStatus, getCall } from '../../src/modules/grants/calls/queries.js';
import { drawSampleFrom } from '../../src/modules/grants/checks/sample-check-rules.js';
import { allocateCall } from '../../src/modules/grants/funding/allocate-funds.js';
import { buildPain001 } from '../../src/modules/grants/payments/sepa-pain001.js';
import { decideApplication } from '../../src/modules/grants/review/decide-application.js';
import { checklistFor } from '../../src/modules/grants/review/decision-rules.js';
import type { TTenant } from '../../src/tenancy/tenant.js';
import { exampleApplicationValues } from '../fixtures/grants/example-application.js';
import { TEST_ACTOR } from '../helpers/company-fixtures.js';
import { insertCitizen, insertCompleteDraft, openPugliaCall } from '../helpers/grants.js';
import { decode } from '../helpers/html.js';
import { TestClient } from '../helpers/http-client.js';
import { closeTestApp, createTestTenant, openTestApp, type TTestApp } from '../helpers/test-app.js';
import type { TTestDatabase } from '../helpers/test-db.js';

const engine = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite';
const XSD_PATH = new URL('../fixtures/pain.001.001.03.xsd', import.meta.url);
const ALL_CHECKS = checklistFor(DEFAULT_ATTACHMENTS).map((i) => i.key);

async function validatePain001(xml: string) {
  const schema = await readFile(XSD_PATH, 'utf8');
  return validateXML({
    xml: [{ fileName: 'order.xml', contents: xml }],
    schema: [{ fileName: 'pain.001.001.03.xsd', contents: schema }],
  });
}

/** Text of every element with this name, in document order. */
const elements = (xml: string, name: string) =>
  [...xml.matchAll(new RegExp(`<${name}(?: [^>]*)?>([^<]*)</${name}>`, 'g'))].map((m) => m[1]!);

describe(`grants: sample checks, revocations, payments, exports (${engine})`, () => {
  let tdb: TTestDatabase;
  let t: TTestApp;
  before(async () => {
    ({ tdb, t } = await openTestApp({ RATE_LIMIT_PER_MINUTE: '10000' }));
  });
  after(() => closeTestApp(t, tdb));

  let accounts = 0;
  async function officer(tenant: TTenant) {
    accounts++;
    const username = `officer${accounts}`;
    await createStaffAccount(
      t.deps,
      tenant,
      {
        username,
        email: `${username}@example.org`,
        fullName: `Operatore ${accounts}`,
        initialPassword: 'Giusta-123',
        role: 'officer',
        mustChangePassword: false,
      },
      TEST_ACTOR,
    );
    const c = new TestClient(t.app, `${tenant.slug}.localhost`);
    await c.get('/accesso');
    assert.equal((await c.post('/accesso', { login: username, password: 'Giusta-123' })).statusCode, 303);
    return c;
  }

  /** `n` applications submitted and funded in arrival order, the first `admit` of them admitted. */
  async function admittedApplications(
    tenant: TTenant,
    callId: string,
    n: number,
    admit: number,
    firstIndex: number,
    over: (i: number) => Record<string, string> = () => ({}),
  ) {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const user = await insertCitizen(tdb.db, tenant.id, firstIndex + i);
      const values = exampleApplicationValues(firstIndex + i, {
        last_name: `Cognome${firstIndex + i}`,
        account_holder: `Titolare${firstIndex + i}`,
        ...over(i),
      });
      const id = await insertCompleteDraft(tdb.db, tenant.id, callId, user, values);
      await submitApplication(tdb.db, {
        tenantId: tenant.id,
        userId: user,
        applicationId: id,
        now: t.deps.now(),
      });
      ids.push(id);
    }
    await allocateCall(tdb.db, tenant.id, callId, t.deps.now());
    for (const id of ids.slice(0, admit))
      await decideApplication(t.deps, tenant, id, { decision: 'admit', checks: ALL_CHECKS }, TEST_ACTOR);
    return ids;
  }

  const app = (tenant: TTenant, id: string) => getApplication(tdb.db, tenant.id, id);

  test('sample draw: 3 % rounded up, stored with its seed, reproducible; outcomes recorded', async () => {
    const tenant = await createTestTenant(tdb.db);
    const callId = await openPugliaCall(tdb.db, tenant.id, t.deps.now(), { budgetCents: 20_000_000 });
    // 35 admitted → 2 drawn (ceil of 1.05); one more submitted but not admitted stays out.
    const ids = await admittedApplications(tenant, callId, 36, 35, 1000);
    const c = await officer(tenant);
    const page = `/ufficio/bandi/${callId}/controlli`;
    assert.equal((await c.get(page)).statusCode, 200);

    const tooLong = await c.post(page, { seed: 'x'.repeat(101) });
    assert.equal(tooLong.statusCode, 422);
    assert.match(decode(tooLong.body), /al massimo 100 caratteri/);

    assert.equal((await c.post(page, { seed: 'Determina 123/2025' })).statusCode, 303);
    const draw = await tdb.db
      .selectFrom('grant_sample_draws')
      .selectAll()
      .where('tenant_id', '=', tenant.id)
      .where('call_id', '=', callId)
      .executeTakeFirstOrThrow();
    assert.equal(draw.seed, 'Determina 123/2025');
    const population = draw.population as string[];
    const selected = draw.selected as string[];
    const protocols = await Promise.all(
      ids.slice(0, 35).map(async (id) => (await app(tenant, id)).protocol!),
    );
    assert.deepEqual(population, protocols, 'population: the admitted applications in arrival order');
    assert.equal(selected.length, 2);
    // Anyone with the seed and the population gets the same list.
    assert.deepEqual(drawSampleFrom('Determina 123/2025', protocols).selected, selected);
    const checks = await tdb.db
      .selectFrom('grant_sample_checks')
      .selectAll()
      .where('draw_id', '=', draw.id)
      .execute();
    assert.equal(checks.length, 2);
    assert.ok(checks.every((k) => k.outcome === 'pending'));

    const shown = decode((await c.get(page)).body);
    assert.ok(shown.includes('Determina 123/2025'));
    for (const p of selected) assert.ok(shown.includes(p), p);
    const verify = await c.get(`${page}/${draw.id}/verifica`);
    assert.equal(verify.statusCode, 200);
    assert.match(decode(verify.body), /dà le stesse domande/);

    // A random seed when none is typed: stored and shown.
    assert.equal((await c.post(page, { seed: '' })).statusCode, 303);
    const draws = await tdb.db
      .selectFrom('grant_sample_draws')
      .select(['seed', 'selected'])
      .where('call_id', '=', callId)
      .orderBy('drawn_at')
      .execute();
    assert.equal(draws.length, 2);
    assert.match(draws[1]!.seed, /^[0-9a-f]{32}$/);
    assert.deepEqual(drawSampleFrom(draws[1]!.seed, protocols).selected, draws[1]!.selected);

    // Outcomes: "irregolare" needs a note.
    const target = checks[0]!.application_id;
    await c.get(page);
    const noNote = await c.post(`${page}/${draw.id}/${target}`, { outcome: 'irregular', note: '' });
    assert.equal(noNote.statusCode, 422);
    assert.match(decode(noNote.body), /Descrivi l’irregolarità/);
    const ok = await c.post(`${page}/${draw.id}/${target}`, {
      outcome: 'irregular',
      note: 'Potenza dichiarata diversa da quella comunicata al GSE',
    });
    assert.equal(ok.statusCode, 303);
    const recorded = await tdb.db
      .selectFrom('grant_sample_checks')
      .selectAll()
      .where('draw_id', '=', draw.id)
      .where('application_id', '=', target)
      .executeTakeFirstOrThrow();
    assert.equal(recorded.outcome, 'irregular');
    assert.ok(recorded.recorded_at);
    const audit = await tdb.db
      .selectFrom('audit_log')
      .select('action')
      .where('tenant_id', '=', tenant.id)
      .where('action', 'in', ['grant.sample_drawn', 'grant.sample_check_recorded'])
      .execute();
    assert.equal(audit.length, 3);
  });

  test('revocation before payment returns the money; after payment it opens a recovery', async () => {
    const tenant = await createTestTenant(tdb.db);
    const callId = await openPugliaCall(tdb.db, tenant.id, t.deps.now(), { budgetCents: 1_000_000 });
    const ids = await admittedApplications(tenant, callId, 2, 2, 2000);
    const call = await getCall(tdb.db, tenant.id, callId);
    const c = await officer(tenant);
    const before = (await budgetStatus(tdb.db, tenant.id, call)).availableCents;
    assert.equal(before, 500_000);

    // Reason required.
    const page0 = `/ufficio/domande/${ids[0]}`;
    await c.get(page0);
    const noReason = await c.post(`${page0}/revoca`, { reason: '' });
    assert.equal(noReason.statusCode, 422);
    assert.match(decode(noReason.body), /motivazione della revoca/);

    // Not paid: the 2.500,00 € go back to the budget.
    assert.equal((await c.post(`${page0}/revoca`, { reason: 'Requisiti venuti meno' })).statusCode, 303);
    let a = await app(tenant, ids[0]!);
    assert.deepEqual([a.status, a.funding, a.reservedCents], ['revoked', 'released', 0]);
    assert.equal(a.revocationReason, 'Requisiti venuti meno');
    assert.equal((await budgetStatus(tdb.db, tenant.id, call)).availableCents, before + 250_000);
    const release = await tdb.db
      .selectFrom('grant_ledger')
      .selectAll()
      .where('application_id', '=', ids[0]!)
      .where('kind', '=', 'release')
      .execute();
    assert.equal(release.length, 1);
    assert.equal(Number(release[0]!.delta_cents), 250_000);

    // Paid, then revoked: nothing returns to the budget, a recovery is opened.
    const payPage = `/ufficio/bandi/${callId}/pagamenti`;
    await c.get(payPage);
    const created = await c.post(`${payPage}/ordini`, { applications: ids[1]! });
    assert.equal(created.statusCode, 303);
    const orderUrl = String(created.headers.location);
    await c.get(orderUrl);
    assert.equal((await c.post(`${orderUrl}/pagato`, {})).statusCode, 303);
    assert.ok((await app(tenant, ids[1]!)).paidAt);
    const available = (await budgetStatus(tdb.db, tenant.id, call)).availableCents;
    const page1 = `/ufficio/domande/${ids[1]}`;
    await c.get(page1);
    assert.equal(
      (await c.post(`${page1}/revoca`, { reason: 'Gravi irregolarità nel controllo' })).statusCode,
      303,
    );
    a = await app(tenant, ids[1]!);
    assert.equal(a.status, 'revoked');
    assert.equal((await budgetStatus(tdb.db, tenant.id, call)).availableCents, available);
    const recovery = await tdb.db
      .selectFrom('grant_recoveries')
      .selectAll()
      .where('tenant_id', '=', tenant.id)
      .where('application_id', '=', ids[1]!)
      .executeTakeFirstOrThrow();
    assert.equal(Number(recovery.amount_cents), 250_000);
    assert.equal(recovery.recovered_at, null);

    const recPage = `/ufficio/bandi/${callId}/recuperi`;
    const list = await c.get(recPage);
    assert.equal(list.statusCode, 200);
    assert.ok(decode(list.body).includes(a.protocol!));
    assert.ok(list.body.includes('Segna come recuperato'));
    assert.equal((await c.post(`${recPage}/${recovery.id}/recuperato`, {})).statusCode, 303);
    const done = await tdb.db
      .selectFrom('grant_recoveries')
      .select('recovered_at')
      .where('id', '=', recovery.id)
      .executeTakeFirstOrThrow();
    assert.ok(done.recovered_at);
    const revokedAudit = await tdb.db
      .selectFrom('audit_log')
      .select('action')
      .where('tenant_id', '=', tenant.id)
      .where('action', 'in', ['grant.grant_revoked', 'grant.recovery_collected'])
      .execute();
    assert.equal(revokedAudit.length, 3);
  });

  test('payment order: pain.001 valid against the XSD, CtrlSum = sum of amounts; CSV; paid; public list', async () => {
    const tenant = await createTestTenant(tdb.db);
    const callId = await openPugliaCall(tdb.db, tenant.id, t.deps.now(), { budgetCents: 2_000_000 });
    const ids = await admittedApplications(tenant, callId, 4, 0, 3000, (i): Record<string, string> =>
      i === 0 ? { account_holder: 'Niccolò & Figlie <S.r.l.> "Tre"', first_name: 'Niccolò' } : {},
    );
    // The second admission is reduced, so the amounts differ.
    const decide = (id: string, decision: 'admit' | 'admit_reduced', amount?: string) =>
      decideApplication(
        t.deps,
        tenant,
        id,
        { decision, checks: ALL_CHECKS, amount, note: amount ? 'Spesa ridotta' : undefined },
        TEST_ACTOR,
      );
    await decide(ids[0]!, 'admit');
    await decide(ids[1]!, 'admit_reduced', '1.234,56');
    await decide(ids[2]!, 'admit');
    const c = await officer(tenant);
    const payPage = `/ufficio/bandi/${callId}/pagamenti`;
    const shown = await c.get(payPage);
    assert.equal(shown.statusCode, 200);
    // Only admitted, unpaid applications can be chosen (not the fourth, which is only submitted).
    for (const id of ids.slice(0, 3)) assert.ok(shown.body.includes(`value="${id}"`));
    assert.ok(!shown.body.includes(`value="${ids[3]}"`));

    const none = await c.post(`${payPage}/ordini`, {});
    assert.equal(none.statusCode, 422);
    assert.match(decode(none.body), /Seleziona almeno una domanda/);

    // Two applications in the first order (the form posts the checkbox twice).
    await c.get(payPage);
    const body = new URLSearchParams([
      ['_csrf', c.csrf()],
      ['applications', ids[0]!],
      ['applications', ids[1]!],
    ]).toString();
    const created = await t.app.inject({
      method: 'POST',
      url: `${payPage}/ordini`,
      headers: {
        host: `${tenant.slug}.localhost`,
        cookie: `focolare_sid=${c.sessionCookie}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: body,
    });
    assert.equal(created.statusCode, 303, created.body);
    const orderUrl = String(created.headers.location);
    const year = italianToday(t.deps.now()).slice(0, 4);
    const order = await tdb.db
      .selectFrom('grant_payment_orders')
      .selectAll()
      .where('tenant_id', '=', tenant.id)
      .executeTakeFirstOrThrow();
    assert.match(order.number, new RegExp(`^OP-${year}-0001$`));
    assert.equal(Number(order.total_cents), 250_000 + 123_456);
    // Already in an order: cannot be put in another.
    await c.get(payPage);
    const twice = await c.post(`${payPage}/ordini`, { applications: ids[0]! });
    assert.equal(twice.statusCode, 409);

    // The SEPA file.
    const sepa = await c.get(`${orderUrl}/sepa.xml`);
    assert.equal(sepa.statusCode, 200);
    assert.match(String(sepa.headers['content-type']), /application\/xml/);
    const xml = sepa.body;
    const result = await validatePain001(xml);
    assert.equal(result.valid, true, result.rawOutput);
    const amounts = elements(xml, 'InstdAmt');
    assert.deepEqual(amounts, ['2500.00', '1234.56']);
    const ctrl = elements(xml, 'CtrlSum');
    assert.deepEqual(ctrl, ['3734.56', '3734.56']);
    assert.equal(
      Math.round(amounts.reduce((s, x) => s + Number(x) * 100, 0)),
      Math.round(Number(ctrl[0]) * 100),
    );
    assert.deepEqual(elements(xml, 'NbOfTxs'), ['2', '2']);
    const protocols = [(await app(tenant, ids[0]!)).protocol!, (await app(tenant, ids[1]!)).protocol!];
    assert.deepEqual(elements(xml, 'EndToEndId'), protocols);
    assert.ok(xml.includes('<Nm>Niccolo &amp; Figlie &lt;S.r.l.&gt; &quot;Tre&quot;</Nm>'));
    assert.ok(elements(xml, 'Ustrd').every((u, i) => u.includes(protocols[i]!)));
    assert.deepEqual(elements(xml, 'IBAN').slice(1), [
      'IT60X0542811101000000123456',
      'IT60X0542811101000000123456',
    ]);
    // The validator does reject a broken file (three decimals, a bad IBAN).
    const broken = await validatePain001(
      xml
        .replace('<InstdAmt Ccy="EUR">2500.00<', '<InstdAmt Ccy="EUR">2500.001<')
        .replace('<IBAN>IT60X0542811101000000123456</IBAN>', '<IBAN>it60 x054</IBAN>'),
    );
    assert.equal(broken.valid, false);
    assert.ok(broken.errors.length >= 2, broken.rawOutput);

    // The CSV of the order.
    const csv = await c.get(`${orderUrl}/ordine.csv`);
    assert.equal(csv.statusCode, 200);
    assert.ok(csv.rawPayload.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])));
    assert.match(csv.body, /2500,00/);
    assert.match(csv.body, /1234,56/);

    // Paid: the applications are paid, the beneficiaries are told.
    await c.get(orderUrl);
    assert.equal((await c.post(`${orderUrl}/pagato`, {})).statusCode, 303);
    for (const id of ids.slice(0, 2)) assert.ok((await app(tenant, id)).paidAt);
    assert.equal((await app(tenant, ids[2]!)).paidAt, null);
    await c.get(orderUrl);
    assert.equal((await c.post(`${orderUrl}/pagato`, {})).statusCode, 409);
    const paidMails = await tdb.db
      .selectFrom('mail_outbox')
      .select('subject')
      .where('tenant_id', '=', tenant.id)
      .where('subject', 'like', 'Contributo pagato%')
      .execute();
    assert.equal(paidMails.length, 2);

    // The public list: order number, protocols and amounts, no names, no login.
    const call = await getCall(tdb.db, tenant.id, callId);
    const anonymous = new TestClient(t.app, `${tenant.slug}.localhost`);
    const pub = await anonymous.get(`/bandi/${call.code}/pagamenti`);
    assert.equal(pub.statusCode, 200);
    const text = decode(pub.body);
    assert.ok(text.includes(order.number));
    for (const p of protocols) assert.ok(text.includes(p), p);
    assert.ok(text.includes('2.500,00 €') && text.includes('1.234,56 €'));
    for (const name of ['Niccol', 'Cognome3000', 'Cognome3001', 'Titolare3001', 'Maria', 'IT60X'])
      assert.ok(!text.includes(name), `no ${name} on the public page`);
  });

  test('exports: CSV (; and BOM) and XLSX list every submitted application', async () => {
    const tenant = await createTestTenant(tdb.db);
    const callId = await openPugliaCall(tdb.db, tenant.id, t.deps.now(), { budgetCents: 500_000 });
    const ids = await admittedApplications(tenant, callId, 3, 1, 4000, (i): Record<string, string> =>
      i === 2 ? { last_name: '=HYPERLINK("x")', first_name: 'Anna; Maria' } : {},
    );
    const apps = await Promise.all(ids.map((id) => app(tenant, id)));
    const c = await officer(tenant);

    const csv = await c.get(`/ufficio/bandi/${callId}/domande.csv`);
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-type']), /text\/csv/);
    assert.ok(csv.rawPayload.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])), 'UTF-8 BOM');
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    assert.equal(lines.length, 4);
    assert.match(
      lines[0]!,
      /^Protocollo;Arrivo \(data e ora con millesimi\);Sequenza di arrivo;Richiedente;Codice fiscale;/,
    );
    for (const [i, a] of apps.entries()) {
      const cells = lines[i + 1]!;
      assert.ok(cells.startsWith(`${a.protocol};${formatArrival(a.submittedAt!)};${a.arrivalSeq};`), cells);
      assert.ok(cells.includes(a.data.tax_code!));
      assert.ok(cells.includes('2500,00'));
    }
    assert.match(lines[1]!, /;Ammessa;/);
    assert.match(lines[3]!, /"'=HYPERLINK\(""x""\) Anna; Maria"/, 'quoted, formula neutralised');

    const xlsx = await c.get(`/ufficio/bandi/${callId}/domande.xlsx`);
    assert.equal(xlsx.statusCode, 200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Domande')!;
    assert.equal(ws.getRow(1).getCell(1).value, 'Protocollo');
    assert.equal(ws.rowCount, 4);
    for (const [i, a] of apps.entries()) {
      const row = ws.getRow(i + 2);
      assert.equal(row.getCell(1).value, a.protocol);
      assert.equal(row.getCell(2).value, formatArrival(a.submittedAt!));
      assert.equal(row.getCell(3).value, a.arrivalSeq);
      assert.equal(row.getCell(5).value, a.data.tax_code);
      assert.equal(row.getCell(8).value, 2500);
    }
    assert.equal(ws.getRow(2).getCell(10).value, 'Ammessa');
  });

  test('the pain.001 builder escapes text and refuses an empty order', async () => {
    const xml = buildPain001({
      messageId: 'BIO24-OP-2025-0001',
      createdAt: new Date('2025-01-10T10:00:00Z'),
      initiatingPartyName: 'Regione <Puglia> & co',
      paymentInfoId: 'OP-2025-0001-1',
      requestedExecutionDate: '2025-01-10',
      debtor: { name: 'Tesoreria', iban: 'IT42 X010 0003 2453 4800 0000 123', bic: 'BITAITRRXXX' },
      transactions: [
        {
          endToEndId: 'BIO24-0000001',
          amountCents: 5,
          creditorName: "D'Angelo Àlvaro",
          creditorIban: 'IT60X0542811101000000123456',
          remittance: 'x'.repeat(200),
        },
      ],
    });
    assert.equal((await validatePain001(xml)).valid, true);
    assert.ok(xml.includes('<Nm>Regione &lt;Puglia&gt; &amp; co</Nm>'));
    assert.ok(xml.includes('<Nm>D&apos;Angelo Alvaro</Nm>'));
    assert.ok(xml.includes('<CreDtTm>2025-01-10T11:00:00</CreDtTm>'));
    assert.ok(xml.includes('<InstdAmt Ccy="EUR">0.05</InstdAmt>'));
    assert.equal(elements(xml, 'Ustrd')[0]!.length, 140);
    assert.throws(() => buildPain001({ ...JSON.parse('{}'), transactions: [] }));
  });
});
