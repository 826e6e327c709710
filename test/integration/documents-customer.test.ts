import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import yauzl from 'yauzl';
import { EXIT_FAILURE, EXIT_OK, runCli } from '../../src/cli/focolare.js';
import { storeFile } from '../../src/files/stored-files.js';
import { insertUser } from '../../src/modules/accounts/users.js';
import { importCustomersCsv } from '../../src/modules/documents/office/import-customers.js';
import { deliverPendingSms } from '../../src/sms/sms-outbox.js';
import type { TTenant } from '../../src/tenancy/tenant.js';
import { answerCheck } from '../helpers/check-code.js';
import { samplePdf, VALID } from '../helpers/companies.js';
import { decode, fieldError } from '../helpers/html.js';
import { outboxTo, pathOf, TestClient } from '../helpers/http-client.js';
import { closeTestApp, createTestTenant, openTestApp, type TTestApp } from '../helpers/test-app.js';
import type { TTestDatabase } from '../helpers/test-db.js';

const engine = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite';
const MISMATCH = 'I dati inseriti non corrispondono a un cliente: controlla i dati riportati in bolletta.';
const PASSWORD = 'segreto1';
const ACTOR = { id: null, label: 'test', ip: null };

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** The entries of a zip (name → bytes), read with yauzl. */
function unzip(buf: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buf, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error('zip non leggibile'));
      const out = new Map<string, Buffer>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e ?? new Error('voce non leggibile'));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            out.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(out));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

