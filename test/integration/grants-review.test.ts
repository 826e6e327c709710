import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { TRole } from '../../src/auth/permissions.js';
import { createStaffAccount } from '../../src/modules/accounts/create-staff-account.js';
import { integrationDueAt } from '../../src/modules/grants/application/integration-deadline.js';
import { getApplication, getApplicationForUser } from '../../src/modules/grants/application/queries.js';
import { submitApplication } from '../../src/modules/grants/application/submit-application.js';
import { DEFAULT_ATTACHMENTS } from '../../src/modules/grants/calls/call.js';
import { budgetStatus, getCall } from '../../src/modules/grants/calls/queries.js';
import { allocateCall } from '../../src/modules/grants/funding/allocate-funds.js';
import { checklistFor } from '../../src/modules/grants/review/decision-rules.js';
import { expireIntegrationRequests } from '../../src/modules/grants/review/expire-integration-requests.js';
import type { TTenant } from '../../src/tenancy/tenant.js';
import { exampleApplicationValues } from '../fixtures/grants/example-application.js';
import { TEST_ACTOR } from '../helpers/company-fixtures.js';
import { insertCitizen, insertCompleteDraft, openPugliaCall } from '../helpers/grants.js';
import { decode, errorCount } from '../helpers/html.js';
import { outboxTo, TestClient } from '../helpers/http-client.js';
import { closeTestApp, createTestTenant, openTestApp, type TTestApp } from '../helpers/test-app.js';
import type { TTestDatabase } from '../helpers/test-db.js';

const engine = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite';
const DAY = 86_400_000;

/** Every box of the checklist ticked, as the decision form posts it. */
const ALL_CHECKS = Object.fromEntries(checklistFor(DEFAULT_ATTACHMENTS).map((i) => [`check_${i.key}`, '1']));

/** The protocols of the queue page, in the order shown. */
const protocolsOf = (html: string) => [...html.matchAll(/>(BIO24-\d{7})</g)].map((m) => m[1]!);

