import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { TRole } from '../../src/auth/permissions.js';
import { createStaffAccount } from '../../src/modules/accounts/create-staff-account.js';
import type { TTenant } from '../../src/tenancy/tenant.js';
import { answerCheck } from '../helpers/check-code.js';
import { decode, fieldError, inputValue } from '../helpers/html.js';
import { lastMailTo, otherCode, pathOf, TestClient } from '../helpers/http-client.js';
import { closeTestApp, createTestTenant, openTestApp, type TTestApp } from '../helpers/test-app.js';
import type { TTestDatabase } from '../helpers/test-db.js';

// Helpers local to this file -----------------------------------------------------------------------------

const INVALID = 'Nome utente o password non corretti.';
const ACTOR = { id: null, label: 'test', ip: null };

// -------------------------------------------------------------------------------------------------------------

describe(`passwords and profile (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  let tdb: TTestDatabase;
  let t: TTestApp;
  // Many forms from one address: the per-IP limit is tested in accounts-login.test.ts.
  // E-mailed links are built from BASE_DOMAIN (never the Host header): the tests' hosts are {slug}.localhost.
  before(async () => {
    ({ tdb, t } = await openTestApp({ RATE_LIMIT_PER_MINUTE: '1000', BASE_DOMAIN: 'localhost' }));
  });
  after(() => closeTestApp(t, tdb));

  const client = (tenant: TTenant) => new TestClient(t.app, `${tenant.slug}.localhost`);

  async function account(
    tenant: TTenant,
    o: { username?: string; password?: string; role?: TRole; mustChangePassword?: boolean } = {},
  ) {
    const username = o.username ?? 'lbianchi';
    const a = { username, email: `${username}@example.org`, password: o.password ?? 'Giusta-123' };
    const { userId } = await createStaffAccount(
      t.deps,
      tenant,
      {
        username: a.username,
        email: a.email,
        fullName: 'Lucia Bianchi',
        initialPassword: a.password,
        role: o.role ?? 'citizen',
        ...(o.mustChangePassword === undefined ? { mustChangePassword: false } : {}),
      },
      ACTOR,
    );
    return { ...a, userId };
  }

  async function logIn(c: TestClient, login: string, password: string) {
    await c.get('/accesso');
    return c.post('/accesso', { login, password });
  }

  async function user(userId: string) {
    return tdb.db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirstOrThrow();
  }

  async function mailsOf(tenant: TTenant) {
    return tdb.db
      .selectFrom('mail_outbox')
      .select(['to_address', 'subject'])
      .where('tenant_id', '=', tenant.id)
      .orderBy('id')
      .execute();
  }

  describe('first access', () => {
    test('an account created by staff must change the password before anything else', async () => {
      const tenant = await createTestTenant(tdb.db);
      const { userId } = await createStaffAccount(
        t.deps,
        tenant,
        {
          username: 'oper1',
          email: 'oper1@example.org',
          fullName: 'Olga Operatrice',
          initialPassword: 'Iniziale-1',
          role: 'officer',
        },
        ACTOR,
      );
      assert.equal((await user(userId)).must_change_password, true);

      // A second browser signed in with the initial password, to see it signed out by the change.
      const elsewhere = client(tenant);
      assert.equal((await logIn(elsewhere, 'oper1', 'Iniziale-1')).headers.location, '/password/cambio');

      const c = client(tenant);
      const login = await logIn(c, 'oper1', 'Iniziale-1');
      assert.equal(login.statusCode, 303);
      assert.equal(login.headers.location, '/password/cambio');
      for (const url of ['/area-riservata', '/profilo', '/amministrazione/registro', '/']) {
        const res = await c.get(url);
        assert.equal(res.statusCode, 303, url);
        assert.equal(res.headers.location, '/password/cambio', url);
      }
      const page = await c.get('/password/cambio');
      assert.equal(page.statusCode, 200);
      assert.match(decode(page.body), /Questo è il tuo primo accesso/);

      // Forms elsewhere are not accepted either.
      const profile = await c.post('/profilo', {
        full_name: 'Altro Nome',
        email: 'oper1@example.org',
        current_password: 'Iniziale-1',
      });
      assert.equal(profile.headers.location, '/password/cambio');
      assert.equal((await user(userId)).full_name, 'Olga Operatrice');

      await c.get('/password/cambio');
      const change = (current: string, next: string, confirm = next) =>
        c.post('/password/cambio', {
          current_password: current,
          new_password: next,
          new_password_confirm: confirm,
        });
      let res = await change('Sbagliata-1', 'Nuova-pass-1');
      assert.equal(res.statusCode, 422);
      assert.equal(fieldError(res.body, 'current_password'), 'La password attuale non è corretta.');
      res = await change('Iniziale-1', 'Iniziale-1');
      assert.equal(res.statusCode, 422);
      assert.match(fieldError(res.body, 'new_password') ?? '', /deve essere diversa da quella attuale/);
      res = await change('Iniziale-1', 'corta');
      assert.equal(res.statusCode, 422);
      assert.match(fieldError(res.body, 'new_password') ?? '', /almeno 6 caratteri/);
      res = await change('Iniziale-1', 'Nuova-pass-1', 'Nuova-pass-2');
      assert.equal(res.statusCode, 422);
      assert.equal(fieldError(res.body, 'new_password_confirm'), 'Le due password non coincidono.');
      assert.equal((await user(userId)).must_change_password, true);
      assert.equal((await c.get('/area-riservata')).headers.location, '/password/cambio', 'still blocked');

      await c.get('/password/cambio');
      res = await change('Iniziale-1', 'Nuova-pass-1');
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, '/area-riservata');
      const area = await c.get('/area-riservata');
      assert.equal(area.statusCode, 200);
      assert.match(area.body, /Password modificata\./);
      assert.equal((await c.get('/profilo')).statusCode, 200);
      assert.equal((await user(userId)).must_change_password, false);
      const mail = await lastMailTo(tdb.db, 'oper1@example.org');
      assert.match(mail?.subject ?? '', /Password modificata/);

      assert.equal((await elsewhere.get('/password/cambio')).statusCode, 302, 'the other session has ended');

      const again = client(tenant);
      const old = await logIn(again, 'oper1', 'Iniziale-1');
      assert.equal(old.statusCode, 422);
      assert.equal(fieldError(old.body, 'login'), INVALID);
      const fresh = await again.post('/accesso', { login: 'oper1', password: 'Nuova-pass-1' });
      assert.equal(fresh.statusCode, 303);
      assert.equal(fresh.headers.location, '/area-riservata');
    });
  });

  describe('password recovery', () => {
    /** Normalises what differs by construction: the CSRF token and the login the user typed. */
    const normalise = (html: string, login: string) =>
      html
        .replace(/name="_csrf" value="[^"]*"/g, 'name="_csrf" value=""')
        .split(login)
        .join('LOGIN');

    test('the request answers the same for an existing and a missing account; only the existing one gets an e-mail', async () => {
      const tenant = await createTestTenant(tdb.db);
      const a = await account(tenant);

      async function ask(login: string) {
        const c = client(tenant);
        await c.get('/password/recupero');
        const res = await c.post('/password/recupero', { login, ...answerCheck(c) });
        const next = await c.get('/password/nuova');
        return { c, res, next };
      }

      const before = (await mailsOf(tenant)).length;
      const known = await ask('lbianchi');
      const afterKnown = await mailsOf(tenant);
      const unknown = await ask('nonesiste');
      const afterUnknown = await mailsOf(tenant);

      assert.equal(known.res.statusCode, 303);
      assert.equal(unknown.res.statusCode, known.res.statusCode);
      assert.equal(known.res.headers.location, '/password/nuova');
      assert.equal(unknown.res.headers.location, known.res.headers.location);
      assert.equal(unknown.res.body, known.res.body);
      assert.equal(known.next.statusCode, 200);
      assert.equal(unknown.next.statusCode, 200);
      assert.equal(normalise(unknown.next.body, 'nonesiste'), normalise(known.next.body, 'lbianchi'));
      assert.match(decode(known.next.body), /Se i dati inseriti corrispondono a un account/);

      assert.equal(afterKnown.length, before + 1, 'one e-mail for the existing account');
      assert.equal(afterKnown.at(-1)?.to_address, a.email);
      assert.match(afterKnown.at(-1)?.subject ?? '', /Recupero password/);
      assert.equal(afterUnknown.length, afterKnown.length, 'no e-mail for a missing account');

      // Wrong codes: the same answer whether or not the account exists.
      const code = (await lastMailTo(tdb.db, a.email))!.code!;
      const form = (login: string, c: string) => ({
        login,
        code: c,
        new_password: 'Nuova-pass-1',
        new_password_confirm: 'Nuova-pass-1',
      });
      const wrongKnown = await known.c.post('/password/nuova', form('lbianchi', otherCode(code)));
      const wrongUnknown = await unknown.c.post('/password/nuova', form('nonesiste', otherCode(code)));
      assert.equal(wrongKnown.statusCode, 422);
      assert.equal(wrongUnknown.statusCode, 422);
      assert.equal(fieldError(wrongKnown.body, 'code'), 'Il codice inserito non è corretto.');
      assert.equal(fieldError(wrongUnknown.body, 'code'), 'Il codice inserito non è corretto.');
      assert.equal(inputValue(wrongKnown.body, 'login'), 'lbianchi');
    });

    test('reset with the e-mailed code, then only the new password works; the code works once', async () => {
      const tenant = await createTestTenant(tdb.db);
      const a = await account(tenant);

      // Signed in somewhere, and locked behind the check code by someone guessing.
      const elsewhere = client(tenant);
      await logIn(elsewhere, a.username, a.password);
      assert.equal((await elsewhere.get('/area-riservata')).statusCode, 200);
      const guesser = client(tenant);
      await guesser.get('/accesso');
      for (let i = 1; i <= 5; i++)
        await guesser.post('/accesso', { login: a.username, password: `Sbagliata-${i}` });
      assert.equal((await user(a.userId)).failed_logins, 5);

      const c = client(tenant);
      await c.get('/password/recupero');
      const req = await c.post('/password/recupero', { login: a.email, ...answerCheck(c) });
      assert.equal(req.headers.location, '/password/nuova');
      const page = await c.get('/password/nuova');
      assert.equal(inputValue(page.body, 'login'), a.email, 'the login typed is carried over');
      const mail = await lastMailTo(tdb.db, a.email);
      assert.ok(mail?.code);
      assert.ok(!mail.text_body.includes(a.password), 'no password in the e-mail');

      const form = (code: string, pw = 'Nuova-pass-1') => ({
        login: a.email,
        code,
        new_password: pw,
        new_password_confirm: pw,
      });
      let res = await c.post('/password/nuova', form(mail.code, 'corta'));
      assert.equal(res.statusCode, 422);
      assert.match(fieldError(res.body, 'new_password') ?? '', /almeno 6 caratteri/);

      res = await c.post('/password/nuova', form(mail.code));
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, '/accesso');
      assert.match((await c.get('/accesso')).body, /Nuova password salvata: ora puoi accedere\./);
      assert.match((await lastMailTo(tdb.db, a.email))?.subject ?? '', /Password modificata/);
      assert.equal((await elsewhere.get('/area-riservata')).statusCode, 302, 'other sessions have ended');

      const old = await c.post('/accesso', { login: a.username, password: a.password });
      assert.equal(old.statusCode, 422);
      assert.equal(
        fieldError(old.body, 'login'),
        INVALID,
        'the old password is refused (no check code needed)',
      );
      res = await c.post('/accesso', { login: a.username, password: 'Nuova-pass-1' });
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, '/area-riservata');

      // The same code again.
      const other = client(tenant);
      await other.get('/password/nuova');
      res = await other.post('/password/nuova', form(mail.code, 'Terza-pass-1'));
      assert.equal(res.statusCode, 422);
      assert.equal(fieldError(res.body, 'code'), 'Il codice è già stato usato: richiedine uno nuovo.');
      const stillNew = await logIn(client(tenant), a.username, 'Nuova-pass-1');
      assert.equal(stillNew.statusCode, 303);
    });

    test('an expired recovery code is refused and the password is unchanged', async () => {
      const tenant = await createTestTenant(tdb.db);
      const a = await account(tenant);
      const c = client(tenant);
      await c.get('/password/recupero');
      await c.post('/password/recupero', { login: a.username, ...answerCheck(c) });
      const code = (await lastMailTo(tdb.db, a.email))!.code!;
      t.clock.advanceMinutes(16);
      await c.get('/password/nuova');
      const res = await c.post('/password/nuova', {
        login: a.username,
        code,
        new_password: 'Nuova-pass-1',
        new_password_confirm: 'Nuova-pass-1',
      });
      assert.equal(res.statusCode, 422);
      assert.equal(fieldError(res.body, 'code'), 'Il codice è scaduto: richiedine uno nuovo.');
      assert.equal((await logIn(client(tenant), a.username, a.password)).statusCode, 303);
    });
  });

  describe('profile', () => {
    test('changes need the current password', async () => {
      const tenant = await createTestTenant(tdb.db);
      const a = await account(tenant);
      const c = client(tenant);
      await logIn(c, a.username, a.password);
      const page = await c.get('/profilo');
      assert.equal(page.statusCode, 200);
      assert.equal(inputValue(page.body, 'full_name'), 'Lucia Bianchi');
      assert.equal(inputValue(page.body, 'email'), a.email);

      let res = await c.post('/profilo', { full_name: 'Lucia Verdi', email: a.email });
      assert.equal(res.statusCode, 422);
      assert.equal(
        fieldError(res.body, 'current_password'),
        'Per salvare le modifiche inserisci la password attuale.',
      );
      assert.equal(inputValue(res.body, 'full_name'), 'Lucia Verdi', 'the typed name is kept');
      res = await c.post('/profilo', {
        full_name: 'Lucia Verdi',
        email: a.email,
        current_password: 'Sbagliata-1',
      });
      assert.equal(res.statusCode, 422);
      assert.equal(fieldError(res.body, 'current_password'), 'La password attuale non è corretta.');
      assert.equal((await user(a.userId)).full_name, 'Lucia Bianchi', 'nothing saved');

      res = await c.post('/profilo', {
        full_name: 'Lucia Verdi',
        email: a.email,
        current_password: a.password,
      });
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, '/profilo');
      const saved = await c.get('/profilo');
      assert.match(saved.body, /Modifiche salvate\./);
      assert.equal(inputValue(saved.body, 'full_name'), 'Lucia Verdi');
      assert.equal((await user(a.userId)).full_name, 'Lucia Verdi');
      assert.match((await c.get('/area-riservata')).body, /Benvenuto, <strong>Lucia Verdi<\/strong>/);
    });

    test('a new e-mail address takes effect only after the link sent to it is opened', async () => {
      const tenant = await createTestTenant(tdb.db);
      const a = await account(tenant);
      const taken = await account(tenant, { username: 'gverdi' });
      const newEmail = 'lucia.nuova@example.org';
      const c = client(tenant);
      await logIn(c, a.username, a.password);
      await c.get('/profilo');

      let res = await c.post('/profilo', {
        full_name: 'Lucia Bianchi',
        email: taken.email,
        current_password: a.password,
      });
      assert.equal(res.statusCode, 422);
      assert.equal(fieldError(res.body, 'email'), 'Questo indirizzo e-mail è già usato da un altro account.');

      res = await c.post('/profilo', {
        full_name: 'Lucia Bianchi',
        email: newEmail,
        current_password: a.password,
      });
      assert.equal(res.statusCode, 303);
      const page = decode((await c.get('/profilo')).body);
      assert.match(page, new RegExp(`apri il collegamento che ti abbiamo inviato a ${newEmail}`));
      assert.equal(inputValue(page, 'email'), a.email, 'the profile still shows the old address');
      assert.equal((await user(a.userId)).email, a.email, 'the users row keeps the old address');

      const mail = await lastMailTo(tdb.db, newEmail);
      assert.ok(mail?.link, 'the e-mail to the new address carries a link');
      assert.equal(new URL(mail.link).host, `${tenant.slug}.localhost`);
      assert.match(mail.link, /\/profilo\/conferma-email\?token=/);

      // Before confirming: the new address does not sign in, the old one does.
      const byNew = await logIn(client(tenant), newEmail, a.password);
      assert.equal(byNew.statusCode, 422);
      assert.equal(fieldError(byNew.body, 'login'), INVALID);
      assert.equal((await logIn(client(tenant), a.email, a.password)).statusCode, 303);

      // The link does nothing on another tenant's host, and a made-up token does nothing.
      const elsewhere = await createTestTenant(tdb.db);
      const foreign = await client(elsewhere).get(pathOf(mail.link));
      assert.equal(foreign.statusCode, 410);
      assert.match(decode(foreign.body), /Collegamento non più valido/);
      const forged = await client(tenant).get('/profilo/conferma-email?token=inventato');
      assert.equal(forged.statusCode, 410);
      assert.match(decode(forged.body), /Il collegamento non è valido\./);
      assert.equal((await user(a.userId)).email, a.email);

      // Opened from the mail program (another browser, not signed in).
      const reader = client(tenant);
      const open = await reader.get(pathOf(mail.link));
      assert.equal(open.statusCode, 303);
      assert.equal(open.headers.location, '/accesso');
      assert.match((await reader.get('/accesso')).body, /Nuovo indirizzo e-mail confermato\./);
      const row = await user(a.userId);
      assert.equal(row.email, newEmail);
      const notice = await lastMailTo(tdb.db, a.email);
      assert.match(notice?.subject ?? '', /Indirizzo e-mail modificato/);
      assert.ok(notice?.text_body.includes(newEmail));

      const byNewNow = await logIn(client(tenant), newEmail, a.password);
      assert.equal(byNewNow.statusCode, 303);
      const byOld = await logIn(client(tenant), a.email, a.password);
      assert.equal(byOld.statusCode, 422);
      assert.equal(fieldError(byOld.body, 'login'), INVALID);

      const reuse = await reader.get(pathOf(mail.link));
      assert.equal(reuse.statusCode, 410);
      assert.match(
        reuse.body,
        /href="\/profilo"[^>]*>Vai al profilo/,
        'the page offers the way to ask again',
      );
      assert.match(decode(reuse.body), /Il collegamento è già stato usato/);
      assert.doesNotMatch(reuse.body, /\bat .+:\d+:\d+|node_modules/);
    });
  });
});
