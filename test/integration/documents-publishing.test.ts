import { randomBytes } from 'node:crypto';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { ZipArchive } from 'archiver';
import { PasswordHasher } from '../../src/auth/password-hash.js';
import { runCli } from '../../src/cli/focolare.js';
import { createStaffAccount } from '../../src/modules/accounts/create-staff-account.js';
import { insertUser } from '../../src/modules/accounts/users.js';
import { createApiToken } from '../../src/modules/documents/api/api-tokens.js';
import type { TTenant } from '../../src/tenancy/tenant.js';
import { samplePdf } from '../helpers/companies.js';
import { TEST_ACTOR } from '../helpers/company-fixtures.js';
import { decode, fieldError } from '../helpers/html.js';
import { TestClient } from '../helpers/http-client.js';
import { closeTestApp, createTestTenant, openTestApp, type TTestApp } from '../helpers/test-app.js';
import type { TTestDatabase } from '../helpers/test-db.js';

const engine = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite';

async function zipOf(files: Record<string, Buffer | string>): Promise<Buffer> {
  const archive = new ZipArchive();
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    out.on('end', () => resolve());
    archive.on('error', reject);
  });
  archive.pipe(out);
  for (const [name, content] of Object.entries(files)) archive.append(content, { name });
  await archive.finalize();
  await done;
  return Buffer.concat(chunks);
}

