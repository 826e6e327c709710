import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { TRole } from '../../src/auth/permissions.js';
import { createStaffAccount } from '../../src/modules/accounts/create-staff-account.js';
import type { TTenant } from '../../src/tenancy/tenant.js';
import { answerCheck } from '../helpers/check-code.js';
import { decode, fieldError } from '../helpers/html.js';
import { lastMailTo, TestClient } from '../helpers/http-client.js';
import {
  buildTestApp,
  closeTestApp,
  createTestTenant,
  openTestApp,
  type TTestApp,
} from '../helpers/test-app.js';
import type { TTestDatabase } from '../helpers/test-db.js';
import { registrationForm } from '../helpers/accounts.js';

// Helpers local to this file -----------------------------------------------------------------------------

const hasCheckCode = (html: string) => html.includes('name="check_token"');

const INVALID = 'Nome utente o password non corretti.';

function setCookieHeader(res: { headers: Record<string, unknown> }): string {
  const h = res.headers['set-cookie'];
  return Array.isArray(h) ? h.join('\n') : String(h ?? '');
}

// -------------------------------------------------------------------------------------------------------------

describe(`login, sessions, lockout and tenancy (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  let tdb: TTestDatabase;
  let t: TTestApp;
  // Many logins from one address: the per-IP limit has its own test below, with its own app.
  before(async () => {
    ({ tdb, t } = await openTestApp({ RATE_LIMIT_PER_MINUTE: '1000' }));
  });
  after(() => closeTestApp(t, tdb));

  const client = (tenant: TTenant) => new TestClient(t.app, `${tenant.slug}.localhost`);

  /** An active account created directly (no first-access change), to save the registration steps. */
  async function account(
    tenant: TTenant,
    o: { username?: string; email?: string; password?: string; role?: TRole; fullName?: string } = {},
  ) {
    const a = {
      username: o.username ?? 'lbianchi',
      email: o.email ?? `${o.username ?? 'lbianchi'}@example.org`,
      password: o.password ?? 'Giusta-123',
      fullName: o.fullName ?? 'Lucia Bianchi',
    };
    const { userId } = await createStaffAccount(
      t.deps,
      tenant,
      {
        username: a.username,
        email: a.email,
        fullName: a.fullName,
        initialPassword: a.password,
        role: o.role ?? 'citizen',
        mustChangePassword: false,
      },
      { id: null, label: 'test', ip: null },
    );
    return { ...a, userId };
  }

  async function logIn(c: TestClient, login: string, password: string, extra: Record<string, string> = {}) {
    await c.get('/accesso');
    return c.post('/accesso', { login, password, ...extra });
  }

  async function failedLogins(userId: string): Promise<number> {
    const row = await tdb.db
      .selectFrom('users')
      .select('failed_logins')
      .where('id', '=', userId)
      .executeTakeFirstOrThrow();
    return row.failed_logins;
  }

  describe('login and logout', () => {
    test('login by username (any case) and by e-mail; wrong password and unknown user get the same answer', async () => {
      const tenant = await createTestTenant(tdb.db);
      const a = await account(tenant);

      const byName = client(tenant);
      let res = await logIn(byName, 'LBianchi', a.password);
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, '/area-riservata');
      const area = await byName.get('/area-riservata');
      assert.equal(area.statusCode, 200);
      assert.match(area.body, /Benvenuto, <strong>Lucia Bianchi<\/strong>/);

      const byEmail = client(tenant);
      res = await logIn(byEmail, 'LBIANCHI@example.org', a.password);
      assert.equal(res.statusCode, 303);
      assert.equal((await byEmail.get('/area-riservata')).statusCode, 200);

      const wrong = client(tenant);
      const badPassword = await logIn(wrong, a.username, 'Sbagliata-1');
      assert.equal(badPassword.statusCode, 422);
      assert.equal(fieldError(badPassword.body, 'login'), INVALID);
      assert.match(badPassword.body, /value="lbianchi"/, 'the login typed is kept');
      assert.ok(!badPassword.body.includes('Sbagliata-1'), 'the password is not echoed back');
      const unknown = await logIn(wrong, 'nessuno', 'Sbagliata-1');
      assert.equal(unknown.statusCode, 422);
      assert.equal(fieldError(unknown.body, 'login'), INVALID);
      assert.equal((await wrong.get('/area-riservata')).statusCode, 302, 'still anonymous');

      const empty = await logIn(wrong, '', '');
      assert.equal(empty.statusCode, 422);
      assert.equal(fieldError(empty.body, 'login'), 'Inserisci il nome utente.');
      assert.equal(fieldError(empty.body, 'password'), 'Inserisci la password.');

      const last = await tdb.db
        .selectFrom('users')
        .select('last_login_at')
        .where('id', '=', a.userId)
        .executeTakeFirstOrThrow();
      assert.ok(last.last_login_at, 'the login time is recorded');
    });

    test('after login the user goes back to the page asked for; never to another site', async () => {
      const tenant = await createTestTenant(tdb.db);
      const a = await account(tenant);
      const c = client(tenant);
      const profile = await c.get('/profilo');
      assert.equal(profile.statusCode, 302);
      assert.equal(profile.headers.location, '/accesso?next=%2Fprofilo');
      await c.get('/accesso?next=%2Fprofilo');
      let res = await c.post('/accesso', { login: a.username, password: a.password, next: '/profilo' });
      assert.equal(res.headers.location, '/profilo');

      const other = client(tenant);
      await other.get('/accesso');
      res = await other.post('/accesso', {
        login: a.username,
        password: a.password,
        next: '//evil.example/x',
      });
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, '/area-riservata');
    });

    test('logout ends the session: the old cookie is anonymous afterwards', async () => {
      const tenant = await createTestTenant(tdb.db);
      const a = await account(tenant);
      const c = client(tenant);
      await logIn(c, a.username, a.password);
      await c.get('/area-riservata');
      const cookie = c.sessionCookie!;

      const out = await c.post('/esci', {});
      assert.equal(out.statusCode, 303);
      assert.equal(out.headers.location, '/?uscita=1');
      const home = await c.get('/?uscita=1');
      assert.match(home.body, /Sei uscito dall'area riservata\./);
      assert.equal((await c.get('/area-riservata')).statusCode, 302);

      const replay = client(tenant);
      replay.setCookie('focolare_sid', cookie);
      const res = await replay.get('/area-riservata');
      assert.equal(res.statusCode, 302, 'the cookie of the ended session opens nothing');
      assert.match(String(res.headers.location), /^\/accesso/);
      const rows = await tdb.db
        .selectFrom('sessions')
        .select('sid')
        .where('user_id', '=', a.userId)
        .execute();
      assert.equal(rows.length, 0, 'no session row left for the user');
    });

    test('the session id changes at login; the cookie is HttpOnly and SameSite=Lax', async () => {
      const tenant = await createTestTenant(tdb.db);
      const a = await account(tenant);
      const c = client(tenant);
      const page = await c.get('/accesso');
      const before = c.sessionCookie;
      assert.ok(before, 'the login page starts a session (for the CSRF token)');
      assert.match(setCookieHeader(page), /focolare_sid=/);

      const res = await c.post('/accesso', { login: a.username, password: a.password });
      assert.equal(res.statusCode, 303);
      const cookie = setCookieHeader(res);
      assert.match(cookie, /focolare_sid=/);
      assert.match(cookie, /HttpOnly/i);
      assert.match(cookie, /SameSite=Lax/i);
      assert.match(cookie, /Path=\//);
      const afterLogin = c.sessionCookie;
      assert.ok(afterLogin);
      assert.notEqual(afterLogin.split('.')[0], before.split('.')[0], 'a new session id');
      assert.equal((await c.get('/area-riservata')).statusCode, 200);

      // Someone who planted the pre-login cookie gets nothing from it.
      const planted = client(tenant);
      planted.setCookie('focolare_sid', before);
      assert.equal((await planted.get('/area-riservata')).statusCode, 302);
    });
  });

  describe('lockout', () => {
    test('after 5 wrong passwords the check code is required; with it the right password works and resets the count', async () => {
      const tenant = await createTestTenant(tdb.db);
      const a = await account(tenant);
      const c = client(tenant);
      await c.get('/accesso');
      for (let i = 1; i <= 4; i++) {
        const res = await c.post('/accesso', { login: a.username, password: `Sbagliata-${i}` });
        assert.equal(res.statusCode, 422);
        assert.equal(fieldError(res.body, 'login'), INVALID, `attempt ${i}`);
        assert.ok(!hasCheckCode(res.body), `no check code yet at attempt ${i}`);
      }
      let res = await c.post('/accesso', { login: a.username, password: 'Sbagliata-5' });
      assert.equal(res.statusCode, 422);
      assert.match(fieldError(res.body, 'login') ?? '', /codice di controllo/);
      assert.ok(hasCheckCode(res.body), 'the login page now asks the check code');
      assert.equal(await failedLogins(a.userId), 5);

      // The right password without the check code is refused (also from another browser).
      const other = client(tenant);
      res = await logIn(other, a.username, a.password);
      assert.equal(res.statusCode, 422);
      assert.match(fieldError(res.body, 'login') ?? '', /codice di controllo/);
      assert.equal((await other.get('/area-riservata')).statusCode, 302);
      res = await c.post('/accesso', { login: a.username, password: a.password });
      assert.equal(res.statusCode, 422);
      assert.match(fieldError(res.body, 'login') ?? '', /codice di controllo/);

      // ... and with a wrong answer to the check code.
      res = await c.post('/accesso', { login: a.username, password: a.password, ...answerCheck(c, true) });
      assert.equal(res.statusCode, 422);
      assert.match(fieldError(res.body, 'check_answer') ?? '', /Il codice di controllo non è valido/);
      assert.ok(hasCheckCode(res.body), 'a new check code is asked');

      // A wrong password with a right check code still counts as a failure.
      res = await c.post('/accesso', { login: a.username, password: 'Sbagliata-6', ...answerCheck(c) });
      assert.equal(res.statusCode, 422);
      assert.equal(await failedLogins(a.userId), 6);
      assert.equal((await other.get('/area-riservata')).statusCode, 302, 'nobody got in so far');

      res = await c.post('/accesso', { login: a.username, password: a.password, ...answerCheck(c) });
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, '/area-riservata');
      assert.equal((await c.get('/area-riservata')).statusCode, 200);
      assert.equal(await failedLogins(a.userId), 0, 'a success resets the count');

      // Counter reset: one wrong password is an ordinary failure, and no check code is needed.
      await c.post('/esci', {});
      res = await logIn(c, a.username, 'Sbagliata-7');
      assert.equal(fieldError(res.body, 'login'), INVALID);
      assert.ok(!hasCheckCode(res.body));
      res = await c.post('/accesso', { login: a.username, password: a.password });
      assert.equal(res.statusCode, 303);
    });

    test('an unknown name gets the same answers as an existing account: the lockout reveals nothing', async () => {
      const tenant = await createTestTenant(tdb.db);
      const a = await account(tenant);
      const answers = async (login: string) => {
        const c = client(tenant);
        const out: string[] = [];
        for (let i = 0; i < 6; i++) {
          const res = await logIn(c, login, 'Sbagliata-1');
          out.push(`${res.statusCode} ${fieldError(res.body, 'login')} ${hasCheckCode(res.body)}`);
        }
        return out;
      };
      const existing = await answers(a.username);
      const unknown = await answers('nessuno.esiste');
      assert.deepEqual(unknown, existing);
      assert.match(existing.at(-1)!, /codice di controllo/);
    });

    test('the proof of work solved by the browser script also unlocks the login', async () => {
      const tenant = await createTestTenant(tdb.db);
      const a = await account(tenant);
      const c = client(tenant);
      await c.get('/accesso');
      for (let i = 1; i <= 5; i++)
        await c.post('/accesso', { login: a.username, password: `Sbagliata-${i}` });
      assert.ok(hasCheckCode(c.lastHtml));
      const solved = await c.solveCheckCode();
      const token = answerCheck(c).check_token!;
      const res = await c.post('/accesso', {
        login: a.username,
        password: a.password,
        check_token: token,
        ...solved,
      });
      assert.equal(res.statusCode, 303);
      assert.equal(await failedLogins(a.userId), 0);
    });
  });

  describe('tenancy', () => {
    async function registerAndVerify(tenant: TTenant, password: string) {
      const c = client(tenant);
      await c.get('/registrazione');
      const res = await c.post(
        '/registrazione',
        registrationForm({ password, password_confirm: password, ...answerCheck(c) }),
      );
      assert.equal(res.statusCode, 303, fieldError(res.body, 'username'));
      const mail = await lastMailTo(tdb.db, 'mario@example.org');
      assert.equal(mail?.tenant_id, tenant.id);
      await c.get('/registrazione/verifica');
      assert.equal((await c.post('/registrazione/verifica', { code: mail!.code! })).statusCode, 303);
    }

    test('the same username in two tenants is two accounts, each with its own password', async () => {
      const ta = await createTestTenant(tdb.db);
      const tb = await createTestTenant(tdb.db);
      await registerAndVerify(ta, 'Password-A1');
      await registerAndVerify(tb, 'Password-B1');

      const rows = await tdb.db
        .selectFrom('users')
        .select(['tenant_id', 'status'])
        .where('username', '=', 'mrossi')
        .where('tenant_id', 'in', [ta.id, tb.id])
        .execute();
      assert.equal(rows.length, 2);
      assert.deepEqual(new Set(rows.map((r) => r.tenant_id)), new Set([ta.id, tb.id]));
      assert.ok(rows.every((r) => r.status === 'active'));

      assert.equal((await logIn(client(ta), 'mrossi', 'Password-A1')).statusCode, 303);
      assert.equal((await logIn(client(tb), 'mrossi', 'Password-B1')).statusCode, 303);
      const crossA = await logIn(client(ta), 'mrossi', 'Password-B1');
      assert.equal(crossA.statusCode, 422);
      assert.equal(fieldError(crossA.body, 'login'), INVALID);
      const crossB = await logIn(client(tb), 'mrossi', 'Password-A1');
      assert.equal(crossB.statusCode, 422);
      assert.equal(fieldError(crossB.body, 'login'), INVALID);
    });

    test("a session cookie of tenant A is anonymous on tenant B's host", async () => {
      const ta = await createTestTenant(tdb.db);
      const tb = await createTestTenant(tdb.db);
      const a = await account(ta, { role: 'tenant_admin' });
      const ca = client(ta);
      assert.equal((await logIn(ca, a.username, a.password)).statusCode, 303);
      assert.equal((await ca.get('/area-riservata')).statusCode, 200);

      const cb = client(tb);
      cb.setCookie('focolare_sid', ca.sessionCookie!);
      const area = await cb.get('/area-riservata');
      assert.equal(area.statusCode, 302);
      assert.match(String(area.headers.location), /^\/accesso/);
      const users = await cb.get('/amministrazione/utenti');
      assert.equal(users.statusCode, 302);
      assert.match(String(users.headers.location), /^\/accesso/);
      const home = await cb.get('/');
      assert.ok(!home.body.includes('Lucia Bianchi'), 'B does not greet the user of A');

      // Still signed in on A.
      assert.equal((await ca.get('/area-riservata')).statusCode, 200);
    });

    test("an administrator of tenant A sees only A's users; officers and citizens get 403", async () => {
      const ta = await createTestTenant(tdb.db);
      const tb = await createTestTenant(tdb.db);
      const admin = await account(ta, {
        username: 'admin-a',
        role: 'tenant_admin',
        fullName: 'Anna Amministra',
      });
      await account(ta, { username: 'citt-a', fullName: 'Carlo Cittadino' });
      const officer = await account(ta, { username: 'oper-a', role: 'officer', fullName: 'Olga Operatrice' });
      await account(tb, { username: 'admin-b', role: 'tenant_admin', fullName: 'Bruno Bianchi' });
      await account(tb, { username: 'segreto-b', fullName: 'Beatrice Berti' });

      const c = client(ta);
      await logIn(c, admin.username, admin.password);
      const res = await c.get('/amministrazione/utenti');
      assert.equal(res.statusCode, 200);
      for (const name of ['admin-a', 'citt-a', 'oper-a', 'Carlo Cittadino'])
        assert.ok(res.body.includes(name), name);
      for (const name of ['admin-b', 'segreto-b', 'Bruno Bianchi', 'Beatrice Berti'])
        assert.ok(!res.body.includes(name), `${name} of tenant B is not listed`);

      const o = client(ta);
      await logIn(o, officer.username, officer.password);
      const denied = await o.get('/amministrazione/utenti');
      assert.equal(denied.statusCode, 403);
      assert.match(denied.body, /Accesso non consentito/);
      assert.ok(!denied.body.includes('citt-a'));

      const citizen = client(ta);
      await logIn(citizen, 'citt-a', 'Giusta-123');
      const forbidden = await citizen.get('/amministrazione/utenti');
      assert.equal(forbidden.statusCode, 403);
      assert.match(forbidden.body, /<html lang="it"/);
      assert.match(forbidden.body, /Accesso non consentito/);
      assert.match(forbidden.body, /Non hai i permessi per accedere a questa pagina\./);
      assert.ok(!forbidden.body.includes('admin-a'), 'no user list leaks');
      // Nor can a citizen create users.
      await citizen.get('/area-riservata');
      const post = await citizen.post('/amministrazione/utenti', {
        full_name: 'Intruso',
        email: 'intruso@example.org',
        username: 'intruso',
        role: 'tenant_admin',
        initial_password: 'Intruso-123',
      });
      assert.equal(post.statusCode, 403);
      assert.match(post.body, /Accesso non consentito/, 'refused for the role, not for the form token');
      const created = await tdb.db
        .selectFrom('users')
        .select('id')
        .where('username', '=', 'intruso')
        .execute();
      assert.equal(created.length, 0);
    });
  });

  describe('limits and pages', () => {
    test('the 4th login attempt in a minute from one address gets 429 with an Italian page', async () => {
      const limited = await buildTestApp(tdb.db, { RATE_LIMIT_PER_MINUTE: '3' });
      try {
        const tenant = await createTestTenant(tdb.db);
        const c = new TestClient(limited.app, `${tenant.slug}.localhost`);
        await c.get('/accesso');
        for (let i = 1; i <= 3; i++) {
          const res = await c.post('/accesso', { login: 'nessuno', password: `Sbagliata-${i}` });
          assert.equal(res.statusCode, 422, `attempt ${i} is answered`);
        }
        const res = await c.post('/accesso', { login: 'nessuno', password: 'Sbagliata-4' });
        assert.equal(res.statusCode, 429);
        assert.match(String(res.headers['content-type']), /^text\/html/);
        assert.match(res.body, /<html lang="it"/);
        assert.match(res.body, /Troppe richieste/);
        assert.match(decode(res.body), /Attendi un minuto e riprova\./);
        assert.equal(res.headers['cache-control'], 'no-store');
        // Reading pages is not limited.
        assert.equal((await c.get('/accesso')).statusCode, 200);
      } finally {
        await limited.app.close();
      }
    });

    test('pages are sent with Cache-Control: no-store; static files may be cached', async () => {
      const tenant = await createTestTenant(tdb.db);
      const a = await account(tenant);
      const c = client(tenant);
      for (const url of ['/', '/accesso', '/registrazione', '/password/recupero', '/pagina-che-non-esiste']) {
        const res = await c.get(url);
        assert.equal(res.headers['cache-control'], 'no-store', url);
      }
      const login = await logIn(c, a.username, a.password);
      assert.equal(login.headers['cache-control'], 'no-store', 'the login redirect');
      for (const url of ['/area-riservata', '/profilo']) {
        const res = await c.get(url);
        assert.equal(res.statusCode, 200, url);
        assert.equal(res.headers['cache-control'], 'no-store', url);
      }
      const css = await c.get('/static/app/css/focolare.css');
      assert.equal(css.statusCode, 200);
      assert.notEqual(css.headers['cache-control'], 'no-store');
    });

    test('an unknown page gets a 404 page in Italian without internals', async () => {
      const tenant = await createTestTenant(tdb.db);
      const c = client(tenant);
      const res = await c.get('/pagina-che-non-esiste');
      assert.equal(res.statusCode, 404);
      assert.match(String(res.headers['content-type']), /^text\/html/);
      assert.match(res.body, /<html lang="it"/);
      assert.match(res.body, /<h1>Pagina non trovata<\/h1>/);
      assert.match(decode(res.body), /La pagina richiesta non esiste o non è più disponibile\./);
      assert.doesNotMatch(res.body, /\bat .+:\d+:\d+|node_modules|src\/|Error:|Not Found/);

      const unknownTenant = await new TestClient(t.app, 'sconosciuto.localhost').get('/');
      assert.equal(unknownTenant.statusCode, 404);
      assert.match(unknownTenant.body, /<html lang="it"/);
      assert.match(decode(unknownTenant.body), /L'ente "sconosciuto" non è servito da questo portale\./);
      assert.doesNotMatch(unknownTenant.body, /\bat .+:\d+:\d+|node_modules|src\/|Error:/);
    });
  });
});
