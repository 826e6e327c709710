import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { createStaffAccount } from '../../src/modules/accounts/create-staff-account.js';
import { createApiToken } from '../../src/modules/documents/api/api-tokens.js';
import type { TTenant } from '../../src/tenancy/tenant.js';
import { answerCheck } from '../helpers/check-code.js';
import { VALID } from '../helpers/companies.js';
import { openPugliaCall } from '../helpers/grants.js';
import { decode, fieldError, inputValue } from '../helpers/html.js';
import { TestClient } from '../helpers/http-client.js';
import { closeTestApp, createTestTenant, openTestApp, type TTestApp } from '../helpers/test-app.js';
import type { TTestDatabase } from '../helpers/test-db.js';
import { registrationForm } from '../helpers/accounts.js';

const engine = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite';
const ACTOR = { id: null, label: 'test', ip: null };

/** Control characters (C0 but tab/LF/CR, DEL, C1) and the bidirectional overrides and isolates. */
const CONTROLS = [
  ...Array.from({ length: 32 }, (_, i) => i).filter((i) => ![9, 10, 13].includes(i)),
  0x7f,
  0x85,
  0x9f,
].map((c) => String.fromCharCode(c));
const BIDI = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069'];

describe(`every text field refuses NUL, control and bidirectional characters (${engine})`, () => {
  let tdb: TTestDatabase;
  let t: TTestApp;
  before(async () => {
    ({ tdb, t } = await openTestApp({ RATE_LIMIT_PER_MINUTE: '100000' }));
  });
  after(() => closeTestApp(t, tdb));

  const client = (tenant: TTenant) => new TestClient(t.app, `${tenant.slug}.localhost`);

  /** Rows a refused request must not have written: accounts, e-mails, audit rows, customers. */
  async function stored(tenant: TTenant) {
    const count = async (table: 'users' | 'mail_outbox' | 'audit_log' | 'customers') =>
      Number(
        (
          await tdb.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .where('tenant_id', '=', tenant.id)
            .executeTakeFirstOrThrow()
        ).n,
      );
    return {
      users: await count('users'),
      mails: await count('mail_outbox'),
      audit: await count('audit_log'),
      customers: await count('customers'),
    };
  }

  async function postRegistration(c: TestClient, form: Record<string, string>) {
    await c.get('/registrazione');
    return c.post('/registrazione', { ...form, ...answerCheck(c) });
  }

  test('NUL in the login form: 422, an Italian message naming the field, no 500', async () => {
    const tenant = await createTestTenant(tdb.db);
    const c = client(tenant);
    for (const field of ['login', 'password']) {
      await c.get('/accesso');
      const res = await c.post('/accesso', { login: 'mrossi', password: 'Segreto1!', [field]: 'a\u0000b' });
      assert.equal(res.statusCode, 422, field);
      const body = decode(res.body);
      assert.match(body, new RegExp(`Il campo «${field}» contiene un carattere nullo, che non è ammesso`));
      assert.match(body, /<html lang="it"/);
    }
    assert.deepEqual(await stored(tenant), { users: 0, mails: 0, audit: 0, customers: 0 });
  });

  test('NUL in the registration form: 422 naming the field, nothing stored', async () => {
    const tenant = await createTestTenant(tdb.db);
    const c = client(tenant);
    for (const field of ['full_name', 'email', 'email_confirm', 'username', 'password', 'privacy']) {
      const res = await postRegistration(c, registrationForm({ [field]: `x\u0000${field}` }));
      assert.equal(res.statusCode, 422, field);
      assert.match(decode(res.body), new RegExp(`Il campo «${field}» contiene un carattere nullo`), field);
    }
    assert.deepEqual(await stored(tenant), { users: 0, mails: 0, audit: 0, customers: 0 });
  });

  test('control and bidirectional characters in a form: the form again, the field named, the characters removed', async () => {
    const tenant = await createTestTenant(tdb.db);
    const c = client(tenant);
    let res = await postRegistration(c, registrationForm({ full_name: 'Mario\u0007 Rossi' }));
    assert.equal(res.statusCode, 422);
    assert.match(fieldError(res.body, 'full_name') ?? '', /un carattere di controllo, che non è ammesso/);
    assert.match(decode(res.body), /Nome e cognome: Il testo conteneva un carattere di controllo/);
    assert.equal(inputValue(res.body, 'full_name'), 'Mario Rossi', 'shown again without it');

    // "Mario" followed by RIGHT-TO-LEFT OVERRIDE: the name would print reversed.
    res = await postRegistration(c, registrationForm({ full_name: 'Mario \u202EissoR' }));
    assert.equal(res.statusCode, 422);
    assert.match(fieldError(res.body, 'full_name') ?? '', /cambia la direzione del testo/);
    assert.equal(inputValue(res.body, 'full_name'), 'Mario issoR');

    // A name is one line: tab and line breaks are refused there (and only there).
    res = await postRegistration(c, registrationForm({ full_name: 'Mario\nRossi' }));
    assert.equal(res.statusCode, 422);
    assert.equal(
      fieldError(res.body, 'full_name'),
      'Il testo deve stare su una riga: togli gli a capo e le tabulazioni.',
    );

    // The login form (parseForm) names the field the same way.
    await c.get('/accesso');
    res = await c.post('/accesso', { login: 'mrossi\u0085', password: 'x' });
    assert.equal(res.statusCode, 422);
    assert.match(fieldError(res.body, 'login') ?? '', /carattere di controllo/);
    assert.deepEqual(await stored(tenant), { users: 0, mails: 0, audit: 0, customers: 0 });
  });

  test('the grant search q and path parameters: 400 naming the parameter, no query run', async () => {
    const tenant = await createTestTenant(tdb.db);
    const callId = await openPugliaCall(tdb.db, tenant.id, t.deps.now());
    await createStaffAccount(
      t.deps,
      tenant,
      {
        username: 'istruttore',
        email: 'istruttore@example.org',
        fullName: 'Istruttore',
        initialPassword: 'Giusta-123',
        role: 'officer',
        mustChangePassword: false,
      },
      ACTOR,
    );
    const c = client(tenant);
    await c.get('/accesso');
    assert.equal((await c.post('/accesso', { login: 'istruttore', password: 'Giusta-123' })).statusCode, 303);
    const search = (q: string) => c.get(`/ufficio/bandi/${callId}/domande?q=${encodeURIComponent(q)}`);
    assert.equal((await search('Rossi')).statusCode, 200);
    for (const [q, what] of [
      ['\u0000', 'un carattere nullo'],
      ['Rossi\u0000', 'un carattere nullo'],
      ['Ros\u0001si', 'un carattere di controllo'],
      ['Rossi\n', 'un carattere di controllo'],
      ['\u202Eissor', 'un carattere che cambia la direzione del testo'],
    ] as const) {
      const res = await search(q);
      assert.equal(res.statusCode, 400, JSON.stringify(q));
      assert.match(decode(res.body), new RegExp(`Il parametro «q» dell'indirizzo contiene ${what}`));
    }
    // The same question as JSON: problem+json naming the parameter.
    const json = await t.app.inject({
      method: 'GET',
      url: `/ufficio/bandi/${callId}/domande?q=%00`,
      headers: { host: `${tenant.slug}.localhost`, accept: 'application/json' },
    });
    assert.equal(json.statusCode, 400);
    assert.equal(json.headers['content-type'], 'application/problem+json; charset=utf-8');
    assert.equal(json.json().type, 'urn:focolare:problem:forbidden-character');
    assert.equal(json.json().field, 'q');

    for (const path of ['/bandi/%00', '/bandi/bando%E2%80%AE', '/bandi/a%07b/pagamenti']) {
      const res = await c.get(path);
      assert.equal(res.statusCode, 400, path);
      assert.match(decode(res.body), /L'indirizzo della pagina contiene un carattere .*\(parametro «code»\)/);
    }
  });

  test('the JSON API and CSV bodies: 422 problem+json naming the field, nothing imported', async () => {
    const tenant = await createTestTenant(tdb.db);
    const { token } = await createApiToken(tdb.db, tenant, 'gestionale', ACTOR);
    const before = await stored(tenant);
    const post = (payload: string, type = 'application/json') =>
      t.app.inject({
        method: 'POST',
        url: '/api/clienti',
        headers: { host: `${tenant.slug}.localhost`, 'content-type': type, authorization: `Bearer ${token}` },
        payload,
      });
    const customer = (nome: string) => ({
      codice_cliente: 'A1',
      tipo: 'privato',
      nome,
      codice_fiscale_piva: VALID.personTaxCode,
      email: '',
    });
    for (const [nome, kind] of [
      ['Rossi\u0000Mario', 'nul'],
      ['Rossi\u001bMario', 'control'],
      ['Rossi \u202EoiraM', 'bidi'],
    ] as const) {
      const res = await post(JSON.stringify([customer('Bianchi Anna'), customer(nome)]));
      assert.equal(res.statusCode, 422, nome);
      const problem = res.json();
      assert.equal(problem.type, 'urn:focolare:problem:forbidden-character');
      assert.equal(problem.field, '[1].nome');
      assert.equal(problem.character, kind);
      assert.match(problem.detail, /^Il campo «\[1\]\.nome» contiene un carattere/);
    }
    const csv = await post(
      'codice_cliente;tipo;nome;codice_fiscale_piva;email\nA1;privato;Rossi\u0000;RSSMRA80A01H501U;\n',
      'text/csv',
    );
    assert.equal(csv.statusCode, 422);
    assert.equal(csv.json().field, 'corpo della richiesta');
    assert.deepEqual(await stored(tenant), before);
    // Line breaks stay allowed in bodies: the same CSV without NUL is imported.
    const ok = await post(
      `codice_cliente;tipo;nome;codice_fiscale_piva;email\r\nA1;privato;Rossi Mario;${VALID.personTaxCode};\r\n`,
      'text/csv',
    );
    assert.equal(ok.statusCode, 200, ok.body);
  });

  test('property: generated texts with random control characters never give a 5xx, always name the field, store nothing', async () => {
    const tenant = await createTestTenant(tdb.db);
    const c = client(tenant);
    const refused = fc
      .tuple(
        fc.string({ maxLength: 12 }),
        fc.constantFrom(...CONTROLS, ...BIDI),
        fc.string({ maxLength: 12 }),
      )
      .map(([a, ch, b]) => `${a}${ch}${b}`);
    const forms = [
      {
        page: '/accesso',
        fields: ['login', 'password'],
        form: () => ({ login: 'mrossi', password: 'Segreto1!' }),
        check: false,
      },
      {
        page: '/registrazione',
        fields: Object.keys(registrationForm()),
        form: registrationForm,
        check: true,
      },
      {
        page: '/area-clienti/crea-account',
        fields: ['first_name', 'last_name', 'email', 'email_confirm', 'mobile'],
        form: () => ({
          first_name: 'Mario',
          last_name: 'Rossi',
          email: 'mario@example.org',
          email_confirm: 'mario@example.org',
          mobile: '',
          privacy: '1',
        }),
        check: true,
      },
    ];
    let cases = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...forms), fc.nat(), refused, async (f, pick, value) => {
        const field = f.fields[pick % f.fields.length]!;
        await c.get(f.page);
        const res = await c.post(f.page, { ...f.form(), [field]: value, ...(f.check ? answerCheck(c) : {}) });
        cases++;
        assert.equal(res.statusCode, 422, `${f.page} ${field}=${JSON.stringify(value)}: ${res.statusCode}`);
        const named =
          decode(res.body).includes(`«${field}»`) ||
          /non è ammesso|su una riga/.test(fieldError(res.body, field) ?? '');
        assert.ok(named, `${f.page} ${field}=${JSON.stringify(value)}: the field is not named`);
      }),
      { numRuns: 150 },
    );
    assert.equal(cases, 150);
    assert.deepEqual(await stored(tenant), { users: 0, mails: 0, audit: 0, customers: 0 });
  });
});
