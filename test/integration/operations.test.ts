import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildApp } from '../../src/app.js';
import { PasswordHasher } from '../../src/auth/password-hash.js';
import { createStaffAccount } from '../../src/modules/accounts/create-staff-account.js';
import { TestClient } from '../helpers/http-client.js';
import {
  closeTestApp,
  createTestTenant,
  openTestApp,
  TestClock,
  testConfig,
  type TTestApp,
} from '../helpers/test-app.js';
import { createTestDatabase, type TTestDatabase } from '../helpers/test-db.js';

const engine = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite';

describe(`sessions, timeouts and operations (${engine})`, () => {
  let tdb: TTestDatabase;
  let t: TTestApp;
  before(async () => {
    ({ tdb, t } = await openTestApp());
  });
  after(() => closeTestApp(t, tdb));

  async function signedIn() {
    const tenant = await createTestTenant(tdb.db);
    await createStaffAccount(
      t.deps,
      tenant,
      {
        username: 'op',
        email: 'op@example.org',
        fullName: 'Olga Operatrice',
        initialPassword: 'segreto1',
        role: 'officer',
        mustChangePassword: false,
      },
      { id: null, label: 'test', ip: null },
    );
    const c = new TestClient(t.app, `${tenant.slug}.localhost`);
    await c.get('/accesso');
    const res = await c.post('/accesso', { login: 'op', password: 'segreto1' });
    assert.equal(res.statusCode, 303);
    assert.equal((await c.get('/area-riservata')).statusCode, 200);
    return { tenant, c };
  }

  test('a session idle past its timeout is gone: the user must sign in again', async () => {
    const { c } = await signedIn();
    await tdb.db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .execute();
    const res = await c.get('/area-riservata');
    assert.equal(res.statusCode, 302);
    assert.match(String(res.headers.location), /^\/accesso/);
  });

  test('the absolute timeout ends a session even when it is in use', async () => {
    const { c } = await signedIn();
    t.clock.advanceMinutes(t.deps.config.session.absoluteHours * 60 + 1);
    const res = await c.get('/area-riservata');
    assert.equal(res.statusCode, 302);
    const login = await c.get('/accesso');
    assert.match(login.body, /La sessione è scaduta: accedi di nuovo\./);
  });

  test('pages carry security headers, a request id and no-store; healthz checks the database', async () => {
    const tenant = await createTestTenant(tdb.db);
    const res = await t.app.inject({ url: '/', headers: { host: `${tenant.slug}.localhost` } });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['cache-control'], 'no-store');
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.match(String(res.headers['content-security-policy']), /script-src 'self'/);
    assert.ok(res.headers['x-request-id']);
    const health = await t.app.inject({ url: '/healthz' });
    assert.deepEqual(health.json(), { status: 'ok', database: 'ok' });
  });

  test('an unknown ente gets an Italian 404 page, without a stack trace', async () => {
    const res = await t.app.inject({ url: '/', headers: { host: 'nessuno.localhost' } });
    assert.equal(res.statusCode, 404);
    assert.match(res.body, /non è servito da questo portale/);
    assert.doesNotMatch(res.body, /at \w+ \(/);
  });

  test('a form posted without its CSRF token is refused with an Italian page', async () => {
    const tenant = await createTestTenant(tdb.db);
    const res = await t.app.inject({
      method: 'POST',
      url: '/accesso',
      headers: { host: `${tenant.slug}.localhost`, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'login=x&password=y',
    });
    assert.equal(res.statusCode, 403);
    assert.match(res.body, /Modulo scaduto/);
  });
});

describe(`overload (${engine})`, () => {
  let tdb: TTestDatabase;
  before(async () => {
    tdb = await createTestDatabase();
  });
  after(async () => {
    await tdb.close();
  });

  test('when the hashing queue is full, login answers 503 with Retry-After instead of waiting', async () => {
    const config = testConfig();
    // One hashing thread and no queue: a second login arriving during the first is refused at once.
    const deps = { config, db: tdb.db, hasher: new PasswordHasher(1, 0), now: new TestClock().now };
    const app = await buildApp(deps, { logger: false });
    try {
      const tenant = await createTestTenant(tdb.db);
      const clients = [
        new TestClient(app, `${tenant.slug}.localhost`),
        new TestClient(app, `${tenant.slug}.localhost`),
      ];
      for (const c of clients) await c.get('/accesso');
      const answers = await Promise.all(
        clients.map((c) => c.post('/accesso', { login: 'nobody', password: 'whatever1' })),
      );
      const codes = answers.map((a) => a.statusCode).sort();
      assert.deepEqual(codes, [422, 503]);
      const busy = answers.find((a) => a.statusCode === 503)!;
      assert.equal(busy.headers['retry-after'], '5');
      assert.match(busy.body, /Riprova tra qualche secondo/);
    } finally {
      await app.close();
    }
  });
});
