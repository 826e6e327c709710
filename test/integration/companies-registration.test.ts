import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { PDFDocument } from 'pdf-lib';
import { DUPLICATE_VAT_MESSAGE } from '../../src/modules/companies/register-company.js';
import type { TTenant } from '../../src/tenancy/tenant.js';
import { companyForm, samplePdf, VALID } from '../helpers/companies.js';
import { fieldError } from '../helpers/html.js';
import { outboxTo, pathOf, TestClient } from '../helpers/http-client.js';
import { closeTestApp, createTestTenant, openTestApp, type TTestApp } from '../helpers/test-app.js';
import type { TTestDatabase } from '../helpers/test-db.js';

const engine = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite';

describe(`company registration and signing (${engine})`, () => {
  let tdb: TTestDatabase;
  let t: TTestApp;
  before(async () => {
    ({ tdb, t } = await openTestApp({ RATE_LIMIT_PER_MINUTE: '1000' }));
  });
  after(() => closeTestApp(t, tdb));

  const count = async (tenant: TTenant) =>
    Number(
      (
        await tdb.db
          .selectFrom('companies')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('tenant_id', '=', tenant.id)
          .executeTakeFirstOrThrow()
      ).n,
    );

  async function register(
    tenant: TTenant,
    over: Record<string, string> = {},
    files?: Record<string, Buffer>,
  ) {
    const c = new TestClient(t.app, `${tenant.slug}.localhost`);
    await c.get('/ditte/registra');
    const res = await c.postMultipart(
      '/ditte/registra',
      companyForm(over),
      Object.fromEntries(
        Object.entries(files ?? {}).map(([k, v]) => [
          k,
          { filename: `${k}.pdf`, content: v, contentType: 'application/pdf' },
        ]),
      ),
    );
    return { c, res };
  }

  const mailTo = (tenant: TTenant, to: string) => outboxTo(tdb.db, tenant, to).execute();

  test('Registra → confirmation, receipt PDF e-mailed with the signing link; signing moves the company to registrata', async () => {
    const tenant = await createTestTenant(tdb.db);
    const pdf = await samplePdf();
    const { c, res } = await register(tenant, {}, { chamber_certificate: pdf, insurance_policy: pdf });
    assert.equal(res.statusCode, 303, fieldError(res.body, 'municipality') ?? res.body.slice(0, 300));
    const page = await c.get('/ditte/registra/inviata');
    assert.match(page.body, /La registrazione è stata inviata con successo\./);
    assert.match(page.body, /DM-\d{4}-000001/);

    const [mail] = await mailTo(tenant, 'mario.rossi@example.org');
    assert.ok(mail);
    assert.match(mail.subject, /Registrazione ditta Termoidraulica Rossi S\.r\.l\. n\. DM-/);
    assert.equal(mail.attachments.length, 1);
    const receipt = Buffer.from(mail.attachments[0]!.contentBase64, 'base64');
    const doc = await PDFDocument.load(receipt);
    assert.ok(doc.getPageCount() >= 1);
    const company = await tdb.db
      .selectFrom('companies')
      .selectAll()
      .where('tenant_id', '=', tenant.id)
      .executeTakeFirstOrThrow();
    assert.equal(company.status, 'pending_signature');
    assert.ok(company.chamber_certificate_file_id && company.insurance_policy_file_id);
    const certs = await tdb.db
      .selectFrom('certifications')
      .selectAll()
      .where('company_id', '=', company.id)
      .execute();
    assert.equal(certs.length, 7);
    // No credentials are created by a company registration.
    assert.equal(
      (await tdb.db.selectFrom('users').select('id').where('tenant_id', '=', tenant.id).execute()).length,
      0,
    );

    const link = /(https?:\/\/\S+\/ditte\/firma\?token=\S+)/.exec(mail.text_body)![1]!;
    const path = pathOf(link);
    const signPage = await c.get(path);
    assert.equal(signPage.statusCode, 200);
    assert.match(signPage.body, /Firma e conferma la registrazione/);
    assert.match(signPage.body, /Termoidraulica Rossi S\.r\.l\./);
    assert.match(signPage.body, new RegExp(company.receipt_hash));
    const token = decodeURIComponent(new URL(link).searchParams.get('token')!);
    const signed = await c.post('/ditte/firma', { token });
    assert.equal(signed.statusCode, 303);
    const after = await tdb.db
      .selectFrom('companies')
      .selectAll()
      .where('id', '=', company.id)
      .executeTakeFirstOrThrow();
    assert.equal(after.status, 'registered');
    assert.ok(after.signed_at);
    assert.equal(after.signed_receipt_hash, company.receipt_hash);
    assert.ok(after.signed_ip);

    // The link works once.
    const again = await c.get(path);
    assert.equal(again.statusCode, 410);
    assert.match(again.body, /già stato usato/);
  });

  test('an expired signing link says so and sends a new one to the legal representative', async () => {
    const tenant = await createTestTenant(tdb.db);
    const { c } = await register(tenant, { vat_number: VALID.vatNumbers[1]!, company_tax_code: '' });
    const [mail] = await mailTo(tenant, 'mario.rossi@example.org');
    const token = new URL(
      /(https?:\/\/\S+\/ditte\/firma\?token=\S+)/.exec(mail!.text_body)![1]!,
    ).searchParams.get('token')!;
    t.clock.advanceMinutes(7 * 24 * 60 + 1);
    const expired = await c.get(`/ditte/firma?token=${encodeURIComponent(token)}`);
    assert.equal(expired.statusCode, 410);
    assert.match(expired.body, /scaduto/);
    assert.match(expired.body, /Invia un nuovo link/);
    // The page of the expired link offers "Invia un nuovo link", which leads to the form that asks for it.
    const renew = /href="(\/ditte\/firma\/nuovo-link\?token=[^"]+)"/.exec(expired.body)![1]!;
    const form = await c.get(renew.replaceAll('&amp;', '&'));
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /Invia un nuovo link/);
    const res = await c.post('/ditte/firma/nuovo-link', { token });
    assert.equal(res.statusCode, 200);
    const mails = await mailTo(tenant, 'mario.rossi@example.org');
    assert.equal(mails.length, 2);
    assert.match(mails[0]!.subject, /Nuovo collegamento/);
    const fresh = new URL(
      /(https?:\/\/\S+\/ditte\/firma\?token=\S+)/.exec(mails[0]!.text_body)![1]!,
    ).searchParams.get('token')!;
    assert.equal((await c.get(`/ditte/firma?token=${encodeURIComponent(fresh)}`)).statusCode, 200);
  });

  test('wrong check characters, CAP of another municipality and expiry before reference are refused; nothing stored', async () => {
    const tenant = await createTestTenant(tdb.db);
    const { res } = await register(tenant, {
      lr_tax_code: 'RSSMRA80A01H501X',
      vat_number: '01234567890',
      cap: '00100',
      cert_durc_exp: '01/01/2023',
      lr_email_confirm: 'altro@example.org',
      activity_start_date: '31/02/2010',
    });
    assert.equal(res.statusCode, 422);
    assert.match(fieldError(res.body, 'lr_tax_code')!, /carattere di controllo/);
    assert.match(fieldError(res.body, 'vat_number')!, /cifra di controllo/);
    assert.match(fieldError(res.body, 'cap')!, /non corrisponde al comune di Monterotondo \(RM\)/);
    assert.match(fieldError(res.body, 'cert_durc_exp')!, /successiva alla data di riferimento \(DURC\)/);
    assert.equal(fieldError(res.body, 'lr_email_confirm'), 'Le due e-mail non coincidono.');
    assert.match(fieldError(res.body, 'activity_start_date')!, /gg\/mm\/aaaa/);
    assert.match(res.body, /value="Termoidraulica Rossi S\.r\.l\."/, 'typed values are kept');
    assert.equal(await count(tenant), 0);
  });

  test('each required field missing gets its own message and nothing is stored', async () => {
    const tenant = await createTestTenant(tdb.db);
    const required = [
      'lr_full_name',
      'lr_tax_code',
      'lr_email',
      'lr_email_confirm',
      'business_name',
      'vat_number',
      'company_email',
      'municipality',
      'cap',
      'street',
      'phone',
      'cciaa_number',
      'cciaa_municipality',
      'rea_municipality',
      'activity_start_date',
      'privacy',
      'cert_dm37_c_ref',
      'cert_dpr146_art8_last',
      'cert_polizza_exp',
    ];
    for (const field of required) {
      const { res } = await register(tenant, { [field]: '' });
      assert.equal(res.statusCode, 422, field);
      assert.ok(fieldError(res.body, field), `${field} has its own message`);
      assert.match(res.body, /Il modulo contiene un errore/, `${field}: only that error`);
    }
    assert.equal(await count(tenant), 0);
  });

  test('uploads must be PDF by content; one registration per partita IVA', async () => {
    const tenant = await createTestTenant(tdb.db);
    const fake = Buffer.from('not really a pdf, just text named .pdf');
    const { res } = await register(tenant, {}, { chamber_certificate: fake });
    assert.equal(res.statusCode, 422);
    assert.match(fieldError(res.body, 'chamber_certificate')!, /formato PDF/);
    assert.equal(await count(tenant), 0);
    const big = Buffer.concat([await samplePdf(), Buffer.alloc(5 * 1024 * 1024)]);
    const tooBig = await register(tenant, {}, { insurance_policy: big });
    assert.match(fieldError(tooBig.res.body, 'insurance_policy')!, /5 MB/);

    assert.equal((await register(tenant)).res.statusCode, 303);
    const dup = await register(tenant, { business_name: 'Altra ragione sociale' });
    assert.equal(dup.res.statusCode, 422);
    assert.match(
      fieldError(dup.res.body, 'vat_number')!,
      /Esiste già una registrazione con questa partita IVA/,
    );
    assert.equal(await count(tenant), 1);
  });

  test('the same partita IVA is accepted in another tenant', async () => {
    const a = await createTestTenant(tdb.db);
    const b = await createTestTenant(tdb.db);
    assert.equal((await register(a)).res.statusCode, 303);
    const other = await register(b, { business_name: 'Stessa partita IVA, altro ente' });
    assert.equal(other.res.statusCode, 303, fieldError(other.res.body, 'vat_number'));
    assert.equal(await count(a), 1);
    assert.equal(await count(b), 1);
  });

  // On PostgreSQL the requests really run at once: each one passes the check for the partita IVA before any
  // company is stored, and the unique index decides. The others must read what the check would have said.
  test('two concurrent company registrations with one partita IVA: one company, the other gets the same Italian message', async () => {
    const tenant = await createTestTenant(tdb.db);
    const racers = Array.from({ length: 5 }, () => new TestClient(t.app, `${tenant.slug}.localhost`));
    for (const c of racers) await c.get('/ditte/registra');
    const results = await Promise.all(
      racers.map((c, i) =>
        c.postMultipart(
          '/ditte/registra',
          companyForm({
            business_name: `Ditta concorrente ${i}`,
            lr_email: `lr${i}@example.org`,
            lr_email_confirm: `lr${i}@example.org`,
          }),
        ),
      ),
    );
    const codes = results.map((r) => r.statusCode);
    assert.equal(codes.filter((s) => s === 303).length, 1, `one registration succeeds: ${codes}`);
    for (const r of results.filter((x) => x.statusCode !== 303)) {
      assert.equal(r.statusCode, 422);
      assert.equal(fieldError(r.body, 'vat_number'), DUPLICATE_VAT_MESSAGE);
    }
    assert.equal(await count(tenant), 1);
    const mails = await tdb.db
      .selectFrom('mail_outbox')
      .select('to_address')
      .where('tenant_id', '=', tenant.id)
      .execute();
    assert.equal(mails.length, 1, 'only the registered company was written to');
  });

  test("another tenant's signing link does not work here", async () => {
    const a = await createTestTenant(tdb.db);
    const b = await createTestTenant(tdb.db);
    await register(a, { vat_number: VALID.vatNumbers[2]!, company_tax_code: '' });
    const [mail] = await mailTo(a, 'mario.rossi@example.org');
    const token = new URL(
      /(https?:\/\/\S+\/ditte\/firma\?token=\S+)/.exec(mail!.text_body)![1]!,
    ).searchParams.get('token')!;
    const other = new TestClient(t.app, `${b.slug}.localhost`);
    const res = await other.get(`/ditte/firma?token=${encodeURIComponent(token)}`);
    assert.equal(res.statusCode, 410);
    assert.match(res.body, /non è valido/);
  });
});