describe(`grants: the officers' review (${engine})`, () => {
  let tdb: TTestDatabase;
  let t: TTestApp;
  before(async () => {
    ({ tdb, t } = await openTestApp({ RATE_LIMIT_PER_MINUTE: '10000' }));
  });
  after(() => closeTestApp(t, tdb));

  let accounts = 0;
  /** An active account of the tenant, signed in on a new client. */
  async function signedIn(tenant: TTenant, role: TRole = 'officer') {
    accounts++;
    const username = `${role.replace(/_/g, '')}${accounts}`;
    const { userId } = await createStaffAccount(
      t.deps,
      tenant,
      {
        username,
        email: `${username}@example.org`,
        fullName: `Persona ${accounts}`,
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
    return { c, userId };
  }

  /** Submitted applications, funded in arrival order (each asks 2.500,00 €). */
  async function submitted(
    tenant: TTenant,
    callId: string,
    n: number,
    firstIndex: number,
    users: string[] = [],
  ) {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const user = users[i] ?? (await insertCitizen(tdb.db, tenant.id, firstIndex + i));
      const id = await insertCompleteDraft(
        tdb.db,
        tenant.id,
        callId,
        user,
        exampleApplicationValues(firstIndex + i, { last_name: `Cognome${firstIndex + i}` }),
      );
      await submitApplication(tdb.db, {
        tenantId: tenant.id,
        userId: user,
        applicationId: id,
        now: t.deps.now(),
      });
      ids.push(id);
    }
    await allocateCall(tdb.db, tenant.id, callId, t.deps.now());
    return ids;
  }

  /** Opens the page, then posts the form on it (with its CSRF token), as the browser does. */
  async function postFrom(c: TestClient, page: string, action: string, form: Record<string, string>) {
    const shown = await c.get(page);
    assert.equal(shown.statusCode, 200, page);
    return c.post(action, form);
  }

  const app = (tenant: TTenant, id: string) => getApplication(tdb.db, tenant.id, id);
  const auditOf = (tenant: TTenant, action: string, entityId: string) =>
    tdb.db
      .selectFrom('audit_log')
      .selectAll()
      .where('tenant_id', '=', tenant.id)
      .where('action', '=', action)
      .where('entity_id', '=', entityId)
      .execute();

  test('the queue lists the applications in arrival order, with filters and search', async () => {
    const tenant = await createTestTenant(tdb.db);
    const callId = await openPugliaCall(tdb.db, tenant.id, t.deps.now(), { budgetCents: 500_000 });
    const ids = await submitted(tenant, callId, 4, 100);
    const { c } = await signedIn(tenant);
    const calls = await c.get('/ufficio/bandi');
    assert.equal(calls.statusCode, 200);
    assert.ok(calls.body.includes(`/ufficio/bandi/${callId}/domande`));

    const res = await c.get(`/ufficio/bandi/${callId}/domande`);
    assert.equal(res.statusCode, 200);
    const protocols = await Promise.all(ids.map(async (id) => (await app(tenant, id)).protocol!));
    assert.deepEqual(protocolsOf(res.body), protocols);
    // Arrival time with milliseconds.
    assert.match(res.body, /\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2},\d{3}/);

    const waiting = await c.get(`/ufficio/bandi/${callId}/domande?funding=waiting`);
    assert.deepEqual(protocolsOf(waiting.body), protocols.slice(2));
    const byCf = await c.get(
      `/ufficio/bandi/${callId}/domande?q=${encodeURIComponent(exampleApplicationValues(101).tax_code!)}`,
    );
    assert.deepEqual(protocolsOf(byCf.body), [protocols[1]]);
    const byName = await c.get(`/ufficio/bandi/${callId}/domande?q=cognome103`);
    assert.deepEqual(protocolsOf(byName.body), [protocols[3]]);
    const byProtocol = await c.get(`/ufficio/bandi/${callId}/domande?q=${protocols[2]}`);
    assert.deepEqual(protocolsOf(byProtocol.body), [protocols[2]]);

    // The application page shows the Allegato A answers and the attachments.
    const page = await c.get(`/ufficio/domande/${ids[0]}`);
    assert.equal(page.statusCode, 200);
    const text = decode(page.body);
    for (const s of [
      'Codice Fiscale',
      'Spesa ritenuta ammissibile dal GSE (€)',
      'IBAN',
      'environmental_certificate.pdf',
    ])
      assert.ok(text.includes(s), s);
    const file = /href="(\/ufficio\/domande\/[^"]+\/allegati\/[^"]+)"/.exec(page.body)![1]!;
    const download = await c.get(file);
    assert.equal(download.statusCode, 200);
    assert.match(String(download.headers['content-disposition']), /attachment/);
  });

  test('integration request: visible to the applicant, once only, back under review 10 days later', async () => {
    const tenant = await createTestTenant(tdb.db);
    const callId = await openPugliaCall(tdb.db, tenant.id, t.deps.now(), { budgetCents: 1_000_000 });
    const citizen = await signedIn(tenant, 'citizen');
    const [id] = await submitted(tenant, callId, 1, 200, [citizen.userId]);
    const { c } = await signedIn(tenant);
    const page = `/ufficio/domande/${id}`;

    const empty = await postFrom(c, page, `${page}/integrazione`, { message: '  ' });
    assert.equal(empty.statusCode, 422);
    assert.equal(errorCount(empty.body), 1);
    assert.match(decode(empty.body), /Scrivi quali integrazioni sono richieste/);

    const message = 'Inviare la scheda contratto GSE leggibile <firmata>.';
    const requestedAt = t.deps.now();
    const ok = await c.post(`${page}/integrazione`, { message });
    assert.equal(ok.statusCode, 303);
    let a = await app(tenant, id!);
    assert.equal(a.status, 'integration_requested');
    assert.equal(a.integrationMessage, message);
    // Due at the end of the 10th Italian calendar day after the request.
    assert.equal(
      a.integrationDueAt!.toISOString(),
      integrationDueAt(a.integrationRequestedAt!).toISOString(),
    );
    const daysAhead = (a.integrationDueAt!.getTime() - a.integrationRequestedAt!.getTime()) / DAY;
    assert.ok(daysAhead > 10 && daysAhead <= 11, `due ${daysAhead} days after the request`);
    assert.ok(Math.abs(a.integrationRequestedAt!.getTime() - requestedAt.getTime()) < 1000);

    // The applicant sees it: on the application and on the page of the application, and by e-mail.
    const own = await getApplicationForUser(tdb.db, tenant.id, citizen.userId, id!);
    assert.equal(own.integrationMessage, message);
    const citizenPage = await citizen.c.get(`/domande/${id}`);
    assert.equal(citizenPage.statusCode, 200);
    assert.ok(decode(citizenPage.body).includes(message));
    assert.ok(!citizenPage.body.includes('<firmata>'), 'the message is escaped');
    const mails = await outboxTo(tdb.db, tenant, a.data.email!).execute();
    assert.ok(
      mails.some((m) => /Richiesta di integrazione/.test(m.subject) && m.text_body.includes(message)),
    );
    assert.equal((await auditOf(tenant, 'grant.integration_requested', id!)).length, 1);

    // While waiting, no decision.
    const early = await postFrom(c, page, `${page}/decisione`, { ...ALL_CHECKS, decision: 'admit' });
    assert.equal(early.statusCode, 409);
    assert.match(decode(early.body), /richiesta di integrazione/);

    // Nothing expires before the due date; one millisecond after, the application is back under review.
    assert.equal(await expireIntegrationRequests(tdb.db, new Date(a.integrationDueAt!.getTime() - 1)), 0);
    assert.equal(await expireIntegrationRequests(tdb.db, new Date(a.integrationDueAt!.getTime() + 1)), 1);
    assert.equal(await expireIntegrationRequests(tdb.db, new Date(a.integrationDueAt!.getTime() + DAY)), 0);
    a = await app(tenant, id!);
    assert.equal(a.status, 'submitted');
    assert.equal(a.integrationAnsweredAt, null);
    const expired = await auditOf(tenant, 'grant.integration_expired', id!);
    assert.equal(expired.length, 1);
    assert.match(JSON.stringify(expired[0]!.summary), /decisa sulla base della documentazione disponibile/);
    const shown = decode((await c.get(page)).body);
    assert.ok(shown.includes('decisa sulla base della documentazione disponibile'));

    // A second request is refused: the suspension is allowed once.
    const second = await c.post(`${page}/integrazione`, { message: 'Altro documento' });
    assert.equal(second.statusCode, 409);
    assert.match(decode(second.body), /la sospensione è ammessa una sola volta/);
    assert.equal((await app(tenant, id!)).integrationMessage, message);
  });

  test('admit, admit reduced (the difference funds the first waiting), reject with a cause (funds the next)', async () => {
    const tenant = await createTestTenant(tdb.db);
    // 6.000,00 €: two applications of 2.500,00 € are funded, 1.000,00 € is left, the third and fourth wait.
    const callId = await openPugliaCall(tdb.db, tenant.id, t.deps.now(), { budgetCents: 600_000 });
    const ids = await submitted(tenant, callId, 4, 300);
    const call = await getCall(tdb.db, tenant.id, callId);
    const funding = async () => Promise.all(ids.map(async (id) => (await app(tenant, id)).funding));
    assert.deepEqual(await funding(), ['reserved', 'reserved', 'waiting', 'waiting']);
    assert.equal((await budgetStatus(tdb.db, tenant.id, call)).availableCents, 100_000);
    const { c } = await signedIn(tenant);
    const page = (id: string) => `/ufficio/domande/${id}`;

    // A waiting application cannot be admitted, and the page says why.
    const waitingPage = decode((await c.get(page(ids[3]!))).body);
    assert.match(waitingPage, /Ammissione non possibile ora/);
    const refused = await c.post(`${page(ids[3]!)}/decisione`, { ...ALL_CHECKS, decision: 'admit' });
    assert.equal(refused.statusCode, 409);
    assert.match(decode(refused.body), /lista d'attesa/);

    // Admission needs every check ticked.
    const unchecked = await postFrom(c, page(ids[0]!), `${page(ids[0]!)}/decisione`, { decision: 'admit' });
    assert.equal(unchecked.statusCode, 422);
    assert.match(decode(unchecked.body), /spunta tutte le verifiche/);
    assert.equal((await app(tenant, ids[0]!)).status, 'submitted');

    // Admit.
    const admitted = await postFrom(c, page(ids[0]!), `${page(ids[0]!)}/decisione`, {
      ...ALL_CHECKS,
      decision: 'admit',
      note: 'Documentazione completa',
    });
    assert.equal(admitted.statusCode, 303);
    let a = await app(tenant, ids[0]!);
    assert.equal(a.status, 'admitted');
    assert.equal(a.reservedCents, 250_000);
    assert.ok(a.decidedAt);
    const admitAudit = await auditOf(tenant, 'grant.application_admitted', ids[0]!);
    assert.equal(admitAudit.length, 1);
    assert.equal(
      (admitAudit[0]!.summary as { checklist: { non_verificati: string[] } }).checklist.non_verificati.length,
      0,
    );
    assert.ok(
      (await outboxTo(tdb.db, tenant, a.data.email!).execute()).some((m) =>
        /ammessa al contributo/.test(m.subject),
      ),
    );
    // Decided once only.
    const again = await postFrom(c, page(ids[0]!), `${page(ids[0]!)}/decisione`, {
      ...ALL_CHECKS,
      decision: 'reject',
    });
    assert.equal(again.statusCode, 409);

    // Admit with a reduced amount: the amount and the reason are checked, the difference is released.
    const tooMuch = await postFrom(c, page(ids[1]!), `${page(ids[1]!)}/decisione`, {
      ...ALL_CHECKS,
      decision: 'admit_reduced',
      amount: '2.500,00',
      note: 'Spesa non documentata',
    });
    assert.equal(tooMuch.statusCode, 422);
    assert.match(decode(tooMuch.body), /inferiore al contributo richiesto/);
    assert.ok(tooMuch.body.includes('value="2.500,00"'), 'the typed amount is kept');
    const noReason = await c.post(`${page(ids[1]!)}/decisione`, {
      ...ALL_CHECKS,
      decision: 'admit_reduced',
      amount: '1.000,00',
    });
    assert.equal(noReason.statusCode, 422);
    assert.match(decode(noReason.body), /motivazione della riduzione/);
    const reduced = await c.post(`${page(ids[1]!)}/decisione`, {
      ...ALL_CHECKS,
      decision: 'admit_reduced',
      amount: '1.000,00',
      note: 'Fattura di 1.500,00 € non pertinente',
    });
    assert.equal(reduced.statusCode, 303);
    a = await app(tenant, ids[1]!);
    assert.equal(a.status, 'admitted');
    assert.equal(a.reservedCents, 100_000);
    // 1.500,00 € released + 1.000,00 € left = 2.500,00 €: the first waiting application is funded.
    assert.deepEqual(await funding(), ['reserved', 'reserved', 'reserved', 'waiting']);
    assert.equal((await budgetStatus(tdb.db, tenant.id, call)).availableCents, 0);
    assert.equal((await auditOf(tenant, 'grant.application_admitted_reduced', ids[1]!)).length, 1);
    const reducedMail = (await outboxTo(tdb.db, tenant, a.data.email!).execute())[0]!;
    assert.match(reducedMail.text_body, /contributo ridotto di 1\.000,00/);

    // Non-admission needs one of the three causes; it releases the reservation and funds the next waiting one.
    const noCause = await postFrom(c, page(ids[2]!), `${page(ids[2]!)}/decisione`, { decision: 'reject' });
    assert.equal(noCause.statusCode, 422);
    assert.match(decode(noCause.body), /causa di non ammissione/);
    const rejected = await c.post(`${page(ids[2]!)}/decisione`, {
      decision: 'reject',
      cause: 'documento_mancante',
      note: 'Manca il libretto di impianto',
    });
    assert.equal(rejected.statusCode, 303);
    a = await app(tenant, ids[2]!);
    assert.equal(a.status, 'rejected');
    assert.equal(a.funding, 'released');
    assert.equal(a.reservedCents, 0);
    assert.match(a.decisionReason!, /anche di uno solo dei documenti/);
    assert.deepEqual(await funding(), ['reserved', 'reserved', 'released', 'reserved']);
    assert.equal((await auditOf(tenant, 'grant.application_rejected', ids[2]!)).length, 1);
    const rejectMail = (await outboxTo(tdb.db, tenant, a.data.email!).execute())[0]!;
    assert.match(rejectMail.subject, /non ammessa/);
    assert.match(rejectMail.text_body, /Manca il libretto di impianto/);

    // The ledger balances: budget − reservations = available.
    const status = await budgetStatus(tdb.db, tenant.id, call);
    const reserved = (await Promise.all(ids.map((id) => app(tenant, id)))).reduce(
      (s, x) => s + x.reservedCents,
      0,
    );
    assert.equal(status.availableCents, 600_000 - reserved);
  });

  test('rejecting a waiting application takes it off the waiting list', async () => {
    const tenant = await createTestTenant(tdb.db);
    const callId = await openPugliaCall(tdb.db, tenant.id, t.deps.now(), { budgetCents: 250_000 });
    const ids = await submitted(tenant, callId, 2, 400);
    const { c } = await signedIn(tenant);
    const res = await postFrom(c, `/ufficio/domande/${ids[1]}`, `/ufficio/domande/${ids[1]}/decisione`, {
      decision: 'reject',
      cause: 'requisito_mancante',
    });
    assert.equal(res.statusCode, 303);
    const a = await app(tenant, ids[1]!);
    assert.deepEqual([a.status, a.funding], ['rejected', 'none']);
  });

  test("another tenant's officer gets 404; a citizen gets 403", async () => {
    const tenant = await createTestTenant(tdb.db);
    const other = await createTestTenant(tdb.db);
    const callId = await openPugliaCall(tdb.db, tenant.id, t.deps.now());
    const [id] = await submitted(tenant, callId, 1, 500);
    const { c: stranger } = await signedIn(other);
    for (const url of [
      `/ufficio/domande/${id}`,
      `/ufficio/bandi/${callId}/domande`,
      `/ufficio/bandi/${callId}/domande.csv`,
      `/ufficio/bandi/${callId}/controlli`,
      `/ufficio/bandi/${callId}/pagamenti`,
    ])
      assert.equal((await stranger.get(url)).statusCode, 404, url);
    await stranger.get('/ufficio/bandi');
    const post = await stranger.post(`/ufficio/domande/${id}/decisione`, {
      ...ALL_CHECKS,
      decision: 'admit',
    });
    assert.equal(post.statusCode, 404);
    assert.equal((await app(tenant, id!)).status, 'submitted');

    const { c: citizen } = await signedIn(tenant, 'citizen');
    for (const url of ['/ufficio/bandi', `/ufficio/domande/${id}`, `/ufficio/bandi/${callId}/pagamenti`])
      assert.equal((await citizen.get(url)).statusCode, 403, url);
    const anonymous = new TestClient(t.app, `${tenant.slug}.localhost`);
    assert.equal((await anonymous.get(`/ufficio/domande/${id}`)).statusCode, 302);
  });
});
