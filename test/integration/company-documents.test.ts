import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { TTenant } from '../../src/tenancy/tenant.js';
import { samplePdf, VALID } from '../helpers/companies.js';
import { linkTokenFromMail, registerTestCompany } from '../helpers/company-fixtures.js';
import { decode, fieldError } from '../helpers/html.js';
import { TestClient } from '../helpers/http-client.js';
import { closeTestApp, createTestTenant, openTestApp, type TTestApp } from '../helpers/test-app.js';
import type { TTestDatabase } from '../helpers/test-db.js';

const engine = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite';

describe(`activation documents uploaded from the e-mail link (${engine})`, () => {
  let tdb: TTestDatabase;
  let t: TTestApp;
  before(async () => {
    ({ tdb, t } = await openTestApp({ RATE_LIMIT_PER_MINUTE: '1000' }));
  });
  after(() => closeTestApp(t, tdb));

  async function setUp(vatIndex = 0) {
    const tenant = await createTestTenant(tdb.db);
    const company = await registerTestCompany(t.deps, tenant, {
      vat_number: VALID.vatNumbers[vatIndex]!,
      company_tax_code: '',
    });
    const token = await linkTokenFromMail(tdb.db, tenant, company.lrEmail, 'documenti');
    const c = new TestClient(t.app, `${tenant.slug}.localhost`);
    return { tenant, company, token, c, url: `/ditte/documenti?token=${encodeURIComponent(token)}` };
  }

  const documentsOf = (tenant: TTenant) =>
    tdb.db
      .selectFrom('company_documents')
      .selectAll()
      .where('tenant_id', '=', tenant.id)
      .orderBy('uploaded_at')
      .execute();

  test('the link shows the company and the form; a typed PDF is stored with its audit row (PRG)', async () => {
    const { tenant, company, token, c, url } = await setUp();
    const page = await c.get(url);
    assert.equal(page.statusCode, 200);
    const html = decode(page.body);
    assert.match(html, /Documenti per l'attivazione/);
    assert.match(html, /Termoidraulica Rossi S\.r\.l\./);
    assert.match(html, new RegExp(company.registrationNumber));
    assert.match(html, /Nessun documento caricato finora/);
    for (const label of [
      'Visura Camerale aggiornata',
      'DURC in corso di validità',
      'Quietanza e polizza assicurativa',
      "Certificato di taratura dell'analizzatore",
      'Abilitazioni FER e/o FGAS',
      'Altre abilitazioni (certificazioni, attestati…)',
    ])
      assert.ok(html.includes(`<span>${label}</span></option>`), label);
    assert.match(html, /name="token" value="[^"]+"/, 'the token travels as a hidden field');
    assert.match(html, /Carica documento/);

    const pdf = await samplePdf('DURC');
    const res = await c.postMultipart(
      '/ditte/documenti',
      { token, doc_type: 'durc', description: '' },
      { file: { filename: 'durc-2026.pdf', content: pdf, contentType: 'application/pdf' } },
    );
    assert.equal(res.statusCode, 303, fieldError(res.body, 'file') ?? res.body.slice(0, 200));
    assert.equal(res.headers.location, url);
    const after = decode((await c.get(url)).body);
    assert.match(after, /Documento caricato: DURC in corso di validità \(durc-2026\.pdf\)/);
    assert.match(after, /<td>DURC in corso di validità<\/td>/);
    assert.match(after, /durc-2026\.pdf/);

    // "Altre abilitazioni" with its description; the link works many times.
    await c.postMultipart(
      '/ditte/documenti',
      { token, doc_type: 'altro', description: 'Attestato F-GAS <categoria I>' },
      { file: { filename: 'fgas.pdf', content: pdf } },
    );
    const docs = await documentsOf(tenant);
    assert.deepEqual(
      docs.map((d) => [d.doc_type, d.description]),
      [
        ['durc', null],
        ['altro', 'Attestato F-GAS <categoria I>'],
      ],
    );
    assert.ok(docs.every((d) => d.company_id === company.companyId));
    const stored = await tdb.db
      .selectFrom('stored_files')
      .selectAll()
      .where('id', '=', docs[0]!.file_id)
      .executeTakeFirstOrThrow();
    assert.equal(stored.tenant_id, tenant.id);
    assert.equal(stored.content_type, 'application/pdf');
    assert.ok(Buffer.from(stored.content).equals(pdf));
    const listed = (await c.get(url)).body;
    assert.ok(listed.includes('Attestato F-GAS &lt;categoria I'), 'the description is escaped');
    assert.ok(!listed.includes('<categoria I>'));

    const audit = await tdb.db
      .selectFrom('audit_log')
      .selectAll()
      .where('tenant_id', '=', tenant.id)
      .where('action', '=', 'company.document_uploaded')
      .orderBy('seq')
      .execute();
    assert.equal(audit.length, 2);
    assert.equal(audit[0]!.entity_id, company.companyId);
    assert.equal(audit[0]!.summary.docType, 'durc');
    assert.equal(audit[0]!.summary.filename, 'durc-2026.pdf');
  });

  test('a file that is not a PDF by content, or over 5 MB, or missing fields are refused per field; nothing stored', async () => {
    const { tenant, token, c, url } = await setUp();
    await c.get(url);
    const fake = Buffer.from('testo qualsiasi, non un PDF');
    let res = await c.postMultipart(
      '/ditte/documenti',
      { token, doc_type: 'visura_camerale' },
      { file: { filename: 'visura.pdf', content: fake, contentType: 'application/pdf' } },
    );
    assert.equal(res.statusCode, 422);
    assert.match(fieldError(res.body, 'file')!, /formato PDF/);
    assert.match(res.body, /<option value="visura_camerale" selected>/, 'the chosen type is kept');

    const big = Buffer.concat([await samplePdf(), Buffer.alloc(5 * 1024 * 1024)]);
    res = await c.postMultipart(
      '/ditte/documenti',
      { token, doc_type: 'polizza' },
      { file: { filename: 'polizza.pdf', content: big, contentType: 'application/pdf' } },
    );
    assert.equal(res.statusCode, 422);
    assert.match(fieldError(res.body, 'file')!, /dimensione massima di 5 MB/);

    res = await c.postMultipart('/ditte/documenti', { token, doc_type: 'altro', description: ' ' });
    assert.equal(res.statusCode, 422);
    assert.match(fieldError(res.body, 'description')!, /descrivi il documento/);
    assert.equal(fieldError(res.body, 'file'), 'Scegli il file PDF da caricare.');
    assert.match(decode(res.body), /Il modulo contiene 2 errori/);

    res = await c.postMultipart(
      '/ditte/documenti',
      { token, doc_type: '' },
      { file: { filename: 'x.pdf', content: await samplePdf() } },
    );
    assert.equal(fieldError(res.body, 'doc_type'), 'Scegli il tipo di documento.');
    res = await c.postMultipart(
      '/ditte/documenti',
      { token, doc_type: 'patente_nautica' },
      { file: { filename: 'x.pdf', content: await samplePdf() } },
    );
    assert.match(fieldError(res.body, 'doc_type')!, /non è tra quelli previsti/);

    assert.equal((await documentsOf(tenant)).length, 0);
    assert.equal(
      (await tdb.db.selectFrom('stored_files').select('id').where('tenant_id', '=', tenant.id).execute())
        .length,
      1,
      'only the registration receipt',
    );
  });

  test('an expired, unknown or other tenant’s link gets an Italian page and stores nothing', async () => {
    const { tenant, token, c, url } = await setUp(1);
    const other = await createTestTenant(tdb.db);
    const elsewhere = new TestClient(t.app, `${other.slug}.localhost`);
    const foreign = await elsewhere.get(url);
    assert.equal(foreign.statusCode, 410);
    assert.match(decode(foreign.body), /Il collegamento non è valido/);

    const unknown = await c.get('/ditte/documenti?token=non-esiste');
    assert.equal(unknown.statusCode, 410);
    assert.match(decode(unknown.body), /Il collegamento non è valido/);
    assert.equal((await c.get('/ditte/documenti')).statusCode, 410);

    await c.get(url); // the form, shown before the link expires and posted after
    t.clock.advanceMinutes(30 * 24 * 60 + 1);
    const late = await c.postMultipart(
      '/ditte/documenti',
      { token, doc_type: 'durc' },
      { file: { filename: 'durc.pdf', content: await samplePdf() } },
    );
    assert.equal(late.statusCode, 410);
    assert.match(decode(late.body), /scaduto/);
    assert.equal((await documentsOf(tenant)).length, 0);
    const expired = await c.get(url);
    assert.equal(expired.statusCode, 410);
    const html = decode(expired.body);
    assert.match(
      html,
      /Questo collegamento è scaduto: i collegamenti per caricare i documenti valgono 30 giorni/,
    );
    assert.match(html, new RegExp(`attivazioni@${tenant.slug}\\.example\\.org`));
  });
});
