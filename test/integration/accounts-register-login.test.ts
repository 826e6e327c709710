import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { lastMailTo, TestClient } from '../helpers/http-client.js';
import { closeTestApp, createTestTenant, openTestApp, type TTestApp } from '../helpers/test-app.js';
import type { TTestDatabase } from '../helpers/test-db.js';

describe(`registration and login (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  let tdb: TTestDatabase;
  let t: TTestApp;
  before(async () => {
    ({ tdb, t } = await openTestApp());
  });
  after(() => closeTestApp(t, tdb));

  test('register → e-mailed code → login → logout', async () => {
    const tenant = await createTestTenant(tdb.db);
    const c = new TestClient(t.app, `${tenant.slug}.localhost`);
    await c.get('/registrazione');
    const check = await c.solveCheckCode();
    const res = await c.post('/registrazione', {
      full_name: 'Mario Rossi',
      email: 'mario@example.org',
      email_confirm: 'mario@example.org',
      username: 'mrossi',
      password: 'segreto1',
      password_confirm: 'segreto1',
      privacy: '1',
      ...check,
    });
    assert.equal(res.statusCode, 303, res.body.slice(0, 2000));
    assert.equal(res.headers.location, '/registrazione/verifica');

    // Not active yet: login goes back to the code page.
    const mail = await lastMailTo(tdb.db, 'mario@example.org');
    assert.ok(mail?.code, 'the e-mail carries a 6-digit code');
    await c.get('/registrazione/verifica');
    const ok = await c.post('/registrazione/verifica', { code: mail.code! });
    assert.equal(ok.statusCode, 303);
    assert.equal(ok.headers.location, '/accesso');

    await c.get('/accesso');
    const login = await c.post('/accesso', { login: 'MROSSI', password: 'segreto1' });
    assert.equal(login.statusCode, 303);
    const area = await c.get('/area-riservata');
    assert.equal(area.statusCode, 200);
    assert.match(area.body, /Benvenuto, <strong>Mario Rossi<\/strong>/);
    assert.equal(area.headers['cache-control'], 'no-store');

    const out = await c.post('/esci', {});
    assert.equal(out.statusCode, 303);
    const after = await c.get('/area-riservata');
    assert.equal(after.statusCode, 302);
    assert.match(String(after.headers.location), /^\/accesso/);
  });
});
