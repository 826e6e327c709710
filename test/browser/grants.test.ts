import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { PDFDocument } from 'pdf-lib';
import type { Browser, Locator, Page } from 'playwright-core';
import { createStaffAccount } from '../../src/modules/accounts/create-staff-account.js';
import type { TTenant } from '../../src/tenancy/tenant.js';
import { exampleApplicationValues } from '../fixtures/grants/example-application.js';
import { openPugliaCall, realPdf } from '../helpers/grants.js';
import { createTestTenant } from '../helpers/test-app.js';
import {
  assertAccessible,
  browserSuite,
  engineName,
  escapeRegExp,
  field,
  launchChromium,
  startBrowserApp,
  tick,
  type TBrowserApp,
} from './helpers.js';

/**
 * Seed 003 from the citizen's side, by the labels of Allegato A: the public call page, "Presenta
 * domanda", the six steps, the six attachments, the computed amount, "Invia", the protocol, the funds
 * reserved, the receipt, and the remaining budget on the public page reduced by the amount.
 * axe-core (WCAG 2.1 AA) on every page.
 */
browserSuite(`grant application in Chromium (${engineName})`, () => {
  let browser: Browser;
  let t: TBrowserApp;
  let tenant: TTenant;
  let dir: string;
  const callCode = 'bando-biomasse-prova';

  before(async () => {
    [browser, t] = await Promise.all([launchChromium(), startBrowserApp()]);
    tenant = await createTestTenant(t.tdb.db);
    await openPugliaCall(t.tdb.db, tenant.id, t.clock.now(), { code: callCode });
    dir = mkdtempSync(join(tmpdir(), 'focolare-bandi-'));
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  /** The control labelled exactly `label` (required asterisk aside) inside the group named `legend`. */
  const inGroup = (page: Page | Locator, legend: string, label: string) =>
    page
      .getByRole('group', { name: legend, exact: true })
      .getByLabel(new RegExp(`^${escapeRegExp(label)}(\\s*\\*)?$`));

  async function pdfFile(name: string): Promise<string> {
    const path = join(dir, name);
    writeFileSync(path, await realPdf(name));
    return path;
  }

  test('a citizen applies from the public call page, sends, gets the protocol, the funds and the receipt', async () => {
    await createStaffAccount(
      t.deps,
      tenant,
      {
        username: 'mrossi',
        email: 'mrossi@example.org',
        fullName: 'Maria Rossi',
        initialPassword: 'Cittadina-1',
        role: 'citizen',
        mustChangePassword: false,
      },
      { id: null, label: 'test', ip: null },
    );
    const v = exampleApplicationValues(7);
    const page = await (await browser.newContext()).newPage();
    await page.goto(t.url(tenant.slug, '/accesso'));
    await field(page, 'Nome Utente').fill('mrossi');
    await field(page, 'Password').fill('Cittadina-1');
    await page.getByRole('button', { name: 'Accedi', exact: true }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/accesso'));

    // The public call page with the remaining budget.
    await page.goto(t.url(tenant.slug, `/bandi/${callCode}`));
    await assertAccessible(page, 'pagina del bando');
    const before = (await page.locator('#fondi-residui').innerText()).trim();
    assert.equal(before, '200.000,00 €');
    await page.getByRole('link', { name: 'Presenta domanda' }).click();
    await page.waitForURL('**/passo/1');
    await assertAccessible(page, 'passo 1');

    // Step 1 — applicant, residence, contacts.
    const sott = 'Il/La sottoscritto/a';
    await inGroup(page, sott, 'Cognome').fill(v.last_name!);
    await inGroup(page, sott, 'Nome').fill(v.first_name!);
    await inGroup(page, sott, 'Nato/a a').fill(v.birth_place!);
    await inGroup(page, sott, 'Data di nascita').fill(v.birth_date!);
    await inGroup(page, sott, 'Codice Fiscale').fill(v.tax_code!);
    await field(page, 'Residente a').fill(v.res_municipality!);
    await inGroup(page, 'Residenza', 'Via').fill(v.res_street!);
    await field(page, 'N° civico').fill(v.res_number!);
    await field(page, 'Interno').fill(v.res_interno!);
    await field(page, 'Prov.').fill(v.res_province!);
    await field(page, 'CAP').fill(v.res_cap!);
    await field(page, 'Telefono mobile').fill(v.mobile!);
    await field(page, 'Indirizzo mail').fill(v.email!);
    await page.getByRole('button', { name: 'Salva e continua' }).click();
    await page.waitForURL('**/passo/2');
    await assertAccessible(page, 'passo 2');

    // Step 2 — the new appliance (CHIEDE, DICHIARA) and the one replaced.
    await tick(
      page
        .getByRole('group', { name: 'Tipologia del nuovo generatore di calore', exact: true })
        .getByRole('radio', { name: 'Stufa a pellet', exact: true }),
    );
    const nuovo = 'DICHIARA di aver installato il seguente apparecchio';
    await inGroup(page, nuovo, 'Marca').fill(v.new_make!);
    await inGroup(page, nuovo, 'Modello').fill(v.new_model!);
    await inGroup(page, nuovo, 'Potenza termica kW').fill(v.new_kw!);
    await inGroup(page, nuovo, 'Combustibile').fill(v.new_fuel!);
    await inGroup(page, nuovo, 'Omologazione UNI EN').fill(v.new_standard!);
    await inGroup(page, nuovo, 'N° stelle (DM 186/2017)').fill(v.new_stars!);
    await inGroup(page, nuovo, 'Rendimento').fill(v.new_efficiency!);
    await inGroup(page, nuovo, 'Anno di installazione').fill(v.new_year!);
    await tick(
      page
        .getByRole('group', { name: 'Apparecchio preesistente dismesso e rottamato', exact: true })
        .getByRole('radio', { name: 'Stufa a legna', exact: true }),
    );
    const vecchio = 'previa dismissione e rottamazione del preesistente apparecchio';
    await inGroup(page, vecchio, 'Marca').fill(v.old_make!);
    await inGroup(page, vecchio, 'Modello').fill(v.old_model!);
    await inGroup(page, vecchio, 'Potenza termica kW').fill(v.old_kw!);
    await inGroup(page, vecchio, 'Combustibile').fill(v.old_fuel!);
    await inGroup(page, vecchio, 'Omologazione UNI EN').fill(v.old_standard!);
    await inGroup(page, vecchio, 'N° stelle (DM 186/2017)').fill(v.old_stars!);
    await inGroup(page, vecchio, 'Anno di installazione').fill(v.old_year!);
    await page.getByRole('button', { name: 'Salva e continua' }).click();
    await page.waitForURL('**/passo/3');
    await assertAccessible(page, 'passo 3');

    // Step 3 — the property, the marca da bollo and the GSE data; first a 13-digit stamp number.
    await field(page, 'Comune').selectOption(v.prop_municipality!);
    const immobile = "A. L'intervento è realizzato nell'immobile destinato a civile abitazione";
    await inGroup(page, immobile, 'Via').fill(v.prop_street!);
    await inGroup(page, immobile, 'N°').fill(v.prop_number!);
    await inGroup(page, immobile, 'Scala').fill(v.prop_scala!);
    await inGroup(page, immobile, 'Int.').fill(v.prop_interno!);
    await field(page, 'Foglio').fill(v.cad_sheet!);
    await field(page, 'Mappale o particella').fill(v.cad_parcel!);
    await field(page, 'Sub').fill(v.cad_sub!);
    await tick(page.getByRole('radio', { name: 'Proprietario', exact: true }));
    await field(page, 'Numero identificativo della marca da bollo').fill(v.stamp_number!.slice(1));
    await field(page, 'Data di emissione della marca da bollo').fill(v.stamp_date!);
    await field(page, "Costo totale dell'intervento (€)").fill(v.total_cost!);
    await field(page, 'Spesa ritenuta ammissibile dal GSE (€)').fill(v.gse_admissible!);
    await field(page, 'Contributo "Conto Termico 2.0" del GSE (€)').fill(v.gse_contribution!);
    await field(page, 'Numero della pratica Conto Termico del GSE').fill(v.gse_practice!);
    await field(page, 'Numero identificativo del contratto GSE').fill(v.gse_contract_number!);
    await field(page, 'Data del contratto GSE').fill(v.gse_contract_date!);
    await page.getByRole('button', { name: 'Salva e continua' }).click();
    await page.getByText('Il modulo contiene un errore').waitFor();
    await assertAccessible(page, 'passo 3 con errore');
    await page.getByRole('link', { name: /marca da bollo: sono 14 cifre/ }).click();
    assert.equal(await field(page, 'Foglio').inputValue(), v.cad_sheet, 'typed values are kept');
    await field(page, 'Numero identificativo della marca da bollo').fill(v.stamp_number!);
    await page.getByRole('button', { name: 'Salva e continua' }).click();
    await page.waitForURL('**/passo/4');
    await assertAccessible(page, 'passo 4');

    // Step 4 — declarations, commitments, IBAN, privacy.
    await page.getByText('Contributo richiesto (calcolato con i dati del passo 3): 2.500,00 €.').waitFor();
    for (const label of [
      /^I\. Sono consapevole/,
      /^J\. Autorizzo la Regione/,
      /^K\. Sono in possesso/,
      /^Mi impegno a utilizzare pellet/,
      /^Mi impegno a consentire le verifiche/,
      /^Mi impegno a non utilizzare generatori/,
      /^Mi impegno a presentare/,
      /^Dichiaro di essere informato/,
    ])
      await tick(page.getByLabel(label));
    await field(page, 'IBAN').fill(v.iban!);
    await field(page, 'Banca').fill(v.bank!);
    await field(page, 'Intestato a').fill(v.account_holder!);
    await field(page, 'Luogo').fill(v.place!);
    await page.getByRole('button', { name: 'Salva e continua' }).click();
    await page.waitForURL('**/allegati');
    await assertAccessible(page, 'passo 5 allegati');

    // Step 5 — the six attachments of ALLEGA (two invoices).
    await page
      .getByLabel(/^1\. Certificazione ambientale/)
      .setInputFiles(await pdfFile('certificazione.pdf'));
    await page.getByLabel(/^2\. Dichiarazione di conformità/).setInputFiles(await pdfFile('conformita.pdf'));
    await page.getByLabel(/^3\. Libretto d'impianto/).setInputFiles(await pdfFile('libretto.pdf'));
    await page.getByLabel(/^4\. "Scheda contratto"/).setInputFiles(await pdfFile('scheda-gse.pdf'));
    await page
      .getByLabel(/^5\. Copia del documento di identità/)
      .setInputFiles(await pdfFile('identita.pdf'));
    await page
      .getByLabel(/^6\. Copia delle fatture/)
      .setInputFiles([await pdfFile('fattura-1.pdf'), await pdfFile('fattura-2.pdf')]);
    await page.getByRole('button', { name: 'Carica gli allegati' }).click();
    await page.getByText('Allegati caricati: 7.').waitFor();
    await page.getByRole('link', { name: 'fattura-2.pdf' }).waitFor();
    await assertAccessible(page, 'allegati caricati');
    await page.getByRole('link', { name: 'Continua al riepilogo' }).click();
    await page.waitForURL('**/riepilogo');

    // Step 6 — the summary with the amount computed before sending.
    await page.getByText('Contributo regionale richiesto: 2.500,00 €').waitFor();
    await page.getByText('La domanda è completa e rispetta i requisiti del bando.').waitFor();
    await assertAccessible(page, 'riepilogo');
    await page.getByRole('button', { name: 'Invia', exact: true }).click();
    await page.getByText(/Domanda inviata: protocollo BIO24-\d{7}/).waitFor();
    const protocol = (await page.locator('#protocollo').innerText()).trim();
    assert.match(protocol, /^BIO24-\d{7}$/);

    // The allocator decides in arrival order: the page then says "Fondi prenotati".
    await t.app.grantsAllocator.idle();
    await page.reload();
    assert.equal((await page.locator('#fondi').innerText()).trim(), 'Fondi prenotati');
    await page.getByText(/\d\d\/\d\d\/\d{4} \d\d:\d\d:\d\d,\d{3} \(ora italiana\)/).waitFor();
    await assertAccessible(page, 'domanda inviata');

    // The receipt.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Scarica la ricevuta (PDF)' }).click(),
    ]);
    assert.equal(download.suggestedFilename(), `ricevuta_${protocol}.pdf`);
    const receipt = await PDFDocument.load(readFileSync(await download.path()));
    assert.equal(receipt.getTitle(), 'Ricevuta di presentazione della domanda di contributo');

    // The public check of the receipt, without personal data.
    const verification = (
      await page.locator('dd', { hasText: /^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/ }).innerText()
    ).trim();
    const anon = await (await browser.newContext()).newPage();
    await anon.goto(t.url(tenant.slug, '/verifica-ricevuta'));
    await field(anon, 'Codice di verifica').fill(verification);
    await anon.getByRole('button', { name: 'Verifica' }).click();
    await anon.getByText('Ricevuta valida').waitFor();
    await anon.getByText(protocol, { exact: true }).waitFor();
    assert.equal(await anon.getByText(v.last_name!).count(), 0);
    await assertAccessible(anon, 'verifica ricevuta');

    // The public page shows the remaining budget reduced by the amount.
    await anon.goto(t.url(tenant.slug, `/bandi/${callCode}`));
    assert.equal((await anon.locator('#fondi-residui').innerText()).trim(), '197.500,00 €');
  });
});