describe(`document area, customers' side (${engine})`, () => {
  let tdb: TTestDatabase;
  let t: TTestApp;
  before(async () => {
    ({ tdb, t } = await openTestApp({ RATE_LIMIT_PER_MINUTE: '1000' }));
  });
  after(() => closeTestApp(t, tdb));

  const client = (tenant: TTenant) => new TestClient(t.app, `${tenant.slug}.localhost`);

  async function postCreateAccount(c: TestClient, over: Record<string, string> = {}) {
    await c.get('/area-clienti/crea-account');
    const email = over.email ?? 'mario@example.org';
    return c.post('/area-clienti/crea-account', {
      first_name: 'Mario',
      last_name: 'Rossi',
      email,
      email_confirm: email,
      mobile: '',
      privacy: '1',
      ...answerCheck(c),
      ...over,
    });
  }

  async function activationLink(tenant: TTenant, email: string): Promise<string> {
    const mail = await outboxTo(tdb.db, tenant, email).executeTakeFirstOrThrow();
    const link = /(https?:\/\/\S+\/area-clienti\/attiva\?token=\S+)/.exec(mail.text_body)?.[1];
    assert.ok(link, mail.text_body);
    return pathOf(link);
  }

  async function logIn(c: TestClient, email: string, password = PASSWORD) {
    await c.get('/accesso?next=%2Farea-clienti%2Fassociazione');
    return c.post('/accesso', { login: email, password, next: '/area-clienti/associazione' });
  }

  /** crea account → activation link → Imposta la password → entra: a signed-in client. */
  async function activeCustomer(tenant: TTenant, email: string): Promise<TestClient> {
    const c = client(tenant);
    const res = await postCreateAccount(c, { email, email_confirm: email });
    assert.equal(res.statusCode, 303, res.body.slice(0, 500));
    const link = await activationLink(tenant, email);
    assert.equal((await c.get(link)).statusCode, 200);
    const token = new URL(`http://x${link}`).searchParams.get('token')!;
    const set = await c.post('/area-clienti/attiva', {
      token,
      new_password: PASSWORD,
      new_password_confirm: PASSWORD,
    });
    assert.equal(set.statusCode, 303);
    const login = await logIn(c, email);
    assert.equal(login.statusCode, 303);
    assert.equal(login.headers.location, '/area-clienti/associazione');
    return c;
  }

  async function addCustomer(
    tenant: TTenant,
    code: string,
    over: Partial<{ name: string; type: string; tax: string }> = {},
  ): Promise<string> {
    const row = await tdb.db
      .insertInto('customers')
      .values({
        tenant_id: tenant.id,
        customer_code: code,
        customer_type: over.type ?? 'privato',
        name: over.name ?? 'Rossi Mario',
        tax_code: over.tax ?? VALID.personTaxCode,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  let docSeq = 0;
  async function addDocument(
    tenant: TTenant,
    customerId: string,
    d: { title: string; type?: string; issuedOn?: string; content?: Buffer },
  ) {
    const content = d.content ?? (await samplePdf(d.title));
    const fileId = await storeFile(tdb.db, tenant.id, {
      filename: `${d.title}.pdf`,
      contentType: 'application/pdf',
      content,
    });
    const row = await tdb.db
      .insertInto('documents')
      .values({
        tenant_id: tenant.id,
        customer_id: customerId,
        external_id: `ext-${++docSeq}`,
        doc_type: d.type ?? 'bolletta',
        title: d.title,
        issued_on: d.issuedOn ?? '2024-03-01',
        file_id: fileId,
        published_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { id: row.id, content };
  }

  const associate = (c: TestClient, over: Record<string, string> = {}) =>
    c.get('/area-clienti/associazione').then(() =>
      c.post('/area-clienti/associazione', {
        customer_name: 'Rossi Mario',
        customer_type: 'privato',
        customer_code: 'C001',
        tax_code: VALID.personTaxCode,
        ...over,
      }),
    );

  test('crea account → activation link → Imposta la password → entra with the e-mail; SMS without password', async () => {
    const tenant = await createTestTenant(t.deps.db);
    const c = client(tenant);
    const res = await postCreateAccount(c, { mobile: '333 123 4567' });
    assert.equal(res.statusCode, 303, res.body.slice(0, 300));
    assert.equal(res.headers.location, '/area-clienti/account-creato');
    assert.match(decode((await c.get('/area-clienti/account-creato')).body), /mario@example\.org/);

    const user = await tdb.db
      .selectFrom('users')
      .selectAll()
      .where('tenant_id', '=', tenant.id)
      .executeTakeFirstOrThrow();
    assert.equal(user.username, 'mario@example.org');
    assert.equal(user.role, 'citizen');
    assert.equal(user.status, 'pending_email');
    assert.equal(user.full_name, 'Mario Rossi');

    const sms = await tdb.db
      .selectFrom('sms_outbox')
      .selectAll()
      .where('tenant_id', '=', tenant.id)
      .execute();
    assert.equal(sms.length, 1);
    assert.equal(sms[0]!.to_number, '+393331234567');
    assert.match(sms[0]!.body, /e-mail/);
    assert.doesNotMatch(sms[0]!.body, /password/i);
    const smsPage = await c.get('/dev/sms');
    assert.equal(smsPage.statusCode, 200);
    assert.match(smsPage.body, /\+393331234567/);

    // Not active yet: the login fails like a wrong password.
    assert.equal((await logIn(c, 'mario@example.org', 'qualsiasi')).statusCode, 422);

    const link = await activationLink(tenant, 'mario@example.org');
    const page = await c.get(link);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Imposta la password/);
    const token = new URL(`http://x${link}`).searchParams.get('token')!;
    const weak = await c.post('/area-clienti/attiva', {
      token,
      new_password: 'a',
      new_password_confirm: 'a',
    });
    assert.equal(weak.statusCode, 422);
    assert.ok(fieldError(weak.body, 'new_password'));
    const mismatch = await c.post('/area-clienti/attiva', {
      token,
      new_password: PASSWORD,
      new_password_confirm: 'altro123',
    });
    assert.equal(mismatch.statusCode, 422);
    const ok = await c.post('/area-clienti/attiva', {
      token,
      new_password: PASSWORD,
      new_password_confirm: PASSWORD,
    });
    assert.equal(ok.statusCode, 303);
    assert.equal(ok.headers.location, '/accesso?next=%2Farea-clienti%2Fassociazione');
    const active = await tdb.db
      .selectFrom('users')
      .select(['status', 'email_verified_at'])
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    assert.equal(active.status, 'active');
    assert.ok(active.email_verified_at);

    // The link works once.
    const again = await c.get(link);
    assert.equal(again.statusCode, 410);
    assert.match(decode(again.body), /già stato usato/);

    const login = await logIn(c, 'MARIO@example.org');
    assert.equal(login.statusCode, 303);
    assert.equal(login.headers.location, '/area-clienti/associazione');
    const area = await c.get('/area-clienti/associazione');
    assert.equal(area.statusCode, 200);
    assert.match(area.body, /Nome cliente/);
    assert.match((await c.get('/area-riservata')).body, /associazione cliente/);

    // An SMS gateway plugged in later delivers the outbox.
    const sent: string[] = [];
    const r = await deliverPendingSms(tdb.db, { send: async (to) => void sent.push(to) }, t.deps.now);
    assert.ok(r.sent >= 1);
    assert.ok(sent.includes('+393331234567'));
  });

  test('crea account refuses what is wrong, keeping the typed values', async () => {
    const tenant = await createTestTenant(t.deps.db);
    const c = client(tenant);
    const res = await postCreateAccount(c, {
      first_name: '',
      email_confirm: 'altro@example.org',
      mobile: '06 1234567',
      privacy: '',
    });
    assert.equal(res.statusCode, 422);
    assert.match(fieldError(res.body, 'first_name')!, /nome/);
    assert.match(fieldError(res.body, 'email_confirm')!, /non coincidono/);
    assert.match(fieldError(res.body, 'mobile')!, /cellulare/);
    assert.ok(fieldError(res.body, 'privacy'));
    const wrongCheck = await postCreateAccount(c, { ...answerCheck(c, true) });
    assert.equal(wrongCheck.statusCode, 422);
    assert.match(fieldError(wrongCheck.body, 'check_answer')!, /codice di controllo/);
    assert.equal((await postCreateAccount(c)).statusCode, 303);
    const dup = await postCreateAccount(c, {
      email: 'Mario@Example.org',
      email_confirm: 'mario@example.org',
    });
    assert.equal(dup.statusCode, 422);
    assert.match(fieldError(dup.body, 'email')!, /Esiste già un account/);
  });

  test('two concurrent «crea account» with one e-mail: one account, the others get «Esiste già un account con questo indirizzo e-mail…» (not a 500)', async () => {
    const tenant = await createTestTenant(t.deps.db);
    // Every client answers its own check code first; then every POST at once (on PostgreSQL they really
    // overlap: all pass the check before any insert, and the unique index decides).
    const clients = Array.from({ length: 5 }, () => client(tenant));
    const answers: Array<Record<string, string>> = [];
    for (const c of clients) {
      await c.get('/area-clienti/crea-account');
      answers.push(answerCheck(c));
    }
    const results = await Promise.all(
      clients.map((c, i) =>
        c.post('/area-clienti/crea-account', {
          first_name: 'Mario',
          last_name: 'Rossi',
          email: 'mario@example.org',
          email_confirm: 'mario@example.org',
          mobile: '',
          privacy: '1',
          ...answers[i],
        }),
      ),
    );
    const codes = results.map((r) => r.statusCode);
    assert.equal(codes.filter((s) => s === 303).length, 1, `one account is created: ${codes}`);
    for (const r of results.filter((x) => x.statusCode !== 303)) {
      assert.equal(r.statusCode, 422);
      assert.equal(
        fieldError(r.body, 'email'),
        'Esiste già un account con questo indirizzo e-mail: entra, oppure usa «Password dimenticata».',
      );
    }
    const users = await tdb.db.selectFrom('users').select('id').where('tenant_id', '=', tenant.id).execute();
    assert.equal(users.length, 1);
    assert.equal((await outboxTo(tdb.db, tenant, 'mario@example.org').execute()).length, 1);
  });

  test("a reset link points to the tenant's configured address even when the request names another host", async () => {
    const tenant = await createTestTenant(t.deps.db);
    await activeCustomer(tenant, 'bruno@example.org');
    // The first label names the tenant; the rest of a forged Host must not reach the e-mail.
    const c = new TestClient(t.app, `${tenant.slug}.attacker.example`);
    await c.get('/area-clienti/password-dimenticata');
    const res = await c.post('/area-clienti/password-dimenticata', {
      email: 'bruno@example.org',
      ...answerCheck(c),
    });
    assert.equal(res.statusCode, 303);
    const [mail] = await outboxTo(tdb.db, tenant, 'bruno@example.org')
      .where('subject', 'like', 'Nuova password%')
      .execute();
    const link = /(https?:\/\/\S+\/area-clienti\/nuova-password\?token=\S+)/.exec(mail!.text_body)![1]!;
    assert.equal(new URL(link).host, `${tenant.slug}.${t.deps.config.baseDomain}`);
    assert.doesNotMatch(mail!.text_body, /attacker/);
  });

  test('Password dimenticata: the same answer for an unknown e-mail; the link (1 hour, once) sets a new password', async () => {
    const tenant = await createTestTenant(t.deps.db);
    await activeCustomer(tenant, 'anna@example.org');
    const before = await outboxTo(tdb.db, tenant, 'anna@example.org').execute();

    const ask = async (email: string) => {
      const c = client(tenant);
      await c.get('/area-clienti/password-dimenticata');
      const res = await c.post('/area-clienti/password-dimenticata', { email, ...answerCheck(c) });
      assert.equal(res.statusCode, 303);
      const page = await c.get(res.headers.location as string);
      return { c, res, body: page.body };
    };
    const unknown = await ask('nessuno@example.org');
    const known = await ask('anna@example.org');
    assert.equal(unknown.res.headers.location, known.res.headers.location);
    const strip = (s: string) =>
      s.replace(/value="[^"]*"/g, '').replace(/data-altcha-challenge="[^"]*"/g, '');
    assert.equal(
      strip(unknown.body).replace(/Quanto fa [^?]+\?/g, ''),
      strip(known.body).replace(/Quanto fa [^?]+\?/g, ''),
    );
    assert.equal((await outboxTo(tdb.db, tenant, 'nessuno@example.org').execute()).length, 0);

    const mails = await outboxTo(tdb.db, tenant, 'anna@example.org').execute();
    assert.equal(mails.length, before.length + 1);
    const link = /(https?:\/\/\S+\/area-clienti\/nuova-password\?token=\S+)/.exec(mails[0]!.text_body)![1]!;
    const c = known.c;
    assert.equal((await c.get(pathOf(link))).statusCode, 200);
    const token = new URL(link).searchParams.get('token')!;
    const res = await c.post('/area-clienti/nuova-password', {
      token,
      new_password: 'nuova123',
      new_password_confirm: 'nuova123',
    });
    assert.equal(res.statusCode, 303);
    assert.equal((await logIn(client(tenant), 'anna@example.org', PASSWORD)).statusCode, 422);
    assert.equal((await logIn(client(tenant), 'anna@example.org', 'nuova123')).statusCode, 303);
    assert.equal((await c.get(pathOf(link))).statusCode, 410);

    // A second link expires after one hour.
    await ask('anna@example.org');
    const [latest] = await outboxTo(tdb.db, tenant, 'anna@example.org')
      .where('subject', 'like', 'Nuova password%')
      .execute();
    const link2 = /(https?:\/\/\S+\/area-clienti\/nuova-password\?token=\S+)/.exec(latest!.text_body)![1]!;
    t.clock.advanceMinutes(61);
    const expired = await c.get(pathOf(link2));
    assert.equal(expired.statusCode, 410);
    assert.match(decode(expired.body), /scaduto/);
  });

  test('associazione cliente: only the exact tuple; every wrong part gets the same message; rate limited', async () => {
    const tenant = await createTestTenant(t.deps.db);
    await addCustomer(tenant, 'C001');
    await addCustomer(tenant, 'C002', {
      name: 'Bianchi Srl',
      type: 'partita_iva',
      tax: VALID.vatNumbers[0]!,
    });
    const c = await activeCustomer(tenant, 'luca@example.org');

    const wrongs: Array<Record<string, string>> = [
      { customer_name: 'Rossi Maria' },
      { customer_type: 'partita_iva' },
      { customer_code: 'C999' },
      { tax_code: VALID.otherPersonTaxCode },
    ];
    for (const w of wrongs) {
      const res = await associate(c, w);
      assert.equal(res.statusCode, 422);
      assert.ok(decode(res.body).includes(MISMATCH), JSON.stringify(w));
      // The typed values are kept.
      assert.match(decode(res.body), new RegExp(`value="${Object.values(w)[0]}"`));
    }
    const links = () =>
      tdb.db.selectFrom('customer_links').selectAll().where('tenant_id', '=', tenant.id).execute();
    assert.equal((await links()).length, 0);

    // Case and spacing of the name, lower-case tax code: still the same customer.
    const ok = await associate(c, {
      customer_name: '  rossi   MARIO ',
      tax_code: VALID.personTaxCode.toLowerCase(),
    });
    assert.equal(ok.statusCode, 303);
    const page = await c.get('/area-clienti/associazione');
    assert.match(decode(page.body), /Associazione completata/);
    assert.match(decode(page.body), /Area cliente <span>Rossi Mario<\/span>/);

    // A second customer on the same account.
    const second = await associate(c, {
      customer_name: 'BIANCHI SRL',
      customer_type: 'partita_iva',
      customer_code: 'C002',
      tax_code: VALID.vatNumbers[0]!,
    });
    assert.equal(second.statusCode, 303);
    const both = await c.get('/area-clienti/associazione');
    assert.equal((both.body.match(/href="\/area-clienti\/clienti\/[^"]+\/documenti"/g) ?? []).length, 2);
    assert.equal((await links()).length, 2);

    // Fifth failure → from then on every attempt, even a right one, is refused for an hour.
    assert.ok(decode((await associate(c, { customer_code: 'X1' })).body).includes(MISMATCH));
    const limited = await associate(c, { customer_code: 'C001' });
    assert.equal(limited.statusCode, 422);
    assert.match(decode(limited.body), /Troppi tentativi/);
    t.clock.advanceMinutes(61);
    assert.equal((await associate(c)).statusCode, 303);
    assert.match(decode((await c.get('/area-clienti/associazione')).body), /già associato/);
  });

  test('download page: only the linked customer\u2019s documents, search, paging, scarica marks read, zip of several', async () => {
    const tenant = await createTestTenant(t.deps.db);
    const mine = await addCustomer(tenant, 'C001');
    const other = await addCustomer(tenant, 'C777', { name: 'Verdi Anna', tax: VALID.otherPersonTaxCode });
    const docs = [];
    for (let i = 1; i <= 23; i++)
      docs.push(
        await addDocument(tenant, mine, {
          title: `Bolletta ${String(i).padStart(2, '0')}`,
          issuedOn: `2024-01-${String(i).padStart(2, '0')}`,
        }),
      );
    const notice = await addDocument(tenant, mine, {
      title: 'Avviso lavori',
      type: 'avviso',
      issuedOn: '2024-02-10',
    });
    const foreign = await addDocument(tenant, other, { title: 'Bolletta di Anna', issuedOn: '2024-01-05' });

    const c = await activeCustomer(tenant, 'paolo@example.org');
    assert.equal((await associate(c)).statusCode, 303);
    const base = `/area-clienti/clienti/${mine}/documenti`;

    const p1 = await c.get(base);
    assert.equal(p1.statusCode, 200);
    assert.match(p1.body, /24 documenti trovati/);
    assert.match(p1.body, /Pagina 1 di 2/);
    assert.equal((p1.body.match(/name="doc"/g) ?? []).length, 20);
    assert.match(p1.body, /Avviso lavori/); // newest first
    assert.doesNotMatch(p1.body, /Bolletta di Anna/);
    assert.equal((p1.body.match(/Non letto/g) ?? []).length, 20);
    const p2 = await c.get(`${base}?pagina=2`);
    assert.equal((p2.body.match(/name="doc"/g) ?? []).length, 4);
    assert.match(p2.body, /Bolletta 01/);

    const byType = await c.get(`${base}?tipo=avviso`);
    assert.match(byType.body, /1 documento trovato/);
    const byDate = await c.get(`${base}?dal=05%2F01%2F2024&al=07%2F01%2F2024`);
    assert.match(byDate.body, /3 documenti trovati/);
    assert.match(byDate.body, /value="05\/01\/2024"/);
    const byText = await c.get(`${base}?q=bolletta+1`);
    assert.match(byText.body, /10 documenti trovati/); // 10–19
    const paged = await c.get(`${base}?q=bolletta&pagina=2`);
    assert.match(paged.body, /href="[^"]*\?q=bolletta"/); // the pager keeps the search
    const badDate = await c.get(`${base}?dal=31%2F02%2F2024`);
    assert.equal(badDate.statusCode, 422);
    assert.match(fieldError(badDate.body, 'dal')!, /gg\/mm\/aaaa/);

    // scarica: the stored PDF, as an attachment; the document becomes read.
    const one = await c.get(`${base}/${docs[0]!.id}/scarica`);
    assert.equal(one.statusCode, 200);
    assert.equal(one.headers['content-type'], 'application/pdf');
    assert.match(
      String(one.headers['content-disposition']),
      /^attachment; filename="2024-01-01_bolletta_Bolletta 01\.pdf"/,
    );
    assert.equal(sha(one.rawPayload), sha(docs[0]!.content));
    const read = async (id: string) =>
      (
        await tdb.db
          .selectFrom('documents')
          .select('first_downloaded_at')
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
      ).first_downloaded_at;
    const firstAt = await read(docs[0]!.id);
    assert.ok(firstAt);
    t.clock.advanceMinutes(5);
    await c.get(`${base}/${docs[0]!.id}/scarica`);
    assert.equal((await read(docs[0]!.id))!.getTime(), firstAt.getTime()); // the first download counts
    assert.match((await c.get(`${base}?pagina=2`)).body, /Letto/);

    // Scarica i documenti: one zip with exactly the selected documents (a foreign id is ignored).
    await c.get(base);
    const chosen = [docs[1]!, docs[2]!, notice];
    const body = new URLSearchParams({ _csrf: c.csrf() });
    for (const d of [...chosen, foreign]) body.append('doc', d.id);
    const zip = await t.app.inject({
      method: 'POST',
      url: `${base}/scarica`,
      headers: {
        host: `${tenant.slug}.localhost`,
        cookie: `focolare_sid=${c.sessionCookie}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: body.toString(),
    });
    assert.equal(zip.statusCode, 200, zip.body.slice(0, 300));
    assert.equal(zip.headers['content-type'], 'application/zip');
    assert.match(String(zip.headers['content-disposition']), /documenti_C001\.zip/);
    const entries = await unzip(zip.rawPayload);
    assert.equal(entries.size, 3);
    assert.deepEqual([...entries.values()].map(sha).sort(), chosen.map((d) => sha(d.content)).sort());
    assert.ok([...entries.keys()].some((n) => n.includes('Avviso lavori')));
    for (const d of chosen) assert.ok(await read(d.id));
    assert.equal(await read(foreign.id), null);

    // Without a selection: back to the page with a message. Without the CSRF token: refused.
    await c.get(base);
    const none = await c.post(`${base}/scarica`, {});
    assert.equal(none.statusCode, 303);
    assert.match((await c.get(base)).body, /Seleziona almeno un documento/);
    const forged = await t.app.inject({
      method: 'POST',
      url: `${base}/scarica`,
      headers: {
        host: `${tenant.slug}.localhost`,
        cookie: `focolare_sid=${c.sessionCookie}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: `doc=${docs[3]!.id}`,
    });
    assert.equal(forged.statusCode, 403);

    // Another customer's documents, another user, another tenant: 404. Nobody signed in: to the login.
    assert.equal((await c.get(`/area-clienti/clienti/${other}/documenti`)).statusCode, 404);
    assert.equal((await c.get(`${base}/${foreign.id}/scarica`)).statusCode, 404);
    assert.equal(
      (await c.get(`/area-clienti/clienti/${other}/documenti/${foreign.id}/scarica`)).statusCode,
      404,
    );
    assert.equal((await c.get('/area-clienti/clienti/non-un-id/documenti')).statusCode, 404);
    const stranger = await activeCustomer(tenant, 'estraneo@example.org');
    assert.equal((await stranger.get(base)).statusCode, 404);
    assert.equal((await stranger.get(`${base}/${docs[5]!.id}/scarica`)).statusCode, 404);
    const tenantB = await createTestTenant(t.deps.db);
    const elsewhere = await activeCustomer(tenantB, 'paolo@example.org');
    assert.equal((await elsewhere.get(base)).statusCode, 404);
    const anonymous = await client(tenant).get(base);
    assert.equal(anonymous.statusCode, 302);
    assert.match(String(anonymous.headers.location), /^\/accesso\?next=/);
  });

  test('a customer CSV with a NUL or a control character in a field is refused row by row, naming the field, and stores nothing', async () => {
    const tenant = await createTestTenant(t.deps.db);
    const csv = [
      'codice_cliente;tipo;nome;codice_fiscale_piva;email',
      `C001;privato;Rossi Mario;${VALID.personTaxCode};mario@example.org`,
      `C002;privato;Bian\u0000chi;${VALID.otherPersonTaxCode};`,
      `C003;privato;Verdi\u0007;${VALID.otherPersonTaxCode};`,
    ].join('\n');
    const r = await importCustomersCsv(tdb.db, tenant.id, csv, ACTOR);
    assert.equal(r.ok, false);
    assert.match(r.errors[0]!, /^riga 3: il campo nome contiene un carattere nullo/);
    assert.match(r.errors[1]!, /^riga 4: il campo nome contiene un carattere di controllo/);
    const stored = await tdb.db
      .selectFrom('customers')
      .select('id')
      .where('tenant_id', '=', tenant.id)
      .execute();
    assert.equal(stored.length, 0);
  });

  test('customer master data: CSV import (valid, wrong rows with messages, idempotent), officer page', async () => {
    const tenant = await createTestTenant(t.deps.db);
    const csv = [
      'codice_cliente;tipo;nome;codice_fiscale_piva;email',
      `C001;privato;Rossi Mario;${VALID.personTaxCode.toLowerCase()};mario@example.org`,
      `C002;partita_iva;Bianchi Srl;${VALID.vatNumbers[0]};`,
    ].join('\n');
    const first = await importCustomersCsv(tdb.db, tenant.id, csv, ACTOR);
    assert.deepEqual(
      { ok: first.ok, rows: first.rows, inserted: first.inserted, updated: first.updated },
      { ok: true, rows: 2, inserted: 2, updated: 0 },
    );
    const again = await importCustomersCsv(tdb.db, tenant.id, csv, ACTOR);
    assert.deepEqual([again.inserted, again.updated, again.unchanged], [0, 0, 2]);
    const stored = await tdb.db
      .selectFrom('customers')
      .selectAll()
      .where('tenant_id', '=', tenant.id)
      .orderBy('customer_code')
      .execute();
    assert.equal(stored.length, 2);
    assert.equal(stored[0]!.tax_code, VALID.personTaxCode);
    assert.equal(stored[1]!.email, null);

    // Comma separator, one customer changed, one new.
    const comma = [
      'codice_cliente,tipo,nome,codice_fiscale_piva,email',
      `C002,partita_iva,Bianchi S.r.l.,${VALID.vatNumbers[0]},info@bianchi.example.org`,
      `C003,privata,Verdi Anna,${VALID.otherPersonTaxCode},`,
    ].join('\r\n');
    const changed = await importCustomersCsv(tdb.db, tenant.id, comma, ACTOR);
    assert.deepEqual([changed.ok, changed.inserted, changed.updated, changed.unchanged], [true, 1, 1, 0]);

    const bad = [
      'codice_cliente;tipo;nome;codice_fiscale_piva;email',
      `C010;privato;Neri Luca;${VALID.personTaxCode};`,
      `C011;azienda;Gialli;${VALID.personTaxCode};`,
      `C012;privato;;XYZ;non-una-email`,
      `C010;privato;Neri Luca;${VALID.personTaxCode};`,
    ].join('\n');
    const refused = await importCustomersCsv(tdb.db, tenant.id, bad, ACTOR);
    assert.equal(refused.ok, false);
    assert.equal(refused.errors.length, 3);
    assert.match(refused.errors[0]!, /^riga 3: tipo «azienda» non valido/);
    assert.match(
      refused.errors[1]!,
      /^riga 4: .*manca il nome.*codice fiscale o partita IVA «XYZ» non valido.*e-mail/,
    );
    assert.match(refused.errors[2]!, /^riga 5: il codice cliente C010 è già alla riga 2/);
    const count = async () =>
      (await tdb.db.selectFrom('customers').select('id').where('tenant_id', '=', tenant.id).execute()).length;
    assert.equal(await count(), 3); // nothing of the wrong file was stored
    assert.match(
      (await importCustomersCsv(tdb.db, tenant.id, 'codice;nome\nX;Y', ACTOR)).errors[0]!,
      /mancano le colonne/,
    );
    const audit = await tdb.db
      .selectFrom('audit_log')
      .select('action')
      .where('tenant_id', '=', tenant.id)
      .where('action', '=', 'customers.imported')
      .execute();
    assert.equal(audit.length, 3);

    // The officers' page.
    const hash = await t.deps.hasher.hash(PASSWORD);
    await insertUser(tdb.db, tenant.id, {
      username: 'operatore',
      email: 'operatore@example.org',
      fullName: 'Oscar Operatore',
      passwordHash: hash,
      role: 'officer',
      status: 'active',
      mustChangePassword: false,
      emailVerified: true,
    });
    const officer = client(tenant);
    await logIn(officer, 'operatore');
    const page = await officer.get('/ufficio/clienti');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Clienti in anagrafica: 3/);
    const upload = await officer.postMultipart(
      '/ufficio/clienti',
      {},
      { file: { filename: 'clienti.csv', content: Buffer.from(`\uFEFF${comma}`), contentType: 'text/csv' } },
    );
    assert.equal(upload.statusCode, 200);
    assert.match(upload.body, /2 righe lette, 0 clienti nuovi, 0 aggiornati, 2 invariati/);
    const wrong = await officer.postMultipart(
      '/ufficio/clienti',
      {},
      { file: { filename: 'clienti.csv', content: Buffer.from(bad), contentType: 'text/csv' } },
    );
    assert.equal(wrong.statusCode, 422);
    assert.match(decode(wrong.body), /riga 3: tipo «azienda» non valido/);
    const binary = await officer.postMultipart(
      '/ufficio/clienti',
      {},
      { file: { filename: 'clienti.csv', content: await samplePdf(), contentType: 'text/csv' } },
    );
    assert.equal(binary.statusCode, 422);
    const citizen = await activeCustomer(tenant, 'cittadino@example.org');
    assert.equal((await citizen.get('/ufficio/clienti')).statusCode, 403);
  });

  test('API /api/clienti: bearer token of the tenant (CLI api-token:create), JSON or CSV; CLI customers:import', async () => {
    const tenant = await createTestTenant(t.deps.db);
    const tenantB = await createTestTenant(t.deps.db);
    const out: string[] = [];
    const io = { out: (s: string) => out.push(s), err: (s: string) => out.push(s) };
    const cliDeps = { db: tdb.db, hasher: t.deps.hasher, config: t.deps.config, now: t.deps.now };
    assert.equal(
      await runCli(['api-token:create', '--tenant', tenant.slug, '--name', 'gestionale'], cliDeps, io),
      EXIT_OK,
    );
    const token = /(fcl_[\w-]+)/.exec(out.join('\n'))![1]!;
    assert.equal(
      await runCli(['api-token:create', '--tenant', tenantB.slug, '--name', 'altro'], cliDeps, io),
      EXIT_OK,
    );
    const tokenB = /(fcl_[\w-]+)/.exec(out.join('\n').split('altro')[1]!)![1]!;
    const stored = await tdb.db
      .selectFrom('api_tokens')
      .selectAll()
      .where('tenant_id', '=', tenant.id)
      .execute();
    assert.equal(stored.length, 1);
    assert.notEqual(stored[0]!.token_hash, token);

    const call = (payload: unknown, auth?: string, type = 'application/json') =>
      t.app.inject({
        method: 'POST',
        url: '/api/clienti',
        headers: {
          host: `${tenant.slug}.localhost`,
          'content-type': type,
          ...(auth ? { authorization: `Bearer ${auth}` } : {}),
        },
        payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
      });
    const items = [
      {
        codice_cliente: 'A1',
        tipo: 'privato',
        nome: 'Rossi Mario',
        codice_fiscale_piva: VALID.personTaxCode,
        email: '',
      },
      {
        codice_cliente: 'A2',
        tipo: 'partita_iva',
        nome: 'Bianchi Srl',
        codice_fiscale_piva: VALID.vatNumbers[1],
      },
    ];
    const none = await call(items);
    assert.equal(none.statusCode, 401);
    assert.equal(none.headers['content-type'], 'application/problem+json; charset=utf-8');
    assert.equal((await call(items, 'fcl_sbagliato')).statusCode, 401);
    const foreign = await call(items, tokenB);
    assert.equal(foreign.statusCode, 403);
    assert.equal(foreign.json().status, 403);

    const ok = await call(items, token);
    assert.equal(ok.statusCode, 200, ok.body);
    assert.deepEqual(ok.json(), { righe: 2, inseriti: 2, aggiornati: 0, invariati: 0 });
    assert.deepEqual((await call(items, token)).json(), {
      righe: 2,
      inseriti: 0,
      aggiornati: 0,
      invariati: 2,
    });
    const csv = await call(
      `codice_cliente;tipo;nome;codice_fiscale_piva;email\nA3;privato;Verdi Anna;${VALID.otherPersonTaxCode};`,
      token,
      'text/csv',
    );
    assert.equal(csv.statusCode, 200, csv.body);
    assert.equal(csv.json().inseriti, 1);
    const invalid = await call([{ codice_cliente: 'A4', tipo: 'x' }], token);
    assert.equal(invalid.statusCode, 422);
    assert.equal(invalid.headers['content-type'], 'application/problem+json; charset=utf-8');
    assert.match(invalid.json().errors[0], /^riga 1: /);
    assert.equal(
      (await tdb.db.selectFrom('customers').select('id').where('tenant_id', '=', tenantB.id).execute())
        .length,
      0,
    );

    await tdb.db
      .updateTable('api_tokens')
      .set({ revoked_at: new Date() })
      .where('tenant_id', '=', tenant.id)
      .execute();
    assert.equal((await call(items, token)).statusCode, 401);

    // CLI customers:import.
    const dir = await mkdtemp(join(tmpdir(), 'focolare-clienti-'));
    try {
      const file = join(dir, 'clienti.csv');
      await writeFile(
        file,
        `codice_cliente;tipo;nome;codice_fiscale_piva;email\nB1;privato;Neri Luca;${VALID.personTaxCode};\n`,
      );
      out.length = 0;
      assert.equal(
        await runCli(['customers:import', '--tenant', tenantB.slug, '--file', file], cliDeps, io),
        EXIT_OK,
      );
      assert.match(out.join('\n'), /1 righe, 1 nuovi/);
      await writeFile(file, 'codice_cliente;tipo;nome;codice_fiscale_piva;email\nB2;boh;;;\n');
      out.length = 0;
      assert.equal(
        await runCli(['customers:import', '--tenant', tenantB.slug, '--file', file], cliDeps, io),
        EXIT_FAILURE,
      );
      assert.match(out.join('\n'), /riga 2: /);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
