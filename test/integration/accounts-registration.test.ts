import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { TTenant } from '../../src/tenancy/tenant.js';
import { answerCheck } from '../helpers/check-code.js';
import { decode, errorCount, fieldError, inputValue } from '../helpers/html.js';
import { lastMailTo, otherCode, TestClient } from '../helpers/http-client.js';
import { closeTestApp, createTestTenant, openTestApp, type TTestApp } from '../helpers/test-app.js';
import type { TTestDatabase } from '../helpers/test-db.js';
import { registrationForm } from '../helpers/accounts.js';

// Helpers local to this file -----------------------------------------------------------------------------

// -------------------------------------------------------------------------------------------------------------

describe(`registration and e-mail code (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  let tdb: TTestDatabase;
  let t: TTestApp;
  // The per-IP limit is tested in accounts-login.test.ts; here many forms are posted from one address.
  before(async () => {
    ({ tdb, t } = await openTestApp({ RATE_LIMIT_PER_MINUTE: '1000' }));
  });
  after(() => closeTestApp(t, tdb));

  const client = (tenant: TTenant) => new TestClient(t.app, `${tenant.slug}.localhost`);

  async function countUsers(tenant: TTenant): Promise<number> {
    const r = await tdb.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('tenant_id', '=', tenant.id)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async function countMails(tenant: TTenant): Promise<number> {
    const r = await tdb.db
      .selectFrom('mail_outbox')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('tenant_id', '=', tenant.id)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async function findUser(tenant: TTenant, username: string) {
    return tdb.db
      .selectFrom('users')
      .selectAll()
      .where('tenant_id', '=', tenant.id)
      .where('username', '=', username)
      .executeTakeFirst();
  }

  /** Registers through the page (check code answered); returns the response of the POST. */
  async function register(c: TestClient, over: Record<string, string> = {}) {
    await c.get('/registrazione');
    return c.post('/registrazione', { ...registrationForm(over), ...answerCheck(c) });
  }

  /** A registered account waiting for its e-mail code, with the client on the code page. */
  async function pendingAccount(email = 'mario@example.org') {
    const tenant = await createTestTenant(tdb.db);
    const c = client(tenant);
    const res = await register(c, { email, email_confirm: email });
    assert.equal(res.statusCode, 303, fieldError(c.lastHtml, 'password'));
    assert.equal(res.headers.location, '/registrazione/verifica');
    const mail = await lastMailTo(tdb.db, email);
    assert.ok(mail?.code, 'the e-mail carries a 6-digit code');
    assert.equal(mail.tenant_id, tenant.id);
    await c.get('/registrazione/verifica');
    return { tenant, c, code: mail.code, mailId: mail.id };
  }

  describe('registration form', () => {
    const required: Array<[string, string]> = [
      ['full_name', 'Inserisci nome e cognome.'],
      ['email', "Inserisci l'indirizzo e-mail."],
      ['email_confirm', "Ripeti l'indirizzo e-mail."],
      ['username', 'Scegli un nome utente.'],
      ['password', 'Scegli una password.'],
      ['password_confirm', 'Ripeti la password.'],
      ['privacy', "Per registrarti devi accettare l'informativa sulla privacy."],
    ];

    test('each required field missing: its own Italian message, typed values kept, nothing stored', async () => {
      const tenant = await createTestTenant(tdb.db);
      const c = client(tenant);
      for (const [field, message] of required) {
        await c.get('/registrazione');
        const form = registrationForm();
        delete form[field];
        const res = await c.post('/registrazione', { ...form, ...answerCheck(c) });
        assert.equal(res.statusCode, 422, `missing ${field}`);
        assert.equal(fieldError(res.body, field), message, `message for missing ${field}`);
        assert.equal(errorCount(res.body), 1, `only ${field} is reported`);
        assert.ok(decode(res.body).includes(message), 'the message is in the summary too');
        // What the user typed is still there (but never a password).
        if (field !== 'email') assert.equal(inputValue(res.body, 'email'), 'mario@example.org');
        if (field !== 'full_name') assert.equal(inputValue(res.body, 'full_name'), 'Mario Rossi');
        if (field !== 'username') assert.equal(inputValue(res.body, 'username'), 'mrossi');
        assert.ok(!res.body.includes('Segreto1!'), 'the password is not echoed back');
      }
      assert.equal(await countUsers(tenant), 0, 'no account stored');
      assert.equal(await countMails(tenant), 0, 'no e-mail sent');
    });

    test('an empty form lists every required field', async () => {
      const tenant = await createTestTenant(tdb.db);
      const c = client(tenant);
      await c.get('/registrazione');
      const res = await c.post('/registrazione', answerCheck(c));
      assert.equal(res.statusCode, 422);
      for (const [field, message] of required) assert.equal(fieldError(res.body, field), message, field);
      assert.equal(await countUsers(tenant), 0);
    });

    test('an invalid e-mail address is refused with its message', async () => {
      const tenant = await createTestTenant(tdb.db);
      const c = client(tenant);
      const res = await register(c, { email: 'mario.example.org', email_confirm: 'mario.example.org' });
      assert.equal(res.statusCode, 422);
      assert.match(fieldError(res.body, 'email') ?? '', /non è valido/);
      assert.equal(inputValue(res.body, 'email'), 'mario.example.org');
      assert.equal(await countUsers(tenant), 0);
    });

    test('e-mail confirmation and password confirmation must match', async () => {
      const tenant = await createTestTenant(tdb.db);
      const c = client(tenant);
      let res = await register(c, { email_confirm: 'maria@example.org' });
      assert.equal(res.statusCode, 422);
      assert.equal(fieldError(res.body, 'email_confirm'), 'Le due e-mail non coincidono.');
      assert.equal(inputValue(res.body, 'email'), 'mario@example.org');

      res = await register(c, { password_confirm: 'Segreto2!' });
      assert.equal(res.statusCode, 422);
      assert.equal(fieldError(res.body, 'password_confirm'), 'Le due password non coincidono.');
      assert.equal(await countUsers(tenant), 0);

      // A mismatch is reported together with the other errors, not only once they are fixed.
      res = await register(c, { full_name: '', email_confirm: 'maria@example.org' });
      assert.equal(res.statusCode, 422);
      assert.equal(fieldError(res.body, 'full_name'), 'Inserisci nome e cognome.');
      assert.equal(fieldError(res.body, 'email_confirm'), 'Le due e-mail non coincidono.');
    });

    const policies = [
      {
        policy: 'min6',
        bad: 'abc12',
        messages: ['La password deve contenere almeno 6 caratteri.'],
        good: 'abc123',
      },
      {
        policy: 'upper_digit_special8',
        bad: 'abcdefgh',
        messages: [
          'La password deve contenere almeno una cifra.',
          'La password deve contenere almeno una lettera maiuscola.',
          'La password deve contenere almeno uno dei simboli @ - _ ! % $.',
        ],
        good: 'Abcdefg1%',
      },
      {
        policy: 'upper_digit_special8',
        bad: 'Abcdefg1',
        messages: ['La password deve contenere almeno uno dei simboli @ - _ ! % $.'],
        good: 'Abc-efg1',
      },
      {
        policy: 'classes3of4',
        bad: 'abcdefg1',
        messages: [
          'La password deve contenere caratteri di almeno 3 tipi tra minuscole, maiuscole, cifre e simboli.',
        ],
        good: 'abcdefG1',
      },
      {
        policy: 'classes3of4',
        bad: 'aB1!',
        messages: ['La password deve contenere almeno 8 caratteri.'],
        good: 'ab1!ab1!',
      },
    ] as const;

    for (const p of policies) {
      test(`password policy ${p.policy}: "${p.bad}" refused naming the rule, "${p.good}" accepted`, async () => {
        const tenant = await createTestTenant(tdb.db, { passwordPolicy: p.policy });
        const c = client(tenant);
        const res = await register(c, { password: p.bad, password_confirm: p.bad });
        assert.equal(res.statusCode, 422);
        const shown = fieldError(res.body, 'password') ?? '';
        for (const m of p.messages) assert.ok(shown.includes(m), `"${shown}" names: ${m}`);
        assert.equal(inputValue(res.body, 'username'), 'mrossi');
        assert.equal(await countUsers(tenant), 0);

        const ok = await register(c, { password: p.good, password_confirm: p.good });
        assert.equal(ok.statusCode, 303, fieldError(c.lastHtml, 'password'));
        assert.equal((await findUser(tenant, 'mrossi'))?.status, 'pending_email');
      });
    }

    test('the check code is required: missing, wrong, replayed or forged answers are refused', async () => {
      const tenant = await createTestTenant(tdb.db);
      const c = client(tenant);
      const checkMessage = /Il codice di controllo non è valido o è scaduto/;

      await c.get('/registrazione');
      let res = await c.post('/registrazione', registrationForm());
      assert.equal(res.statusCode, 422, 'no check code');
      assert.match(fieldError(res.body, 'check_answer') ?? '', checkMessage);

      res = await c.post('/registrazione', { ...registrationForm(), ...answerCheck(c, true) });
      assert.equal(res.statusCode, 422, 'wrong answer');
      assert.match(fieldError(res.body, 'check_answer') ?? '', checkMessage);

      const forged = Buffer.from(
        JSON.stringify({ algorithm: 'SHA-256', challenge: 'x', number: 1, salt: 'y', signature: 'z' }),
      ).toString('base64');
      res = await c.post('/registrazione', { ...registrationForm(), altcha: forged });
      assert.equal(res.statusCode, 422, 'forged proof of work');
      assert.match(fieldError(res.body, 'check_answer') ?? '', checkMessage);
      assert.equal(await countUsers(tenant), 0);

      // A right answer works once; the same answer replayed is refused.
      const answer = answerCheck(c);
      res = await c.post('/registrazione', { ...registrationForm({ password: 'abc' }), ...answer });
      assert.equal(res.statusCode, 422, 'refused for the password only');
      assert.equal(fieldError(res.body, 'check_answer'), undefined, 'the answer itself was right');
      res = await c.post('/registrazione', { ...registrationForm(), ...answer });
      assert.equal(res.statusCode, 422, 'a spent answer is refused');
      assert.match(fieldError(res.body, 'check_answer') ?? '', checkMessage);
      assert.equal(await countUsers(tenant), 0);

      // The proof of work, as solved by the browser script, is accepted.
      await c.get('/registrazione');
      res = await c.post('/registrazione', { ...registrationForm(), ...(await c.solveCheckCode()) });
      assert.equal(res.statusCode, 303);
      assert.equal(await countUsers(tenant), 1);
    });

    test('a username or e-mail already used in the tenant is refused, whatever the case', async () => {
      const tenant = await createTestTenant(tdb.db);
      const c = client(tenant);
      assert.equal((await register(c)).statusCode, 303);

      const c2 = client(tenant);
      let res = await register(c2, {
        username: 'MRossi',
        email: 'altro@example.org',
        email_confirm: 'altro@example.org',
      });
      assert.equal(res.statusCode, 422);
      assert.equal(fieldError(res.body, 'username'), 'Nome utente già in uso: scegline un altro.');
      assert.equal(inputValue(res.body, 'email'), 'altro@example.org');

      res = await register(c2, {
        username: 'mrossi2',
        email: 'MARIO@example.org',
        email_confirm: 'MARIO@example.org',
      });
      assert.equal(res.statusCode, 422);
      assert.match(fieldError(res.body, 'email') ?? '', /Esiste già un account con questo indirizzo e-mail/);
      assert.equal(await countUsers(tenant), 1);
    });
  });

  describe('e-mail verification code', () => {
    test('register → e-mailed code → login (username in any case) → reserved area, not cached → logout', async () => {
      const tenant = await createTestTenant(tdb.db);
      const c = client(tenant);
      await c.get('/registrazione');
      const res = await c.post('/registrazione', { ...registrationForm(), ...(await c.solveCheckCode()) });
      assert.equal(res.statusCode, 303, res.body.slice(0, 2000));
      assert.equal(res.headers.location, '/registrazione/verifica');

      // Not active yet: the code from the e-mail activates the account.
      const mail = await lastMailTo(tdb.db, 'mario@example.org');
      assert.ok(mail?.code, 'the e-mail carries a 6-digit code');
      await c.get('/registrazione/verifica');
      const ok = await c.post('/registrazione/verifica', { code: mail.code });
      assert.equal(ok.statusCode, 303);
      assert.equal(ok.headers.location, '/accesso');

      await c.get('/accesso');
      const login = await c.post('/accesso', { login: 'MROSSI', password: 'Segreto1!' });
      assert.equal(login.statusCode, 303);
      const area = await c.get('/area-riservata');
      assert.equal(area.statusCode, 200);
      assert.match(area.body, /Benvenuto, <strong>Mario Rossi<\/strong>/);
      assert.equal(area.headers['cache-control'], 'no-store');

      const out = await c.post('/esci', {});
      assert.equal(out.statusCode, 303);
      const gone = await c.get('/area-riservata');
      assert.equal(gone.statusCode, 302);
      assert.match(String(gone.headers.location), /^\/accesso/);
    });

    test('a wrong code is refused with a message and the account stays pending', async () => {
      const { tenant, c, code } = await pendingAccount();
      let res = await c.post('/registrazione/verifica', { code: otherCode(code) });
      assert.equal(res.statusCode, 422);
      assert.equal(fieldError(res.body, 'code'), 'Il codice inserito non è corretto.');
      res = await c.post('/registrazione/verifica', { code: '12ab' });
      assert.equal(res.statusCode, 422);
      assert.equal(fieldError(res.body, 'code'), 'Il codice è formato da 6 cifre.');
      assert.equal((await findUser(tenant, 'mrossi'))?.status, 'pending_email');

      // Logging in before the code is entered leads back to the code page.
      await c.get('/accesso');
      const login = await c.post('/accesso', { login: 'mrossi', password: 'Segreto1!' });
      assert.equal(login.statusCode, 303);
      assert.equal(login.headers.location, '/registrazione/verifica');
      const area = await c.get('/area-riservata');
      assert.equal(area.statusCode, 302, 'not signed in');
    });

    test('an expired code is refused; a new one works', async () => {
      const { tenant, c, code } = await pendingAccount();
      t.clock.advanceMinutes(16);
      let res = await c.post('/registrazione/verifica', { code });
      assert.equal(res.statusCode, 422);
      assert.equal(fieldError(res.body, 'code'), 'Il codice è scaduto: richiedine uno nuovo.');
      assert.equal((await findUser(tenant, 'mrossi'))?.status, 'pending_email');

      res = await c.post('/registrazione/nuovo-codice', {});
      assert.equal(res.statusCode, 303);
      const fresh = await lastMailTo(tdb.db, 'mario@example.org');
      await c.get('/registrazione/verifica');
      res = await c.post('/registrazione/verifica', { code: fresh!.code! });
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, '/accesso');
      assert.equal((await findUser(tenant, 'mrossi'))?.status, 'active');
    });

    test('a used code cannot be used again', async () => {
      const { tenant, c, code } = await pendingAccount();
      let res = await c.post('/registrazione/verifica', { code });
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, '/accesso');
      const page = await c.get('/accesso');
      assert.match(page.body, /Indirizzo e-mail verificato: ora puoi accedere\./);
      const verifiedAt = (await findUser(tenant, 'mrossi'))?.email_verified_at;
      assert.ok(verifiedAt);

      // The same code again: nothing is waiting for verification any more.
      res = await c.post('/registrazione/verifica', { code });
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, '/registrazione');
      const row = await tdb.db
        .selectFrom('one_time_codes')
        .select(['used_at'])
        .where('tenant_id', '=', tenant.id)
        .where('purpose', '=', 'email_verification')
        .executeTakeFirstOrThrow();
      assert.ok(row.used_at, 'the code is marked used');
      assert.equal((await findUser(tenant, 'mrossi'))?.email_verified_at?.getTime(), verifiedAt.getTime());
    });

    test('too many wrong attempts lock the code, even for the right one; a new code unlocks', async () => {
      const { tenant, c, code } = await pendingAccount();
      for (let i = 1; i <= 5; i++) {
        const res = await c.post('/registrazione/verifica', { code: otherCode(code) });
        assert.equal(res.statusCode, 422);
        assert.equal(fieldError(res.body, 'code'), 'Il codice inserito non è corretto.', `attempt ${i}`);
      }
      const res = await c.post('/registrazione/verifica', { code });
      assert.equal(res.statusCode, 422);
      assert.equal(fieldError(res.body, 'code'), 'Troppi tentativi errati: richiedi un nuovo codice.');
      assert.equal((await findUser(tenant, 'mrossi'))?.status, 'pending_email');

      await c.post('/registrazione/nuovo-codice', {});
      const fresh = await lastMailTo(tdb.db, 'mario@example.org');
      await c.get('/registrazione/verifica');
      assert.equal((await c.post('/registrazione/verifica', { code: fresh!.code! })).statusCode, 303);
      assert.equal((await findUser(tenant, 'mrossi'))?.status, 'active');
    });

    test('"Invia un nuovo codice" sends a new e-mail and the old code stops working', async () => {
      const { tenant, c, code, mailId } = await pendingAccount();
      assert.match(c.lastHtml, /Invia un nuovo codice/);
      let fresh = await lastMailTo(tdb.db, 'mario@example.org');
      // Ask until the new code differs from the old one (a repeat has a chance of 1 in a million).
      do {
        const res = await c.post('/registrazione/nuovo-codice', {});
        assert.equal(res.statusCode, 303);
        assert.equal(res.headers.location, '/registrazione/verifica');
        fresh = await lastMailTo(tdb.db, 'mario@example.org');
        await c.get('/registrazione/verifica');
      } while (fresh?.code === code);
      assert.ok(fresh && BigInt(fresh.id) > BigInt(mailId), 'a new e-mail is in the outbox');
      assert.match(fresh.subject, /Codice di verifica/);
      assert.match(c.lastHtml, /Ti abbiamo inviato un nuovo codice: quello precedente non vale più\./);

      let res = await c.post('/registrazione/verifica', { code });
      assert.equal(res.statusCode, 422, 'the old code no longer works');
      assert.equal(fieldError(res.body, 'code'), 'Il codice inserito non è corretto.');
      res = await c.post('/registrazione/verifica', { code: fresh.code! });
      assert.equal(res.statusCode, 303);
      assert.equal((await findUser(tenant, 'mrossi'))?.status, 'active');

      await c.get('/accesso');
      const login = await c.post('/accesso', { login: 'mrossi', password: 'Segreto1!' });
      assert.equal(login.statusCode, 303);
      assert.equal(login.headers.location, '/area-riservata');
    });
  });

  // On PostgreSQL the requests really run at once: every one passes the check before any inserts, and the
  // unique index decides. The loser must read what the check would have told it, never a 500.
  describe('registrations at the same time', () => {
    const RACERS = 5;

    /** RACERS clients on the form, each with its own check code answered, then every POST at once. */
    async function race(tenant: TTenant, form: (i: number) => Record<string, string>) {
      const clients = Array.from({ length: RACERS }, () => client(tenant));
      const answers: Array<Record<string, string>> = [];
      for (const c of clients) {
        await c.get('/registrazione');
        answers.push(answerCheck(c));
      }
      return Promise.all(clients.map((c, i) => c.post('/registrazione', { ...form(i), ...answers[i] })));
    }

    test('two concurrent registrations with one username: one account, the other gets «Nome utente già in uso: scegline un altro.» (not a 500)', async () => {
      const tenant = await createTestTenant(tdb.db);
      const results = await race(tenant, (i) =>
        registrationForm({ email: `mario${i}@example.org`, email_confirm: `mario${i}@example.org` }),
      );
      const codes = results.map((r) => r.statusCode);
      assert.equal(codes.filter((s) => s === 303).length, 1, `one registration succeeds: ${codes}`);
      for (const r of results.filter((x) => x.statusCode !== 303)) {
        assert.equal(r.statusCode, 422);
        assert.equal(fieldError(r.body, 'username'), 'Nome utente già in uso: scegline un altro.');
      }
      assert.equal(await countUsers(tenant), 1);
    });

    test('two concurrent registrations with one e-mail: one account, the other gets «Esiste già un account con questo indirizzo e-mail…» (not a 500)', async () => {
      const tenant = await createTestTenant(tdb.db);
      const results = await race(tenant, (i) => registrationForm({ username: `mrossi${i}` }));
      const codes = results.map((r) => r.statusCode);
      assert.equal(codes.filter((s) => s === 303).length, 1, `one registration succeeds: ${codes}`);
      for (const r of results.filter((x) => x.statusCode !== 303)) {
        assert.equal(r.statusCode, 422);
        assert.equal(
          fieldError(r.body, 'email'),
          'Esiste già un account con questo indirizzo e-mail: accedi o recupera la password.',
        );
      }
      assert.equal(await countUsers(tenant), 1);
      assert.equal(await countMails(tenant), 1, 'only the winner was sent a code');
    });
  });
});
