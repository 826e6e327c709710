import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { PDFDocument } from 'pdf-lib';
import { taxCodeCheckCharacter } from '../../src/italian/codice-fiscale.js';
import { EMAIL_TAKEN_MESSAGE, USERNAME_TAKEN_MESSAGE } from '../../src/modules/staff/register-staff.js';
import type { TTenant } from '../../src/tenancy/tenant.js';
import { companyForm, VALID } from '../helpers/companies.js';
import { decode, fieldError } from '../helpers/html.js';
import { outboxTo, TestClient } from '../helpers/http-client.js';
import { closeTestApp, createTestTenant, openTestApp, type TTestApp } from '../helpers/test-app.js';
import type { TTestDatabase } from '../helpers/test-db.js';

const engine = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite';

const PASSWORD = 'Segreto-2026';
const LR_EMAIL = 'mario.rossi@example.org';
/** A valid codice fiscale for the employee (VALID.otherPersonTaxCode of the helpers has a wrong check character). */
const STAFF_TAX_CODE = 'BNCLCU85M41F205T';

/** Every field of section 2.2 filled correctly, for the company `companyId`. */
function staffForm(companyId: string, over: Record<string, string> = {}): Record<string, string> {
  return {
    lr_full_name: 'Rossi Mario',
    lr_tax_code: VALID.personTaxCode,
    company_id: companyId,
    staff_full_name: 'Bianchi Lucia',
    staff_tax_code: STAFF_TAX_CODE,
    user_email: 'lucia.bianchi@example.org',
    user_email_confirm: 'lucia.bianchi@example.org',
    job_type: 'tecnico',
    user_type: 'privato',
    cert_dpr146_art7_ref: '01/01/2024',
    cert_dpr146_art7_exp: '31/12/2027',
    cert_dpr146_art7_last: '30/06/2027',
    cert_taratura_ref: '01/02/2025',
    cert_taratura_exp: '01/02/2026',
    username: 'lucia.bianchi',
    password: PASSWORD,
    password_confirm: PASSWORD,
    send_email_to_user: '1',
    privacy: '1',
    ...over,
  };
}