describe(`document publishing (${engine})`, () => {
  let tdb: TTestDatabase;
  let t: TTestApp;
  let pdf: Buffer;
  before(async () => {
    ({ tdb, t } = await openTestApp({ RATE_LIMIT_PER_MINUTE: '1000' }));
    pdf = await samplePdf('Documento di prova');
  });
  after(() => closeTestApp(t, tdb));

  let seq = 0;
  async function officer(tenant: TTenant) {
    seq++;
    const username = `operatore${seq}`;
    await createStaffAccount(
      t.deps,
      tenant,
      {
        username,
        email: `${username}@example.org`,
        fullName: `Operatore ${seq}`,
        initialPassword: 'Giusta-123',
        role: 'officer',
        mustChangePassword: false,
      },
      TEST_ACTOR,
    );
    const c = new TestClient(t.app, `${tenant.slug}.localhost`);
    await c.get('/accesso');
    const res = await c.post('/accesso', { login: username, password: 'Giusta-123' });
    assert.equal(res.statusCode, 303);
    return c;
  }

  async function customer(tenant: TTenant, code: string, opts: { account?: boolean } = {}) {
    seq++;
    const row = await tdb.db
      .insertInto('customers')
      .values({
        tenant_id: tenant.id,
        customer_code: code,
        customer_type: 'privato',
        name: `Cliente ${code}`,
        tax_code: 'RSSMRA80A01H501U',
        email: `anagrafica-${code.toLowerCase()}@example.org`,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const email = `cliente-${code.toLowerCase()}-${seq}@example.org`;
    if (opts.account !== false) {
      const user = await insertUser(tdb.db, tenant.id, {
        username: email,
        email,
        fullName: `Cliente ${code}`,
        passwordHash: 'x',
        role: 'citizen',
        status: 'active',
        mustChangePassword: false,
        emailVerified: true,
      });
      await tdb.db
        .insertInto('customer_links')
        .values({ tenant_id: tenant.id, user_id: user.id, customer_id: row.id })
        .execute();
    }
    return { id: row.id, email };
  }

  const documentsOf = (tenant: TTenant) =>
    tdb.db
      .selectFrom('documents')
      .selectAll()
      .where('tenant_id', '=', tenant.id)
      .orderBy('external_id')
      .execute();
  const mailsOf = (tenant: TTenant) =>
    tdb.db
      .selectFrom('mail_outbox')
      .select(['to_address', 'subject', 'text_body'])
      .where('tenant_id', '=', tenant.id)
      .orderBy('id')
      .execute();
  const auditOf = (tenant: TTenant) =>
    tdb.db
      .selectFrom('audit_log')
      .selectAll()
      .where('tenant_id', '=', tenant.id)
      .where('action', '=', 'document.published')
      .orderBy('seq')
      .execute();

  const form = (over: Record<string, string> = {}) => ({
    customer_code: 'A001',
    doc_type: 'Bolletta',
    title: 'Bolletta marzo 2026',
    issued_on: '15/03/2026',
    ...over,
  });

  test('single publish from the officers page: document, notice 1, e-mail to the linked account, audit; the same form twice publishes once', async () => {
    const tenant = await createTestTenant(t.deps.db);
    const c = await customer(tenant, 'A001');
    const client = await officer(tenant);
    const page = await client.get('/ufficio/documenti');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Pubblica un documento/);
    assert.match(page.body, /href="\/ufficio\/documenti"/, 'menu entry');
    const key = /name="external_id" value="([^"]+)"/.exec(page.body)![1]!;

    const res = await client.postMultipart(
      '/ufficio/documenti',
      { ...form(), external_id: key },
      {
        file: { filename: 'bolletta.pdf', content: pdf, contentType: 'application/pdf' },
      },
    );
    assert.equal(res.statusCode, 303, res.body);
    const docs = await documentsOf(tenant);
    assert.equal(docs.length, 1);
    assert.equal(docs[0]!.customer_id, c.id);
    assert.equal(docs[0]!.issued_on, '2026-03-15');
    assert.equal(docs[0]!.notices_sent, 1);
    assert.ok(docs[0]!.last_notice_at instanceof Date);
    const notices = await tdb.db
      .selectFrom('document_notices')
      .selectAll()
      .where('document_id', '=', docs[0]!.id)
      .execute();
    assert.deepEqual(
      notices.map((n) => n.notice_no),
      [1],
    );
    const file = await tdb.db
      .selectFrom('stored_files')
      .select(['content', 'tenant_id'])
      .where('id', '=', docs[0]!.file_id)
      .executeTakeFirstOrThrow();
    assert.ok(file.content.equals(pdf));
    const mails = await mailsOf(tenant);
    assert.equal(mails.length, 1);
    assert.equal(mails[0]!.to_address, c.email);
    assert.equal(mails[0]!.subject, 'Nuovo documento disponibile: Bolletta marzo 2026');
    assert.match(
      mails[0]!.text_body,
      /Bolletta «Bolletta marzo 2026» del 15\/03\/2026 \(codice cliente A001\)/,
    );
    const audit = await auditOf(tenant);
    assert.equal(audit.length, 1);
    assert.equal(audit[0]!.entity_id, docs[0]!.id);
    assert.equal((audit[0]!.summary as { customerCode: string }).customerCode, 'A001');

    const shown = await client.get('/ufficio/documenti');
    assert.match(decode(shown.body), /Documento pubblicato al cliente A001/);
    assert.match(decode(shown.body), /A001 – Cliente A001/);

    // The same form sent again (reload, double click): "già pubblicato", nothing new.
    const again = await client.postMultipart(
      '/ufficio/documenti',
      { ...form(), external_id: key },
      {
        file: { filename: 'bolletta.pdf', content: pdf, contentType: 'application/pdf' },
      },
    );
    assert.equal(again.statusCode, 303);
    assert.match(decode((await client.get('/ufficio/documenti')).body), /già pubblicato/);
    assert.equal((await documentsOf(tenant)).length, 1);
    assert.equal((await mailsOf(tenant)).length, 1);
  });

  test('a file that is not a PDF, an unknown customer and a bad date are refused, field by field', async () => {
    const tenant = await createTestTenant(t.deps.db);
    await customer(tenant, 'A001');
    const client = await officer(tenant);
    await client.get('/ufficio/documenti');
    const res = await client.postMultipart('/ufficio/documenti', form(), {
      file: {
        filename: 'finto.pdf',
        content: Buffer.from('<html>non un pdf</html>'),
        contentType: 'application/pdf',
      },
    });
    assert.equal(res.statusCode, 422);
    assert.match(fieldError(res.body, 'file') ?? '', /formato PDF/);

    const unknown = await client.postMultipart(
      '/ufficio/documenti',
      form({ customer_code: 'Z999', issued_on: '31/02/2026' }),
      {
        file: { filename: 'b.pdf', content: pdf },
      },
    );
    assert.equal(unknown.statusCode, 422);
    assert.equal(
      fieldError(unknown.body, 'customer_code'),
      'Nessun cliente con codice «Z999» in questo ente.',
    );
    assert.match(fieldError(unknown.body, 'issued_on') ?? '', /non è valida/);
    assert.equal(decode(unknown.body).includes('value="Z999"'), true, 'typed values kept');
    assert.equal((await documentsOf(tenant)).length, 0);
    assert.equal((await mailsOf(tenant)).length, 0);
    assert.equal(
      (await tdb.db.selectFrom('stored_files').select('id').where('tenant_id', '=', tenant.id).execute())
        .length,
      0,
    );
  });

  test('the officers page needs back-office permission', async () => {
    const tenant = await createTestTenant(t.deps.db);
    const anon = new TestClient(t.app, `${tenant.slug}.localhost`);
    const res = await anon.get('/ufficio/documenti');
    assert.equal(res.statusCode, 302);
  });

  test('bulk from a zip: valid rows published, invalid ones reported by row; the same manifest twice publishes once', async () => {
    const tenant = await createTestTenant(t.deps.db);
    const a = await customer(tenant, 'B001');
    const b = await customer(tenant, 'B002', { account: false });
    const manifest = [
      'codice_cliente;tipo;titolo;data;file;id_esterno',
      'B001;Bolletta;Bolletta gennaio;31/01/2026;gen.pdf;F-2026-001',
      'B002;Avviso;Avviso di pagamento;15/02/2026;avviso.pdf;F-2026-002',
      'B999;Bolletta;Cliente sconosciuto;31/01/2026;gen.pdf;F-2026-003',
      'B001;Bolletta;File mancante;31/01/2026;manca.pdf;F-2026-004',
      'B001;Bolletta;Non un PDF;31/01/2026;testo.pdf;F-2026-005',
      'B001;Bolletta;Data sbagliata;2026/13/01;gen.pdf;F-2026-006',
    ].join('\n');
    const zip = await zipOf({
      'manifest.csv': manifest,
      'gen.pdf': pdf,
      'pdf/avviso.pdf': pdf,
      'testo.pdf': 'solo testo',
    });
    const client = await officer(tenant);
    await client.get('/ufficio/documenti');
    const res = await client.postMultipart(
      '/ufficio/documenti/archivio',
      {},
      { archive: { filename: 'carico.zip', content: zip } },
    );
    assert.equal(res.statusCode, 200, res.body);
    const body = decode(res.body);
    assert.match(body, /Righe nel manifesto: 6\. Pubblicati: 2\. Già pubblicati: 0\. Con errori: 4\./);
    assert.match(body, /riga 4: nessun cliente con codice «B999» in questo ente\./);
    assert.match(body, /riga 5: il file «manca\.pdf» non c'è\./);
    assert.match(body, /riga 6: «testo\.pdf»: Il file deve essere in formato PDF/);
    assert.match(body, /riga 7: la data «2026\/13\/01» non è valida/);
    const docs = await documentsOf(tenant);
    assert.deepEqual(
      docs.map((d) => [d.external_id, d.customer_id]),
      [
        ['F-2026-001', a.id],
        ['F-2026-002', b.id],
      ],
    );
    const mails = await mailsOf(tenant);
    assert.deepEqual(
      mails.map((m) => m.to_address).sort(),
      [a.email, 'anagrafica-b002@example.org'].sort(),
      'the linked account, or the customer master data address when there is none',
    );

    // Twice: nothing new, reported as already published.
    const again = await client.postMultipart(
      '/ufficio/documenti/archivio',
      {},
      { archive: { filename: 'carico.zip', content: zip } },
    );
    assert.match(decode(again.body), /Pubblicati: 0\. Già pubblicati: 2\. Con errori: 4\./);
    assert.match(decode(again.body), /riga 2: già pubblicato \(id_esterno F-2026-001\)/);
    assert.equal((await documentsOf(tenant)).length, 2);
    assert.equal((await mailsOf(tenant)).length, 2);
    assert.equal((await auditOf(tenant)).length, 2);

    const broken = await client.postMultipart(
      '/ufficio/documenti/archivio',
      {},
      { archive: { filename: 'x.zip', content: pdf } },
    );
    assert.equal(broken.statusCode, 422);
    assert.match(decode(broken.body), /non è un archivio zip valido/);
  });

  test('cross-tenant: a customer code of tenant B cannot be published to from tenant A', async () => {
    const tenantA = await createTestTenant(t.deps.db);
    const tenantB = await createTestTenant(t.deps.db);
    await customer(tenantB, 'SOLO-B');
    const client = await officer(tenantA);
    await client.get('/ufficio/documenti');
    const res = await client.postMultipart('/ufficio/documenti', form({ customer_code: 'SOLO-B' }), {
      file: { filename: 'b.pdf', content: pdf },
    });
    assert.equal(res.statusCode, 422);
    assert.equal(fieldError(res.body, 'customer_code'), 'Nessun cliente con codice «SOLO-B» in questo ente.');
    const zip = await zipOf({
      'manifest.csv':
        'codice_cliente;tipo;titolo;data;file;id_esterno\nSOLO-B;Bolletta;X;01/01/2026;a.pdf;X-1\n',
      'a.pdf': pdf,
    });
    const bulk = await client.postMultipart(
      '/ufficio/documenti/archivio',
      {},
      { archive: { filename: 'a.zip', content: zip } },
    );
    assert.match(decode(bulk.body), /riga 2: nessun cliente con codice «SOLO-B»/);
    assert.equal((await documentsOf(tenantA)).length, 0);
    assert.equal((await documentsOf(tenantB)).length, 0);
  });

  test('command line documents:publish from a folder, twice', async () => {
    const tenant = await createTestTenant(t.deps.db);
    await customer(tenant, 'K001');
    const dir = await mkdtemp(join(tmpdir(), 'focolare-docs-'));
    try {
      await writeFile(join(dir, 'a.pdf'), pdf);
      await writeFile(
        join(dir, 'elenco.csv'),
        'codice_cliente,tipo,titolo,data,file,id_esterno\nK001,Bolletta,Bolletta aprile,30/04/2026,a.pdf,K-1\nK001,Bolletta,Manca,30/04/2026,../etc/passwd,K-2\n',
      );
      const out: string[] = [];
      const io = { out: (s: string) => out.push(s), err: (s: string) => out.push(s) };
      const deps = { db: t.deps.db, config: t.deps.config, hasher: new PasswordHasher(1), now: t.deps.now };
      const argv = ['documents:publish', '--tenant', tenant.slug, '--manifest', join(dir, 'elenco.csv')];
      assert.equal(await runCli(argv, deps, io), 1, 'a row with errors: exit code 1');
      assert.match(out.join('\n'), /Pubblicati: 1\. Già pubblicati: 0\. Con errori: 1\./);
      assert.match(out.join('\n'), /riga 3: il file «\.\.\/etc\/passwd» non c'è\./);
      out.length = 0;
      await runCli(argv, deps, io);
      assert.match(out.join('\n'), /Pubblicati: 0\. Già pubblicati: 1\./);
      assert.equal((await documentsOf(tenant)).length, 1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('JSON API POST /api/documenti with a token of the tenant', async () => {
    const tenant = await createTestTenant(t.deps.db);
    const other = await createTestTenant(t.deps.db);
    await customer(tenant, 'J001');
    const { token } = await createApiToken(t.deps.db, tenant, 'gestionale', TEST_ACTOR);
    const zip = await zipOf({
      'manifest.csv':
        'codice_cliente;tipo;titolo;data;file;id_esterno\nJ001;Bolletta;Via API;01/05/2026;j.pdf;J-1\nJ002;Bolletta;No;01/05/2026;j.pdf;J-2\n',
      'j.pdf': pdf,
    });
    const post = async (host: string, auth?: string) => {
      const fd = new FormData();
      fd.append('archivio', new Blob([new Uint8Array(zip)], { type: 'application/zip' }), 'carico.zip');
      const req = new Request('http://localhost/', { method: 'POST', body: fd });
      return t.app.inject({
        method: 'POST',
        url: '/api/documenti',
        headers: {
          host,
          'content-type': req.headers.get('content-type')!,
          ...(auth ? { authorization: auth } : {}),
        },
        payload: Buffer.from(await req.arrayBuffer()),
      });
    };
    assert.equal((await post(`${tenant.slug}.localhost`)).statusCode, 401);
    assert.equal((await post(`${other.slug}.localhost`, `Bearer ${token}`)).statusCode, 403);
    const res = await post(`${tenant.slug}.localhost`, `Bearer ${token}`);
    assert.equal(res.statusCode, 200, res.body);
    const json = res.json() as { pubblicati: unknown[]; errori: Array<{ riga: number; messaggio: string }> };
    assert.equal(json.pubblicati.length, 1);
    assert.deepEqual(json.errori, [
      { riga: 3, messaggio: 'riga 3: nessun cliente con codice «J002» in questo ente.' },
    ]);
    const again = (await post(`${tenant.slug}.localhost`, `Bearer ${token}`)).json() as {
      gia_pubblicati: unknown[];
    };
    assert.equal(again.gia_pubblicati.length, 1);
    const audit = await auditOf(tenant);
    assert.equal(audit.length, 1);
    assert.equal(audit[0]!.actor_label, 'API: gestionale');

    // A bulk archive may exceed the 5 MB of a single upload: three 2.5 MB PDFs that do not compress.
    await customer(tenant, 'J003');
    const big = Buffer.concat([pdf, randomBytes(2_500_000)]);
    const bigZip = await zipOf({
      'manifest.csv':
        'codice_cliente;tipo;titolo;data;file;id_esterno\n' +
        [1, 2, 3].map((i) => `J003;Bolletta;Grande ${i};01/05/2026;g${i}.pdf;G-${i}`).join('\n'),
      'g1.pdf': big,
      'g2.pdf': big,
      'g3.pdf': big,
    });
    assert.ok(bigZip.length > 5 * 1024 * 1024);
    const fd = new FormData();
    fd.append('archivio', new Blob([new Uint8Array(bigZip)], { type: 'application/zip' }), 'grande.zip');
    const encoded = new Request('http://localhost/', { method: 'POST', body: fd });
    const bigRes = await t.app.inject({
      method: 'POST',
      url: '/api/documenti',
      headers: {
        host: `${tenant.slug}.localhost`,
        'content-type': encoded.headers.get('content-type')!,
        authorization: `Bearer ${token}`,
      },
      payload: Buffer.from(await encoded.arrayBuffer()),
    });
    assert.equal(bigRes.statusCode, 200, bigRes.body);
    assert.equal((bigRes.json() as { pubblicati: unknown[] }).pubblicati.length, 3);
  });
});
