import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import type { Browser, Download } from 'playwright-core';
import yauzl from 'yauzl';
import { storeFile } from '../../src/files/stored-files.js';
import type { TTenant } from '../../src/tenancy/tenant.js';
import { samplePdf, VALID } from '../helpers/companies.js';
import { lastMailTo } from '../helpers/http-client.js';
import { createTestTenant } from '../helpers/test-app.js';
import {
  assertAccessible,
  browserSuite,
  engineName,
  field,
  launchChromium,
  startBrowserApp,
  tick,
  type TBrowserApp,
} from './helpers.js';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** The file names and SHA-256 of the entries of a zip. */
function zipEntries(buf: Buffer): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buf, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error('zip non leggibile'));
      const out = new Map<string, string>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e ?? new Error('voce non leggibile'));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            out.set(entry.fileName, sha(Buffer.concat(chunks)));
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

async function downloaded(d: Download): Promise<Buffer> {
  const path = await d.path();
  return readFile(path);
}

browserSuite(`document area in Chromium (${engineName})`, () => {
  let browser: Browser;
  let t: TBrowserApp;
  let tenant: TTenant;
  const docs: Array<{ title: string; sha: string }> = [];
  let customerId = '';

  before(async () => {
    [browser, t] = await Promise.all([launchChromium(), startBrowserApp()]);
    tenant = await createTestTenant(t.tdb.db);
    const db = t.tdb.db;
    const customer = await db
      .insertInto('customers')
      .values({
        tenant_id: tenant.id,
        customer_code: 'C001',
        customer_type: 'privato',
        name: 'Rossi Mario',
        tax_code: VALID.personTaxCode,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    customerId = customer.id;
    for (const [i, title] of ['Bolletta gennaio', 'Bolletta febbraio', 'Avviso lavori'].entries()) {
      const content = await samplePdf(title);
      const fileId = await storeFile(db, tenant.id, {
        filename: `${title}.pdf`,
        contentType: 'application/pdf',
        content,
      });
      await db
        .insertInto('documents')
        .values({
          tenant_id: tenant.id,
          customer_id: customer.id,
          external_id: `doc-${i}`,
          doc_type: i === 2 ? 'avviso' : 'bolletta',
          title,
          issued_on: `2024-0${i + 1}-15`,
          file_id: fileId,
          published_at: new Date(),
        })
        .execute();
      docs.push({ title, sha: sha(content) });
    }
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  test('crea account → activation link → password → entra → associazione → scarica one and several, every page accessible', async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    context.setDefaultTimeout(20_000);
    const page = await context.newPage();
    try {
      await page.goto(t.url(tenant.slug, '/'));
      await assertAccessible(page, 'home');
      await page.getByRole('link', { name: 'crea account', exact: true }).click();
      await page.waitForURL('**/area-clienti/crea-account*');
      await field(page, 'Nome').fill('Mario');
      await field(page, 'Cognome').fill('Rossi');
      await field(page, 'Email').fill('mario@example.org');
      await field(page, 'Conferma Email').fill('mario@example.org');
      await field(page, 'Cellulare').fill('333 1234567');
      await tick(page.getByLabel(/Accetto le condizioni/));
      await page.getByText('Verifica automatica completata').waitFor();
      await assertAccessible(page, 'crea account');
      await page.getByRole('button', { name: 'salva' }).click();
      await page.waitForURL('**/area-clienti/account-creato');
      await page.getByText(/Ti abbiamo inviato un'e-mail/).waitFor();
      await assertAccessible(page, 'account creato');

      await page.goto(t.url(tenant.slug, '/dev/sms'));
      await page.getByText('+393331234567').waitFor();
      await assertAccessible(page, 'SMS in uscita');

      const mail = await lastMailTo(t.tdb.db, 'mario@example.org');
      const activation = mail?.link;
      assert.ok(activation && activation.includes('/area-clienti/attiva?token='), mail?.text_body);
      await page.goto(activation);
      await page.getByRole('heading', { name: 'Imposta la password', level: 1 }).waitFor();
      await assertAccessible(page, 'imposta la password');
      await field(page, 'Nuova password').fill('segreto1');
      await field(page, 'Conferma nuova password').fill('segreto1');
      await page.getByRole('button', { name: 'Salva la password' }).click();
      await page.waitForURL('**/accesso?next=*');
      await page.getByText('Account attivato').waitFor();

      await field(page, 'Nome Utente').fill('mario@example.org');
      await field(page, 'Password').fill('segreto1');
      await page.getByRole('button', { name: 'Accedi' }).click();
      await page.waitForURL('**/area-clienti/associazione');
      await assertAccessible(page, 'associazione cliente');

      // A wrong tuple first: the neutral message, accessible.
      await field(page, 'Nome cliente').fill('Rossi Mario');
      await tick(page.getByLabel('Privata'));
      await field(page, 'Codice cliente').fill('C999');
      await field(page, 'Codice fiscale o partita IVA').fill(VALID.personTaxCode);
      await page.getByRole('button', { name: 'Associa' }).click();
      await page.getByText('I dati inseriti non corrispondono a un cliente').waitFor();
      await assertAccessible(page, 'associazione non riuscita');
      await field(page, 'Codice cliente').fill('C001');
      await page.getByRole('button', { name: 'Associa' }).click();
      await page.getByText('Associazione completata').waitFor();
      await assertAccessible(page, 'associazione riuscita');

      const link = page.getByRole('link', { name: /Area cliente Rossi Mario/ });
      const href = await link.getAttribute('href');
      assert.equal(href, `/area-clienti/clienti/${customerId}/documenti`);
      await page.goto(t.url(tenant.slug, href));
      await page.getByRole('heading', { name: 'Area cliente Rossi Mario' }).waitFor();
      await assertAccessible(page, 'download documenti');

      // scarica: one document.
      const [one] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'scarica Avviso lavori' }).click(),
      ]);
      assert.match(one.suggestedFilename(), /Avviso lavori\.pdf$/);
      assert.equal(sha(await downloaded(one)), docs[2]!.sha);

      // Scarica i documenti: two selected, one zip.
      await page.reload();
      await tick(page.getByLabel('Seleziona Bolletta gennaio'));
      await tick(page.getByLabel('Seleziona Bolletta febbraio'));
      const [zip] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Scarica i documenti' }).click(),
      ]);
      assert.equal(zip.suggestedFilename(), 'documenti_C001.zip');
      const entries = await zipEntries(await downloaded(zip));
      assert.deepEqual([...entries.values()].sort(), [docs[0]!.sha, docs[1]!.sha].sort());

      // Read / unread is shown; search works.
      await page.goto(t.url(tenant.slug, href));
      assert.equal(await page.getByText('Letto', { exact: true }).count(), 3);
      await field(page, 'Testo').fill('febbraio');
      await page.getByRole('button', { name: 'ricerca' }).click();
      await page.getByText('1 documento trovato.').waitFor();
      await assertAccessible(page, 'ricerca documenti');
    } finally {
      await context.close();
    }
  });
});
