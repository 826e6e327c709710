import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { createStaffAccount } from '../../src/modules/accounts/create-staff-account.js';
import type { TTenant } from '../../src/tenancy/tenant.js';
import { companyForm, samplePdf, VALID } from '../helpers/companies.js';
import { outboxTo } from '../helpers/http-client.js';
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
 * Seed 000 end to end, by the guide's labels and buttons: REGISTRA DITTA, the e-mail with the receipt,
 * signing, REGISTRA TECNICO with "Invia Email di registrazione all'utente", the officer activates,
 * the technician logs in and must change the password. axe-core on every page.
 */
browserSuite(`ThermoNET guide in Chromium (${engineName})`, () => {
  let browser: Browser;
  let t: TBrowserApp;
  let tenant: TTenant;
  let pdfPath: string;

  before(async () => {
    [browser, t] = await Promise.all([launchChromium(), startBrowserApp()]);
    tenant = await createTestTenant(t.tdb.db);
    pdfPath = join(mkdtempSync(join(tmpdir(), 'focolare-')), 'visura.pdf');
    writeFileSync(pdfPath, await samplePdf('Visura camerale'));
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  /** The control labelled exactly `label` (required asterisk aside) inside the fieldset named `legend`. */
  const inGroup = (page: Page | Locator, legend: string, label: string) =>
    page
      .getByRole('group', { name: legend, exact: true })
      .getByLabel(new RegExp(`^${escapeRegExp(label)}(\\s*\\*)?$`));

  const lastMail = (to: string) => outboxTo(t.tdb.db, tenant, to).executeTakeFirstOrThrow();

  async function logIn(page: Page, username: string, password: string) {
    await page.goto(t.url(tenant.slug, '/accesso'));
    await field(page, 'Nome Utente').fill(username);
    await field(page, 'Password').fill(password);
    await page.getByRole('button', { name: 'Accedi', exact: true }).click();
  }

  test('register a company, sign, register a technician, officer activates, first access', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const data = companyForm({ vat_number: VALID.vatNumbers[3]!, company_tax_code: '' });

    // 1.2 — the home page, section DITTE MANUTENTRICI, button REGISTRA DITTA.
    await page.goto(t.url(tenant.slug));
    await assertAccessible(page, 'home');
    await page.getByRole('link', { name: 'REGISTRA DITTA' }).click();
    await page.waitForURL('**/ditte/registra');
    await assertAccessible(page, 'registrazione ditta');

    // 1.3 — the form, grouped as in the guide.
    const sottoscritto = 'Il sottoscritto';
    await inGroup(page, sottoscritto, 'Cognome e Nome').fill(data.lr_full_name!);
    await inGroup(page, sottoscritto, 'Codice Fiscale').fill(data.lr_tax_code!);
    await inGroup(page, sottoscritto, 'Email').fill(data.lr_email!);
    await inGroup(page, sottoscritto, 'Conferma Email').fill(data.lr_email!);
    const ditta = 'in qualità di Rappresentante Legale della Ditta';
    await inGroup(page, ditta, 'Ragione Sociale').fill(data.business_name!);
    await inGroup(page, ditta, 'Partita IVA').fill(data.vat_number!);
    await field(page, 'Email Ditta').fill(data.company_email!);
    await field(page, 'PEC').fill(data.pec!);
    await field(page, 'Comune').fill(data.municipality!);
    await field(page, 'CAP').fill(data.cap!);
    await field(page, 'Via').fill(data.street!);
    await field(page, 'Civico').fill(data.street_number!);
    await field(page, 'Telefono').fill(data.phone!);
    await field(page, 'N. registro imprese (CCIAA)').fill(data.cciaa_number!);
    await field(page, 'Comune Registro Imprese').fill(data.cciaa_municipality!);
    await field(page, 'Numero REA (sede legale)').fill(data.rea_number!);
    await field(page, 'Comune REA (sede legale)').fill(data.rea_municipality!);
    await field(page, 'Data Inizio Attività (gg/mm/aaaa)').fill(data.activity_start_date!);
    await field(page, 'Certificato Camera di Commercio').setInputFiles(pdfPath);
    for (const cert of [
      'Rif. DM 37/08 (art. 1 c. 2 lett. c)',
      'Rif. DM 37/08 (art. 1 c. 2 lett. c-e)',
      'Rif. DPR 146/2018 (art. 8)',
      'Patentino per Impianti > 232kW',
      'Patentino per Impianti > 350kW',
      'DURC',
      'Polizza Assicurativa',
    ]) {
      await inGroup(page, cert, 'Data riferimento').fill('01/01/2024');
      await inGroup(page, cert, 'Data scadenza').fill('31/12/2027');
      if (cert === 'Rif. DPR 146/2018 (art. 8)')
        await inGroup(page, cert, 'Data scadenza ultima verifica').fill('30/06/2027');
    }
    await tick(page.getByLabel(/Accetto le condizioni/));
    await page.getByRole('button', { name: 'Registra', exact: true }).click();
    await page.getByText('La registrazione è stata inviata con successo.').waitFor();
    await assertAccessible(page, 'registrazione inviata');

    // 1.4 — the e-mail with the receipt attached and the link to sign.
    const mail = await lastMail(data.lr_email!);
    assert.equal(mail.attachments[0]?.contentType, 'application/pdf');
    const signLink = /(http\S+\/ditte\/firma\?token=\S+)/.exec(mail.text_body)![1]!;
    await page.goto(signLink);
    await assertAccessible(page, 'firma autodichiarazione');
    await page.getByRole('button', { name: 'Firma e conferma la registrazione' }).click();
    await page.getByText('Autodichiarazione firmata: registrazione confermata.').waitFor();

    // The officer activates the company.
    await createStaffAccount(
      t.deps,
      tenant,
      {
        username: 'operatore',
        email: 'op@example.org',
        fullName: 'Olga Operatrice',
        initialPassword: 'Operatrice-1',
        role: 'officer',
        mustChangePassword: false,
      },
      { id: null, label: 'test', ip: null },
    );
    const officer = await (await browser.newContext()).newPage();
    await logIn(officer, 'operatore', 'Operatrice-1');
    await officer.goto(t.url(tenant.slug, '/ufficio/ditte'));
    await assertAccessible(officer, 'coda ditte');
    await officer
      .getByRole('link', { name: new RegExp(escapeRegExp(data.business_name!)) })
      .first()
      .click();
    await assertAccessible(officer, 'scheda ditta');
    await officer
      .getByRole('button', { name: /^Attiva/ })
      .first()
      .click();
    await officer.getByText(/Decisione registrata: la ditta .* è ora «Attiva»/).waitFor();

    // 2.1–2.2 — REGISTRA TECNICO, with "Invia Email di registrazione all'utente".
    await page.goto(t.url(tenant.slug));
    await page.getByRole('link', { name: 'REGISTRA TECNICO' }).click();
    await assertAccessible(page, 'registrazione tecnico');
    await inGroup(page, 'Il sottoscritto', 'Cognome e Nome').fill(data.lr_full_name!);
    await inGroup(page, 'Il sottoscritto', 'Codice Fiscale').fill(data.lr_tax_code!);
    const select = field(page, 'Selezionare la ditta di appartenenza');
    const option = select.locator('option', { hasText: data.business_name! });
    await select.selectOption((await option.getAttribute('value'))!);
    const dip = 'DICHIARA per il dipendente';
    await inGroup(page, dip, 'Cognome e Nome').fill('Bianchi Lucia');
    await inGroup(page, dip, 'Codice Fiscale').fill('BNCLCU85M41F205T');
    await field(page, 'Email Utente').fill('lucia.bianchi@example.org');
    await field(page, 'Conferma Email').fill('lucia.bianchi@example.org');
    await tick(page.getByRole('radio', { name: 'Tecnico', exact: true }));
    await tick(page.getByRole('radio', { name: 'Privato', exact: true }));
    await inGroup(page, 'Rif. DPR 146/2018 (art. 7)', 'Data riferimento').fill('01/01/2024');
    await inGroup(page, 'Rif. DPR 146/2018 (art. 7)', 'Data scadenza').fill('31/12/2027');
    await inGroup(page, 'Rif. DPR 146/2018 (art. 7)', 'Data scadenza ultima verifica').fill('30/06/2027');
    await inGroup(page, 'Taratura Strumento', 'Data riferimento').fill('01/01/2025');
    await inGroup(page, 'Taratura Strumento', 'Data scadenza').fill('01/01/2027');
    await field(page, 'Nome Utente').fill('lbianchi');
    await field(page, 'Password').fill('tecnico1');
    await field(page, 'Conferma Password').fill('tecnico1');
    await tick(page.getByLabel(/Invia Email di registrazione all'utente/));
    await tick(page.getByLabel(/Accetto le condizioni/));
    await page.getByRole('button', { name: 'Registra', exact: true }).click();
    await page.getByText(/PER L'ATTIVAZIONE CONTATTARE L'AUTORITÀ COMPETENTE ALL'INDIRIZZO E-MAIL/).waitFor();
    await assertAccessible(page, 'tecnico registrato');
    const userMail = await lastMail('lucia.bianchi@example.org');
    assert.match(userMail.text_body, /lbianchi/);
    assert.doesNotMatch(userMail.text_body, /tecnico1/);

    // Not active yet: the technician cannot log in.
    const tech = await (await browser.newContext()).newPage();
    await logIn(tech, 'lbianchi', 'tecnico1');
    await tech
      .getByText(/non è ancora stato attivato/)
      .first()
      .waitFor();

    // The officer activates the technician.
    await officer.goto(t.url(tenant.slug, '/ufficio/personale'));
    await assertAccessible(officer, 'coda personale');
    await officer
      .getByRole('link', { name: /Bianchi Lucia/ })
      .first()
      .click();
    await assertAccessible(officer, 'scheda personale');
    await officer
      .getByRole('button', { name: /^Attiva/ })
      .first()
      .click();
    await officer.getByText(/Decisione registrata: Bianchi Lucia è ora «Attivo»/).waitFor();

    // 3 — first access: login, forced password change, then the home page of the role.
    await logIn(tech, 'lbianchi', 'tecnico1');
    await tech.waitForURL('**/password/cambio');
    await assertAccessible(tech, 'cambio password al primo accesso');
    await field(tech, 'Password attuale').fill('tecnico1');
    await field(tech, 'Nuova password').fill('nuova-pass-1');
    await field(tech, 'Conferma nuova password').fill('nuova-pass-1');
    await tech.getByRole('button', { name: 'Cambia password' }).click();
    await tech.waitForURL('**/area-riservata');
    await tech.getByText('Firmare i rapporti di controllo (RCEE)').waitFor();
    await assertAccessible(tech, 'area riservata del tecnico');
  });
});
