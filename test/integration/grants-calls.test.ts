import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { TRole } from '../../src/auth/permissions.js';
import { createStaffAccount } from '../../src/modules/accounts/create-staff-account.js';
import { getApplication } from '../../src/modules/grants/application/queries.js';
import { submitApplication } from '../../src/modules/grants/application/submit-application.js';
import { allocateCall } from '../../src/modules/grants/funding/allocate-funds.js';
import type { TTenant } from '../../src/tenancy/tenant.js';
import { exampleApplicationValues } from '../fixtures/grants/example-application.js';
import { TEST_ACTOR } from '../helpers/company-fixtures.js';
import { insertCitizen, insertCompleteDraft, openPugliaCall } from '../helpers/grants.js';
import { decode, fieldError, inputValue } from '../helpers/html.js';
import { TestClient } from '../helpers/http-client.js';
import { closeTestApp, createTestTenant, openTestApp, type TTestApp } from '../helpers/test-app.js';
import type { TTestDatabase } from '../helpers/test-db.js';

const engine = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite';
const text = (html: string) => decode(html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' '));

describe(`grants: calls as data and the public call page (${engine})`, () => {
  let tdb: TTestDatabase;
  let t: TTestApp;
  let tenant: TTenant;
  before(async () => {
    ({ tdb, t } = await openTestApp({ RATE_LIMIT_PER_MINUTE: '1000' }));
    tenant = await createTestTenant(t.deps.db);
  });
  after(() => closeTestApp(t, tdb));

  let accounts = 0;
  async function signedIn(role: TRole, on: TTenant = tenant) {
    accounts++;
    const username = `${role}${accounts}`;
    await createStaffAccount(
      t.deps,
      on,
      {
        username,
        email: `${username}@example.org`,
        fullName: `Utente ${accounts}`,
        initialPassword: 'Giusta-123',
        role,
        mustChangePassword: false,
      },
      TEST_ACTOR,
    );
    const c = new TestClient(t.app, `${on.slug}.localhost`);
    await c.get('/accesso');
    assert.equal((await c.post('/accesso', { login: username, password: 'Giusta-123' })).statusCode, 303);
    return c;
  }

  test('the administrator creates a call from the Puglia template; bad input names the field and keeps the values', async () => {
    const admin = await signedIn('tenant_admin');
    const page = await admin.get('/amministrazione/bandi/nuovo');
    assert.equal(page.statusCode, 200);
    // The template carries the Puglia call: 21 municipalities, caps, EUR 200,000.
    assert.equal(inputValue(page.body, 'budget'), '200.000,00');
    assert.match(decode(page.body), /Torre S\. Susanna/);
    const form: Record<string, string> = {};
    for (const m of page.body.matchAll(/<input[^>]*name="([^"]+)"[^>]*>/g)) {
      const tag = m[0];
      const name = m[1]!;
      if (name === '_csrf') continue;
      if (/type="checkbox"/.test(tag)) {
        if (/\schecked/.test(tag)) form[name] = '1';
      } else form[name] = decode(/value="([^"]*)"/.exec(tag)?.[1] ?? '');
    }
    for (const m of page.body.matchAll(/<textarea[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/textarea>/g))
      form[m[1]!] = decode(m[2]!);
    const bad = await admin.post('/amministrazione/bandi/nuovo', {
      ...form,
      code: 'bando-stufe',
      budget: 'tanti',
      opens_at: '10/01/2025 09:00',
      closes_at: '09/01/2025 09:00',
    });
    assert.equal(bad.statusCode, 422);
    assert.match(fieldError(bad.body, 'budget') ?? '', /Dotazione finanziaria/);
    assert.match(fieldError(bad.body, 'closes_at') ?? '', /successiva/);
    assert.equal(inputValue(bad.body, 'budget'), 'tanti');
    assert.equal(inputValue(bad.body, 'code'), 'bando-stufe');

    const ok = await admin.post('/amministrazione/bandi/nuovo', {
      ...form,
      code: 'bando-stufe',
      title: 'Bando stufe 2025',
      budget: '50.000,00',
      opens_at: '10/01/2025 09:00',
      closes_at: '28/02/2025 12:00',
      published: '1',
    });
    assert.equal(ok.statusCode, 303);
    const pub = await new TestClient(t.app, `${tenant.slug}.localhost`).get('/bandi/bando-stufe');
    assert.equal(pub.statusCode, 200);
    const body = text(pub.body);
    assert.match(body, /Bando stufe 2025/);
    assert.match(body, /Fondi residui 50\.000,00 €/);
    assert.match(body, /dal 10\/01\/2025 09:00 al 28\/02\/2025 12:00/);
    assert.match(body, /Caldaia a legna\/cippato 10\.000,00 €/);
    assert.match(body, /Bitonto/);
  });

  test('an officer cannot configure calls; another tenant does not see them', async () => {
    const officer = await signedIn('officer');
    assert.equal((await officer.get('/amministrazione/bandi')).statusCode, 403);
    const other = await createTestTenant(t.deps.db);
    await openPugliaCall(t.deps.db, tenant.id, t.clock.now(), { code: 'solo-qui' });
    assert.equal(
      (await new TestClient(t.app, `${other.slug}.localhost`).get('/bandi/solo-qui')).statusCode,
      404,
    );
  });

  test('the public page and its JSON read the remaining budget from the ledger, also after a budget change', async () => {
    const now = t.clock.now();
    const callId = await openPugliaCall(t.deps.db, tenant.id, now, { code: 'ledger', budgetCents: 600_000 });
    const ids: string[] = [];
    for (let n = 0; n < 3; n++) {
      const user = await insertCitizen(t.deps.db, tenant.id, 100 + n);
      const id = await insertCompleteDraft(
        t.deps.db,
        tenant.id,
        callId,
        user,
        exampleApplicationValues(100 + n),
      );
      await submitApplication(t.deps.db, { tenantId: tenant.id, userId: user, applicationId: id, now });
      ids.push(id);
    }
    await allocateCall(t.deps.db, tenant.id, callId, now);
    const visitor = new TestClient(t.app, `${tenant.slug}.localhost`);
    const page = text((await visitor.get('/bandi/ledger')).body);
    assert.match(page, /Fondi residui 1\.000,00 €/);
    assert.match(page, /Domande presentate 3/);
    assert.match(page, /lista d'attesa 1/);
    const json = (await visitor.get('/bandi/ledger/stato.json')).json() as Record<string, unknown>;
    assert.equal(json.availableCents, 100_000);
    assert.equal(json.applications, '3');

    // Raising the budget by 1.500,00 € funds the waiting application at once.
    const admin = await signedIn('tenant_admin');
    const edit = await admin.get(`/amministrazione/bandi/${callId}`);
    assert.equal(inputValue(edit.body, 'budget'), '6.000,00');
    const form: Record<string, string> = {};
    for (const m of edit.body.matchAll(/<input[^>]*name="([^"]+)"[^>]*>/g)) {
      if (m[1] === '_csrf') continue;
      if (/type="checkbox"/.test(m[0])) {
        if (/\schecked/.test(m[0])) form[m[1]!] = '1';
      } else form[m[1]!] = decode(/value="([^"]*)"/.exec(m[0])?.[1] ?? '');
    }
    for (const m of edit.body.matchAll(/<textarea[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/textarea>/g))
      form[m[1]!] = decode(m[2]!);
    // Below what is reserved: refused.
    const low = await admin.post(`/amministrazione/bandi/${callId}`, { ...form, budget: '1.000,00' });
    assert.equal(low.statusCode, 422);
    assert.match(fieldError(low.body, 'budget') ?? '', /fondi già prenotati/);
    assert.equal(
      (await admin.post(`/amministrazione/bandi/${callId}`, { ...form, budget: '7.500,00' })).statusCode,
      303,
    );
    assert.equal((await getApplication(t.deps.db, tenant.id, ids[2]!)).funding, 'reserved');
    assert.match(text((await visitor.get('/bandi/ledger')).body), /Fondi residui 0,00 €/);
  });
});