describe(`staff registration (REGISTRA TECNICO) (${engine})`, () => {
  let tdb: TTestDatabase;
  let t: TTestApp;
  before(async () => {
    ({ tdb, t } = await openTestApp({ RATE_LIMIT_PER_MINUTE: '1000' }));
  });
  after(() => closeTestApp(t, tdb));

  const client = (tenant: TTenant) => new TestClient(t.app, `${tenant.slug}.localhost`);

  const mailsTo = (tenant: TTenant, to: string) => outboxTo(tdb.db, tenant, to).execute();

  /** A company registered through REGISTRA DITTA and signed with the e-mailed link. */
  async function signedCompany(tenant: TTenant, over: Record<string, string> = {}): Promise<string> {
    const c = client(tenant);
    await c.get('/ditte/registra');
    const res = await c.postMultipart('/ditte/registra', companyForm(over));
    assert.equal(res.statusCode, 303, res.body.slice(0, 300));
    const [mail] = await mailsTo(tenant, over.lr_email ?? LR_EMAIL);
    const link = new URL(/(https?:\/\/\S+\/ditte\/firma\?token=\S+)/.exec(mail!.text_body)![1]!);
    await c.get(link.pathname + link.search);
    assert.equal((await c.post('/ditte/firma', { token: link.searchParams.get('token')! })).statusCode, 303);
    const company = await tdb.db
      .selectFrom('companies')
      .select(['id', 'status'])
      .where('tenant_id', '=', tenant.id)
      .where('vat_number', '=', over.vat_number ?? VALID.vatNumbers[0]!)
      .executeTakeFirstOrThrow();
    assert.equal(company.status, 'registered');
    return company.id;
  }

  async function registerStaff(tenant: TTenant, form: Record<string, string>) {
    const c = client(tenant);
    await c.get('/ditte/registra-tecnico');
    const res = await c.post('/ditte/registra-tecnico', form);
    return { c, res };
  }

  async function counts(tenant: TTenant) {
    const n = async (table: 'users' | 'company_staff') =>
      Number(
        (
          await tdb.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .where('tenant_id', '=', tenant.id)
            .executeTakeFirstOrThrow()
        ).n,
      );
    return { users: await n('users'), staff: await n('company_staff') };
  }

  test('the form has the fieldsets, labels and choices of section 2.2; only signed companies can be chosen', async () => {
    const tenant = await createTestTenant(tdb.db);
    const signedId = await signedCompany(tenant);
    // A second company, registered but never signed, is not offered.
    const c = client(tenant);
    await c.get('/ditte/registra');
    await c.postMultipart(
      '/ditte/registra',
      companyForm({
        vat_number: VALID.vatNumbers[1]!,
        company_tax_code: '',
        business_name: 'Non Firmata S.r.l.',
      }),
    );
    const page = await c.get('/ditte/registra-tecnico');
    assert.equal(page.statusCode, 200);
    const html = decode(page.body);
    for (const text of [
      '<title>Registrazione Tecnico / Amministrativo',
      'Il sottoscritto',
      'in qualità di Rappresentante Legale della Ditta',
      'Selezionare la ditta di appartenenza',
      'DICHIARA per il dipendente',
      "i seguenti dati di registrazione dell'utente Tecnico/Amministrativo",
      'Email Utente',
      'Conferma Email',
      'Tipo Impiego',
      'Tecnico: abilitato alla firma degli RCEE',
      'Amministrativo: abilitato solo al caricamento dati',
      'Tipo Utente',
      'Privato: accesso esclusivo agli RCEE personali',
      'Supervisore: accesso a tutti gli RCEE aziendali',
      'Abilitazioni/Certificazioni in possesso',
      'Rif. DPR 146/2018 (art. 7)',
      'Taratura Strumento',
      'Data scadenza ultima verifica',
      "Creazione credenziali dell'utente",
      '** La password richiede: Almeno 6 caratteri **',
      'Nome Utente',
      'Conferma Password',
      "Invia Email di registrazione all'utente",
      'Accetto le condizioni secondo l',
      'Informativa sulla privacy',
      'Registra',
    ])
      assert.ok(html.includes(text), `page shows "${text}"`);
    assert.match(
      html,
      new RegExp(
        `<option value="${signedId}"[^>]*>.*Termoidraulica Rossi S\\.r\\.l\\. – ${VALID.vatNumbers[0]}`,
      ),
    );
    assert.doesNotMatch(html, /Non Firmata S\.r\.l\./);
    assert.match(html, /<fieldset[^>]*id="f-job_type"[^>]*>\s*<legend/);
    assert.match(html, /type="radio"[^>]*name="job_type"[^>]*value="tecnico"/);
  });

  test('Registra with the e-mail flag: account waiting for activation, staff row, certifications, mails to the legal representative (receipt, confirm link) and to the user (username, never the password)', async () => {
    const tenant = await createTestTenant(tdb.db);
    const companyId = await signedCompany(tenant);
    const { c, res } = await registerStaff(tenant, staffForm(companyId));
    assert.equal(res.statusCode, 303, res.body.slice(0, 2000));
    assert.equal(res.headers.location, '/ditte/registra-tecnico/inviata');

    const done = await c.get('/ditte/registra-tecnico/inviata');
    const html = decode(done.body);
    assert.match(html, /La registrazione è stata inviata con successo\./);
    assert.match(html, /TE-\d{4}-000001/);
    assert.ok(
      html.includes(
        `PER L'ATTIVAZIONE CONTATTARE L'AUTORITÀ COMPETENTE ALL'INDIRIZZO E-MAIL "${tenant.activationEmail}".`,
      ),
    );
    for (const doc of [
      'Visura Camerale aggiornata',
      'Durc in corso di validità',
      'Quietanza e polizza assicurativa in corso di validità',
      "Certificato di taratura dell'analizzatore aggiornato",
      'Eventuali altre abilitazioni per FER e/o FGAS per eventuali interventi su pompe di calore',
      'Eventuali ulteriori abilitazioni (certificazione, attestati, ecc...)',
    ])
      assert.ok(html.includes(doc), doc);
    assert.match(html, /caricati online con il collegamento presente nella e-mail/);
    assert.ok(
      html.includes(
        'È stato creato inoltre un servizio di supporto telefonico alle Ditte: 375.5398324 attivo dal lunedì al venerdì dalle 9.00 alle 12.30.',
      ),
    );
    assert.ok(!html.includes(LR_EMAIL), 'the legal representative address is not shown');

    const user = await tdb.db
      .selectFrom('users')
      .selectAll()
      .where('tenant_id', '=', tenant.id)
      .executeTakeFirstOrThrow();
    assert.equal(user.username, 'lucia.bianchi');
    assert.equal(user.role, 'staff_tecnico_privato');
    assert.equal(user.status, 'awaiting_activation');
    assert.equal(user.must_change_password, true);
    assert.ok(await t.deps.hasher.verify(user.password_hash, PASSWORD));
    const staff = await tdb.db
      .selectFrom('company_staff')
      .selectAll()
      .where('tenant_id', '=', tenant.id)
      .executeTakeFirstOrThrow();
    assert.match(staff.registration_number, /^TE-\d{4}-000001$/);
    assert.equal(staff.company_id, companyId);
    assert.equal(staff.user_id, user.id);
    assert.equal(staff.status, 'awaiting_activation');
    assert.equal(staff.send_email_to_user, true);
    assert.equal(staff.tax_code, STAFF_TAX_CODE);
    assert.equal(staff.job_type, 'tecnico');
    assert.equal(staff.user_type, 'privato');
    assert.equal(staff.lr_confirmed_at, null);
    assert.match(staff.receipt_hash, /^[0-9a-f]{64}$/);
    const certs = await tdb.db
      .selectFrom('certifications')
      .selectAll()
      .where('staff_id', '=', staff.id)
      .orderBy('kind')
      .execute();
    assert.deepEqual(
      certs.map((x) => [x.kind, x.company_id, String(x.expiry_date).slice(0, 10)]),
      [
        ['dpr146_art7', companyId, '2027-12-31'],
        ['taratura', companyId, '2026-02-01'],
      ],
    );

    const [lrMail] = await mailsTo(tenant, LR_EMAIL);
    assert.ok(lrMail);
    assert.match(lrMail.subject, /Registrazione Tecnico \(Privato\) Bianchi Lucia n\. TE-/);
    assert.equal(lrMail.attachments.length, 1);
    assert.equal(lrMail.attachments[0]!.contentType, 'application/pdf');
    const receipt = await PDFDocument.load(Buffer.from(lrMail.attachments[0]!.contentBase64, 'base64'));
    assert.ok(receipt.getPageCount() >= 1);
    assert.match(lrMail.text_body, /https?:\/\/\S+\/ditte\/conferma-tecnico\?token=\S+/);
    assert.match(lrMail.text_body, /\/ditte\/documenti\?token=/);
    assert.ok(!lrMail.text_body.includes(PASSWORD) && !lrMail.html_body?.includes(PASSWORD));

    const userMails = await mailsTo(tenant, 'lucia.bianchi@example.org');
    assert.equal(userMails.length, 1);
    const userMail = userMails[0]!;
    assert.match(userMail.text_body, /Il tuo nome utente è: lucia\.bianchi/);
    assert.match(userMail.text_body, /\/password\/recupero/);
    assert.ok(!userMail.text_body.includes(PASSWORD), 'no password in the text');
    assert.ok(!userMail.html_body?.includes(PASSWORD), 'no password in the HTML');
    assert.equal(userMail.attachments.length, 1);

    const audit = await tdb.db
      .selectFrom('audit_log')
      .selectAll()
      .where('tenant_id', '=', tenant.id)
      .where('action', '=', 'staff.registered')
      .executeTakeFirstOrThrow();
    assert.equal(audit.entity_id, staff.id);
    assert.ok(!JSON.stringify(audit.summary).includes(PASSWORD));
  });

  test('without the flag no e-mail goes to the user; the legal representative is told so', async () => {
    const tenant = await createTestTenant(tdb.db);
    const companyId = await signedCompany(tenant);
    const form = staffForm(companyId, { job_type: 'amministrativo', user_type: 'supervisore' });
    delete form.send_email_to_user;
    const { c, res } = await registerStaff(tenant, form);
    assert.equal(res.statusCode, 303, res.body.slice(0, 2000));
    assert.equal((await mailsTo(tenant, 'lucia.bianchi@example.org')).length, 0);
    const [lrMail] = await mailsTo(tenant, LR_EMAIL);
    assert.match(lrMail!.text_body, /Non è stata inviata alcuna e-mail all'utente/);
    const staff = await tdb.db
      .selectFrom('company_staff')
      .selectAll()
      .where('tenant_id', '=', tenant.id)
      .executeTakeFirstOrThrow();
    assert.equal(staff.send_email_to_user, false);
    const user = await tdb.db
      .selectFrom('users')
      .select('role')
      .where('id', '=', staff.user_id)
      .executeTakeFirstOrThrow();
    assert.equal(user.role, 'staff_amministrativo_supervisore');
    assert.match(
      decode((await c.get('/ditte/registra-tecnico/inviata')).body),
      /All'utente non è stata inviata alcuna e-mail/,
    );
  });

  test('each required field missing gets its own message; nothing is stored', async () => {
    const tenant = await createTestTenant(tdb.db);
    const companyId = await signedCompany(tenant);
    const mailsBefore = (await mailsTo(tenant, LR_EMAIL)).length;
    const required = [
      'lr_full_name',
      'lr_tax_code',
      'company_id',
      'staff_full_name',
      'staff_tax_code',
      'user_email',
      'user_email_confirm',
      'job_type',
      'user_type',
      'cert_dpr146_art7_ref',
      'cert_dpr146_art7_exp',
      'cert_dpr146_art7_last',
      'cert_taratura_ref',
      'cert_taratura_exp',
      'username',
      'password',
      'password_confirm',
      'privacy',
    ];
    for (const field of required) {
      const form = staffForm(companyId);
      delete form[field];
      const { res } = await registerStaff(tenant, form);
      assert.equal(res.statusCode, 422, field);
      assert.ok(fieldError(res.body, field), `${field} has its own message`);
      assert.match(res.body, /Il modulo contiene un errore</, `${field}: only that error`);
      assert.doesNotMatch(res.body, new RegExp(PASSWORD), `${field}: passwords are not shown again`);
    }
    assert.deepEqual(await counts(tenant), { users: 0, staff: 0 });
    assert.equal((await mailsTo(tenant, LR_EMAIL)).length, mailsBefore);
  });

  test('wrong check characters, different e-mails and passwords, short password, expiry before reference: one message each, values kept', async () => {
    const tenant = await createTestTenant(tdb.db);
    const companyId = await signedCompany(tenant);
    const { res } = await registerStaff(
      tenant,
      staffForm(companyId, {
        staff_tax_code: 'BNCLCU85M41F205X',
        lr_tax_code: 'RSSMRA80A01H501X',
        user_email_confirm: 'altra@example.org',
        password: 'abc',
        password_confirm: 'abd',
        cert_taratura_exp: '01/01/2025',
      }),
    );
    assert.equal(res.statusCode, 422);
    assert.match(fieldError(res.body, 'staff_tax_code')!, /carattere di controllo/);
    assert.match(fieldError(res.body, 'lr_tax_code')!, /carattere di controllo/);
    assert.equal(fieldError(res.body, 'user_email_confirm'), 'Le due e-mail non coincidono.');
    assert.match(fieldError(res.body, 'password')!, /almeno 6 caratteri/);
    assert.equal(fieldError(res.body, 'password_confirm'), 'Le due password non coincidono.');
    assert.match(fieldError(res.body, 'cert_taratura_exp')!, /successiva alla data di riferimento/);
    assert.match(res.body, /value="Bianchi Lucia"/, 'typed values are kept');
    assert.match(res.body, /value="lucia\.bianchi"/);
    assert.match(res.body, /name="job_type" value="tecnico" checked/);
    assert.match(res.body, new RegExp(`<option value="${companyId}" selected`));
    assert.doesNotMatch(res.body, /value="abc"|value="abd"/, 'passwords are not kept');
    assert.deepEqual(await counts(tenant), { users: 0, staff: 0 });
  });

  test("a legal representative who is not the company's, an unsigned or unknown company: one neutral refusal, nothing stored", async () => {
    const tenant = await createTestTenant(tdb.db);
    const companyId = await signedCompany(tenant);
    const refusal = 'Il codice fiscale del Legale Rappresentante non corrisponde alla ditta selezionata.';
    const notLr = await registerStaff(tenant, staffForm(companyId, { lr_tax_code: STAFF_TAX_CODE }));
    assert.equal(notLr.res.statusCode, 422);
    assert.equal(fieldError(notLr.res.body, 'company_id'), refusal);
    assert.ok(
      !notLr.res.body.includes(VALID.personTaxCode),
      "the real legal representative's code is not shown",
    );

    // Registered but not signed.
    const c = client(tenant);
    await c.get('/ditte/registra');
    await c.postMultipart(
      '/ditte/registra',
      companyForm({ vat_number: VALID.vatNumbers[1]!, company_tax_code: '' }),
    );
    const unsigned = await tdb.db
      .selectFrom('companies')
      .select('id')
      .where('tenant_id', '=', tenant.id)
      .where('status', '=', 'pending_signature')
      .executeTakeFirstOrThrow();
    for (const id of [unsigned.id, '00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      const { res } = await registerStaff(tenant, staffForm(id));
      assert.equal(res.statusCode, 422, id);
      assert.equal(fieldError(res.body, 'company_id'), refusal, id);
    }
    assert.deepEqual(await counts(tenant), { users: 0, staff: 0 });
  });

  test('a username (or e-mail) already used in the tenant is refused; the same name on another tenant is fine', async () => {
    const tenant = await createTestTenant(tdb.db);
    const companyId = await signedCompany(tenant);
    assert.equal((await registerStaff(tenant, staffForm(companyId))).res.statusCode, 303);
    const dup = await registerStaff(
      tenant,
      staffForm(companyId, {
        username: 'LUCIA.BIANCHI',
        staff_tax_code: VALID.personTaxCode,
        user_email: 'altra.persona@example.org',
        user_email_confirm: 'altra.persona@example.org',
      }),
    );
    assert.equal(dup.res.statusCode, 422);
    assert.equal(fieldError(dup.res.body, 'username'), 'Nome utente già in uso: scegline un altro.');
    const sameMail = await registerStaff(
      tenant,
      staffForm(companyId, { username: 'altro.nome', staff_tax_code: VALID.personTaxCode }),
    );
    assert.equal(sameMail.res.statusCode, 422);
    assert.match(fieldError(sameMail.res.body, 'user_email')!, /Esiste già un account con questo indirizzo/);
    const samePerson = await registerStaff(
      tenant,
      staffForm(companyId, {
        username: 'altro.nome',
        user_email: 'altra.persona@example.org',
        user_email_confirm: 'altra.persona@example.org',
      }),
    );
    assert.equal(samePerson.res.statusCode, 422);
    assert.match(
      fieldError(samePerson.res.body, 'staff_tax_code')!,
      /già registrato per la ditta selezionata/,
    );
    assert.deepEqual(await counts(tenant), { users: 1, staff: 1 });

    const other = await createTestTenant(tdb.db);
    const otherCompany = await signedCompany(other);
    assert.equal((await registerStaff(other, staffForm(otherCompany))).res.statusCode, 303);
  });

  // On PostgreSQL the requests really run at once: each one passes the checks before any account is stored,
  // and the unique index on users decides. The others must read what the check would have said.
  describe('registrations at the same time', () => {
    const RACERS = 5;
    /** A valid codice fiscale per racer, so that only the username or the e-mail is shared. */
    const racerTaxCode = (i: number) => {
      const first15 = `BNCLCU85M41F20${i}`;
      return first15 + taxCodeCheckCharacter(first15);
    };

    async function race(tenant: TTenant, form: (i: number) => Record<string, string>) {
      const clients = Array.from({ length: RACERS }, () => client(tenant));
      for (const c of clients) await c.get('/ditte/registra-tecnico');
      return Promise.all(clients.map((c, i) => c.post('/ditte/registra-tecnico', form(i))));
    }

    async function assertOneWinner(
      tenant: TTenant,
      results: Awaited<ReturnType<typeof race>>,
      field: string,
      message: string,
    ) {
      const codes = results.map((r) => r.statusCode);
      assert.equal(codes.filter((s) => s === 303).length, 1, `one registration succeeds: ${codes}`);
      for (const r of results.filter((x) => x.statusCode !== 303)) {
        assert.equal(r.statusCode, 422);
        assert.equal(fieldError(r.body, field), message);
      }
      assert.deepEqual(await counts(tenant), { users: 1, staff: 1 });
    }

    test('two concurrent staff registrations with one username: one account, the other gets the same Italian message', async () => {
      const tenant = await createTestTenant(tdb.db);
      const companyId = await signedCompany(tenant);
      const results = await race(tenant, (i) =>
        staffForm(companyId, {
          staff_tax_code: racerTaxCode(i),
          user_email: `tecnico${i}@example.org`,
          user_email_confirm: `tecnico${i}@example.org`,
        }),
      );
      await assertOneWinner(tenant, results, 'username', USERNAME_TAKEN_MESSAGE);
    });

    test('two concurrent staff registrations with one e-mail: one account, the other gets the same Italian message', async () => {
      const tenant = await createTestTenant(tdb.db);
      const companyId = await signedCompany(tenant);
      const results = await race(tenant, (i) =>
        staffForm(companyId, { staff_tax_code: racerTaxCode(i), username: `tecnico${i}` }),
      );
      await assertOneWinner(tenant, results, 'user_email', EMAIL_TAKEN_MESSAGE);
    });
  });

  test("the legal representative's confirmation link shows who was registered and works once", async () => {
    const tenant = await createTestTenant(tdb.db);
    const companyId = await signedCompany(tenant);
    await registerStaff(tenant, staffForm(companyId));
    const [lrMail] = await mailsTo(tenant, LR_EMAIL);
    const link = new URL(/(https?:\/\/\S+\/ditte\/conferma-tecnico\?token=\S+)/.exec(lrMail!.text_body)![1]!);
    const path = link.pathname + link.search;
    const c = client(tenant);
    const page = await c.get(path);
    assert.equal(page.statusCode, 200);
    const html = decode(page.body);
    assert.match(html, /Bianchi Lucia/);
    assert.match(html, new RegExp(STAFF_TAX_CODE));
    assert.match(html, /lucia\.bianchi/);
    assert.match(html, /Tecnico: abilitato alla firma degli RCEE/);
    assert.match(html, /Confermo la registrazione/);

    const confirmed = await c.post('/ditte/conferma-tecnico', { token: link.searchParams.get('token')! });
    assert.equal(confirmed.statusCode, 303);
    assert.match(
      (await c.get(confirmed.headers.location as string)).body,
      /Registrazione del tecnico confermata/,
    );
    const staff = await tdb.db
      .selectFrom('company_staff')
      .selectAll()
      .where('tenant_id', '=', tenant.id)
      .executeTakeFirstOrThrow();
    assert.ok(staff.lr_confirmed_at);
    assert.equal(staff.status, 'awaiting_activation', 'confirming is not activating');
    assert.ok(
      await tdb.db
        .selectFrom('audit_log')
        .select('id')
        .where('tenant_id', '=', tenant.id)
        .where('action', '=', 'staff.registration_confirmed')
        .where('entity_id', '=', staff.id)
        .executeTakeFirst(),
    );

    const again = await c.get(path);
    assert.equal(again.statusCode, 410);
    assert.match(decode(again.body), /già stato usato/);
    await c.get('/ditte/registra-tecnico'); // a page with a form, for the CSRF token
    const repost = await c.post('/ditte/conferma-tecnico', { token: link.searchParams.get('token')! });
    assert.equal(repost.statusCode, 410);

    // Another tenant does not know the link; a made-up token is not valid.
    const other = await createTestTenant(tdb.db);
    const elsewhere = await client(other).get(path);
    assert.equal(elsewhere.statusCode, 410);
    assert.match(decode(elsewhere.body), /non è valido/);
  });

  test('an expired confirmation link says so', async () => {
    const tenant = await createTestTenant(tdb.db);
    const companyId = await signedCompany(tenant);
    await registerStaff(tenant, staffForm(companyId));
    const [lrMail] = await mailsTo(tenant, LR_EMAIL);
    const link = new URL(/(https?:\/\/\S+\/ditte\/conferma-tecnico\?token=\S+)/.exec(lrMail!.text_body)![1]!);
    t.clock.advanceMinutes(7 * 24 * 60 + 1);
    const res = await client(tenant).get(link.pathname + link.search);
    assert.equal(res.statusCode, 410);
    assert.match(decode(res.body), /scaduto/);
  });

  test('the registered user cannot log in before activation: the login page says why', async () => {
    const tenant = await createTestTenant(tdb.db);
    const companyId = await signedCompany(tenant);
    await registerStaff(tenant, staffForm(companyId));
    const c = client(tenant);
    await c.get('/accesso');
    const res = await c.post('/accesso', { login: 'lucia.bianchi', password: PASSWORD });
    assert.equal(res.statusCode, 422);
    assert.equal(
      fieldError(res.body, 'login'),
      "L'account non è ancora stato attivato dall'autorità competente: per l'attivazione contatta l'indirizzo e-mail indicato dall'ente.",
    );
    const reserved = await c.get('/area-riservata');
    assert.equal(reserved.statusCode, 302, 'no session was started');
    assert.match(String(reserved.headers.location), /^\/accesso/);
  });

  test("cross-tenant: tenant B's company is not offered on tenant A and posting its id there is refused", async () => {
    const a = await createTestTenant(tdb.db);
    const b = await createTestTenant(tdb.db);
    const bCompany = await signedCompany(b, { business_name: 'Ditta Di B S.p.A.' });
    const page = await client(a).get('/ditte/registra-tecnico');
    assert.doesNotMatch(page.body, /Ditta Di B/);
    assert.ok(!page.body.includes(bCompany));
    const { res } = await registerStaff(a, staffForm(bCompany));
    assert.equal(res.statusCode, 422);
    assert.equal(
      fieldError(res.body, 'company_id'),
      'Il codice fiscale del Legale Rappresentante non corrisponde alla ditta selezionata.',
    );
    assert.deepEqual(await counts(a), { users: 0, staff: 0 });
    assert.deepEqual(await counts(b), { users: 0, staff: 0 });
  });
});
