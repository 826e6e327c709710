import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Writable } from 'node:stream';
import type { TTenant } from '../../src/tenancy/tenant.js';
import { answerCheck } from '../helpers/check-code.js';
import { companyForm, samplePdf } from '../helpers/companies.js';
import { lastMailTo, pathOf, TestClient } from '../helpers/http-client.js';
import { buildTestApp, createTestTenant, type TTestApp } from '../helpers/test-app.js';
import { createTestDatabase, type TTestDatabase } from '../helpers/test-db.js';
import { registrationForm } from '../helpers/accounts.js';

const engine = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite';

/** The first link in an e-mail's text to `path` (…?token=…), as path and query. */
async function linkTo(tdb: TTestDatabase, to: string, path: string): Promise<string> {
  const rows = await tdb.db
    .selectFrom('mail_outbox')
    .select('text_body')
    .where('to_address', '=', to)
    .orderBy('id', 'desc')
    .execute();
  for (const r of rows) {
    const m = new RegExp(`(https?://\\S+${path.replace(/\//g, '\\/')}\\?token=\\S+)`).exec(r.text_body);
    if (m) return pathOf(m[1]!);
  }
  throw new Error(`no e-mail to ${to} links to ${path}`);
}

describe(`the request log holds no e-mailed token or code (${engine})`, () => {
  let tdb: TTestDatabase;
  let t: TTestApp;
  const log: string[] = [];
  before(async () => {
    tdb = await createTestDatabase();
    const logStream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        log.push(chunk.toString('utf8'));
        done();
      },
    });
    t = await buildTestApp(tdb.db, { RATE_LIMIT_PER_MINUTE: '1000' }, { logStream });
  });
  after(async () => {
    await t.app.close();
    await tdb.close();
  });

  const client = (tenant: TTenant) => new TestClient(t.app, `${tenant.slug}.localhost`);

  /** Citizen: registration with the e-mailed code, a new e-mail address by link, recovery by code. */
  async function citizenFlows(tenant: TTenant) {
    const c = client(tenant);
    await c.get('/registrazione');
    let res = await c.post('/registrazione', registrationForm(answerCheck(c)));
    assert.equal(res.statusCode, 303);
    await c.get('/registrazione/verifica');
    const code = (await lastMailTo(tdb.db, 'mario@example.org'))!.code!;
    assert.equal((await c.post('/registrazione/verifica', { code })).statusCode, 303);

    await c.get('/accesso');
    assert.equal((await c.post('/accesso', { login: 'mrossi', password: 'Segreto1!' })).statusCode, 303);
    await c.get('/profilo');
    res = await c.post('/profilo', {
      full_name: 'Mario Rossi',
      email: 'mario.nuovo@example.org',
      current_password: 'Segreto1!',
    });
    assert.equal(res.statusCode, 303);
    const confirm = await linkTo(tdb, 'mario.nuovo@example.org', '/profilo/conferma-email');
    assert.notEqual((await c.get(confirm)).statusCode, 500);
    await c.get(confirm); // opened twice: used

    const r = client(tenant);
    await r.get('/password/recupero');
    res = await r.post('/password/recupero', { login: 'mrossi', ...answerCheck(r) });
    assert.equal(res.headers.location, '/password/nuova');
    await r.get('/password/nuova');
    const mail = await lastMailTo(tdb.db, 'mario.nuovo@example.org');
    res = await r.post('/password/nuova', {
      login: 'mrossi',
      code: mail!.code!,
      new_password: 'Nuova-pass-1',
      new_password_confirm: 'Nuova-pass-1',
    });
    assert.equal(res.statusCode, 303);
  }

  /** Document area: the activation link, then "Password dimenticata" and its link. */
  async function customerFlows(tenant: TTenant) {
    const c = client(tenant);
    await c.get('/area-clienti/crea-account');
    let res = await c.post('/area-clienti/crea-account', {
      first_name: 'Anna',
      last_name: 'Bianchi',
      email: 'anna@example.org',
      email_confirm: 'anna@example.org',
      mobile: '',
      privacy: '1',
      ...answerCheck(c),
    });
    assert.equal(res.statusCode, 303);
    const activate = await linkTo(tdb, 'anna@example.org', '/area-clienti/attiva');
    assert.equal((await c.get(activate)).statusCode, 200);
    const token = new URL(`http://x${activate}`).searchParams.get('token')!;
    res = await c.post('/area-clienti/attiva', {
      token,
      new_password: 'segreto1',
      new_password_confirm: 'segreto1',
    });
    assert.equal(res.statusCode, 303);
    assert.equal((await c.get(activate)).statusCode, 410, 'used');

    const r = client(tenant);
    await r.get('/area-clienti/password-dimenticata');
    res = await r.post('/area-clienti/password-dimenticata', {
      email: 'anna@example.org',
      ...answerCheck(r),
    });
    assert.equal(res.statusCode, 303);
    const reset = await linkTo(tdb, 'anna@example.org', '/area-clienti/nuova-password');
    assert.equal((await r.get(reset)).statusCode, 200);
    res = await r.post('/area-clienti/nuova-password', {
      token: new URL(`http://x${reset}`).searchParams.get('token')!,
      new_password: 'nuova123',
      new_password_confirm: 'nuova123',
    });
    assert.equal(res.statusCode, 303);
  }

  /** Company registration: the signing link and the documents link. */
  async function companyFlows(tenant: TTenant) {
    const c = client(tenant);
    await c.get('/ditte/registra');
    const pdf = await samplePdf();
    const file = (name: string) => ({
      filename: `${name}.pdf`,
      content: pdf,
      contentType: 'application/pdf',
    });
    const res = await c.postMultipart('/ditte/registra', companyForm(), {
      chamber_certificate: file('visura'),
      insurance_policy: file('polizza'),
    });
    assert.equal(res.statusCode, 303);
    const sign = await linkTo(tdb, 'mario.rossi@example.org', '/ditte/firma');
    assert.equal((await c.get(sign)).statusCode, 200);
    const documents = await linkTo(tdb, 'mario.rossi@example.org', '/ditte/documenti');
    assert.equal((await c.get(documents)).statusCode, 200);
  }

  test('no route takes a token in its path (the logged path is safe to keep)', () => {
    const routes = t.app.printRoutes({ commonPrefix: false });
    assert.match(routes, /:callId/, 'the route tree lists path parameters');
    assert.doesNotMatch(routes, /[:*]\w*(token|codice|code_?verifica|secret|segreto)\w*/i);
  });

  test('registration, e-mail change, recovery, customer activation and company links: no token in the log', async () => {
    const tenant = await createTestTenant(tdb.db);
    await citizenFlows(tenant);
    await customerFlows(tenant);
    await companyFlows(tenant);

    // Every secret e-mailed to the tenant: link tokens and 6-digit codes.
    const bodies = await tdb.db
      .selectFrom('mail_outbox')
      .select(['text_body', 'html_body'])
      .where('tenant_id', '=', tenant.id)
      .execute();
    const tokens = new Set<string>();
    const codes = new Set<string>();
    for (const b of bodies) {
      const text = `${b.text_body}\n${b.html_body ?? ''}`;
      for (const m of text.matchAll(/[?&](?:amp;)?token=([^\s&"<>]+)/g)) {
        tokens.add(m[1]!);
        tokens.add(decodeURIComponent(m[1]!));
      }
      for (const m of b.text_body.matchAll(/(?<![\w.:-])(\d{6})(?![\w.:-])/g)) codes.add(m[1]!);
    }
    assert.ok(tokens.size >= 5, `link tokens found in the e-mails: ${tokens.size}`);
    assert.ok(codes.size >= 2, `codes found in the e-mails: ${codes.size}`);

    const text = log.join('');
    // The log did record those requests (by path), so the absence below means something.
    for (const path of [
      '/profilo/conferma-email',
      '/area-clienti/attiva',
      '/area-clienti/nuova-password',
      '/ditte/firma',
      '/ditte/documenti',
      '/password/nuova',
    ])
      assert.ok(text.includes(`"url":"${path}`), `the log has the request to ${path}`);

    assert.doesNotMatch(text, /token=/, 'no query string with a token');
    for (const token of tokens) assert.ok(!text.includes(token), `a link token is in the log: ${token}`);
    for (const code of codes)
      assert.doesNotMatch(text, new RegExp(`\\b${code}\\b`), `a code is in the log: ${code}`);
  });
});
