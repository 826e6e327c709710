import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { createStaffAccount } from '../../src/modules/accounts/create-staff-account.js';
import type { TTenant } from '../../src/tenancy/tenant.js';
import { answerCheckQuestion } from '../helpers/check-code.js';
import { lastMailTo } from '../helpers/http-client.js';
import { createTestTenant } from '../helpers/test-app.js';
import {
  activeElementId,
  assertAccessible,
  browserSuite,
  engineName,
  field,
  launchChromium,
  startBrowserApp,
  tick,
  type TBrowserApp,
} from './helpers.js';

browserSuite(`accounts in Chromium (${engineName})`, () => {
  let browser: Browser;
  let t: TBrowserApp;
  let tenant: TTenant;

  before(async () => {
    [browser, t] = await Promise.all([launchChromium(), startBrowserApp()]);
    tenant = await createTestTenant(t.tdb.db);
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  /** Fills the registration form, the check code aside. */
  async function fillRegistration(
    page: Page,
    who: { name: string; email: string; username: string; password: string },
  ) {
    await field(page, 'Nome e cognome').fill(who.name);
    await field(page, 'Email').fill(who.email);
    await field(page, 'Conferma Email').fill(who.email);
    await field(page, 'Nome Utente').fill(who.username);
    await field(page, 'Password').fill(who.password);
    await field(page, 'Conferma Password').fill(who.password);
    // Bootstrap Italia draws the box with the label over the input: the click lands on it, as a person's would.
    await tick(page.getByLabel(/Accetto le condizioni/));
  }

  /** Reads the 6-digit code e-mailed to `email` and enters it on the verification page. */
  async function enterEmailedCode(page: Page, email: string) {
    await page.waitForURL('**/registrazione/verifica');
    const mail = await lastMailTo(t.tdb.db, email);
    assert.ok(mail?.code, `nessun codice nella posta in uscita per ${email}`);
    await field(page, 'Codice di verifica').fill(mail.code);
    await page.getByRole('button', { name: 'Verifica', exact: true }).click();
    await page.waitForURL('**/accesso');
  }

  test('register → e-mailed code → login → reserved area → profile → logout, every page accessible', async () => {
    const context = await browser.newContext();
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    try {
      await page.goto(t.url(tenant.slug, '/'));
      await assertAccessible(page, 'home');
      await page.getByRole('link', { name: 'Registrati al portale' }).click();
      await page.waitForURL('**/registrazione');
      await assertAccessible(page, 'registrazione');

      await fillRegistration(page, {
        name: 'Mario Rossi',
        email: 'mario@example.org',
        username: 'mrossi',
        password: 'segreto1',
      });
      // The page's own script solves the check code (proof of work) and hides the question.
      await page.getByText('Verifica automatica completata').waitFor();
      await page.getByRole('button', { name: 'Registra' }).click();

      await page.waitForURL('**/registrazione/verifica');
      await assertAccessible(page, 'verifica e-mail');
      await enterEmailedCode(page, 'mario@example.org');
      await page.getByText('Indirizzo e-mail verificato').waitFor();
      await assertAccessible(page, 'accesso');

      await field(page, 'Nome Utente').fill('mrossi');
      await field(page, 'Password').fill('segreto1');
      await page.getByRole('button', { name: 'Accedi', exact: true }).click();
      await page.waitForURL('**/area-riservata');
      await page.getByRole('heading', { name: 'Area riservata', level: 1 }).waitFor();
      await page.getByText('Benvenuto, Mario Rossi').waitFor();
      await assertAccessible(page, 'area riservata');

      await page.getByRole('link', { name: 'Vai al profilo' }).click();
      await page.waitForURL('**/profilo');
      assert.equal(await field(page, 'Email').inputValue(), 'mario@example.org');
      await assertAccessible(page, 'profilo');

      await page.getByRole('button', { name: 'Esci' }).click();
      await page.getByText("Sei uscito dall'area riservata.").waitFor();
      await assertAccessible(page, 'home dopo l’uscita');
      await page.goto(t.url(tenant.slug, '/area-riservata'));
      await page.waitForURL('**/accesso?next=*');
    } finally {
      await context.close();
    }
  });

  test('empty registration → error summary whose links move the focus; typed values are kept', async () => {
    const context = await browser.newContext();
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    try {
      // The first page comes without its script, so the check code is left unanswered too; the page
      // with the errors has the script again, which solves the new check code and hides the question.
      await page.route('**/static/app/js/**', (route) => route.abort(), { times: 1 });
      await page.goto(t.url(tenant.slug, '/registrazione'));
      await page.getByRole('button', { name: 'Registra' }).click();

      const summary = page.locator('#error-summary');
      await summary.waitFor();
      await page.getByText('Verifica automatica completata').waitFor();
      assert.match((await summary.getByRole('heading').textContent()) ?? '', /Il modulo contiene \d+ errori/);
      // The summary is the first thing in the main content, and has the focus.
      assert.equal(await activeElementId(page), 'error-summary');
      await assertAccessible(page, 'registrazione con riepilogo degli errori');

      const hrefs: string[] = [];
      for (const link of await summary.getByRole('link').all())
        hrefs.push((await link.getAttribute('href')) ?? '');
      for (const name of [
        'full_name',
        'email',
        'email_confirm',
        'username',
        'password',
        'password_confirm',
        'privacy',
        'check_answer',
      ]) {
        assert.ok(
          hrefs.includes(`#f-${name}`),
          `il riepilogo non rimanda al campo ${name}: ${hrefs.join(', ')}`,
        );
      }
      for (const href of hrefs) {
        const target = href.slice(1);
        await summary.locator(`a[href="${href}"]`).click();
        if (await page.locator(`#${target}`).isHidden()) {
          // The check question, hidden once the page's script has solved the check code: the focus goes
          // to the check-code box, which says so.
          assert.ok(
            await page.evaluate<boolean>('document.activeElement.matches("fieldset.check-code")'),
            `il collegamento ${href} non porta il focus sul riquadro del codice di controllo`,
          );
        } else {
          assert.equal(
            await activeElementId(page),
            target,
            `il collegamento ${href} non porta il focus sul campo`,
          );
        }
      }

      // Everything right but the repeated e-mail: what was typed comes back, passwords do not.
      await field(page, 'Nome e cognome').fill('Giulia Bianchi');
      await field(page, 'Email').fill('giulia@example.org');
      await field(page, 'Conferma Email').fill('giulia@example.net');
      await field(page, 'Nome Utente').fill('gbianchi');
      await field(page, 'Password').fill('segreto1');
      await field(page, 'Conferma Password').fill('segreto1');
      await tick(page.getByLabel(/Accetto le condizioni/));
      await page.getByRole('button', { name: 'Registra' }).click();
      await summary.getByRole('link', { name: 'Conferma Email: Le due e-mail non coincidono.' }).waitFor();
      assert.equal(await summary.getByRole('link').count(), 1, 'solo l’errore rimasto');
      assert.equal(await field(page, 'Nome e cognome').inputValue(), 'Giulia Bianchi');
      assert.equal(await field(page, 'Email').inputValue(), 'giulia@example.org');
      assert.equal(await field(page, 'Conferma Email').inputValue(), 'giulia@example.net');
      assert.equal(await field(page, 'Nome Utente').inputValue(), 'gbianchi');
      assert.equal(await field(page, 'Password').inputValue(), '', 'la password non torna nella pagina');
      assert.equal(await field(page, 'Conferma Password').inputValue(), '');
      assert.ok(await page.getByLabel(/Accetto le condizioni/).isChecked(), 'la casella resta spuntata');
      assert.equal(await field(page, 'Conferma Email').getAttribute('aria-invalid'), 'true');
      await assertAccessible(page, 'registrazione con valori mantenuti');
    } finally {
      await context.close();
    }
  });

  test('password recovery, privacy, accessibility statement and a missing page are accessible', async () => {
    const context = await browser.newContext();
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    try {
      await page.goto(t.url(tenant.slug, '/accesso'));
      await page.getByRole('link', { name: 'Password dimenticata?' }).click();
      await page.waitForURL('**/password/recupero');
      await page.getByRole('heading', { name: 'Password dimenticata', level: 1 }).waitFor();
      await assertAccessible(page, 'password recupero');

      await page.goto(t.url(tenant.slug, '/privacy'));
      await assertAccessible(page, 'informativa sulla privacy');
      await page.goto(t.url(tenant.slug, '/dichiarazione-accessibilita'));
      await assertAccessible(page, 'dichiarazione di accessibilità');

      const res = await page.goto(t.url(tenant.slug, '/pagina-che-non-esiste'));
      assert.equal(res?.status(), 404);
      await page.getByRole('heading', { name: 'Pagina non trovata', level: 1 }).waitFor();
      await assertAccessible(page, 'pagina non trovata');

      // A host that names no tenant: the plain page, without the layout.
      const none = await page.goto(t.url('nessuno', '/'));
      assert.equal(none?.status(), 404);
      await page.getByText('L\'ente "nessuno" non è servito da questo portale.').waitFor();
      await assertAccessible(page, 'ente sconosciuto');
    } finally {
      await context.close();
    }
  });

  test('the check-code question and the error summary, as shown without the page script, are accessible', async () => {
    // axe-core needs JavaScript to run, so here only the page's own script is blocked.
    const context = await browser.newContext();
    context.setDefaultTimeout(15_000);
    await context.route('**/static/app/js/**', (route) => route.abort());
    const page = await context.newPage();
    try {
      await page.goto(t.url(tenant.slug, '/registrazione'));
      await page.getByLabel(/^Quanto fa /).waitFor();
      await assertAccessible(page, 'registrazione senza script');
      await page.getByRole('button', { name: 'Registra' }).click();
      await page
        .locator('#error-summary')
        .getByRole('link', { name: /^Codice di controllo:/ })
        .waitFor();
      await assertAccessible(page, 'riepilogo degli errori senza script');
      // Without the script the browser follows the link to the field by itself.
      await page
        .locator('#error-summary')
        .getByRole('link', { name: /^Nome Utente:/ })
        .click();
      assert.equal(await activeElementId(page), 'f-username');
    } finally {
      await context.close();
    }
  });

  test('without JavaScript: log in with a staff account, and register answering the check question', async () => {
    await createStaffAccount(
      t.deps,
      tenant,
      {
        username: 'operatore.prova',
        email: 'operatore@example.org',
        fullName: 'Oscar Operatore',
        initialPassword: 'Prova-Operatore-2026!',
        role: 'officer',
        mustChangePassword: false,
      },
      { id: null, label: 'test', ip: null },
    );
    const context = await browser.newContext({ javaScriptEnabled: false });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    try {
      await page.goto(t.url(tenant.slug, '/accesso'));
      await field(page, 'Nome Utente').fill('operatore.prova');
      await field(page, 'Password').fill('Prova-Operatore-2026!');
      await page.getByRole('button', { name: 'Accedi', exact: true }).click();
      await page.waitForURL('**/area-riservata');
      await page.getByText('Benvenuto, Oscar Operatore').waitFor();
      await page.getByRole('button', { name: 'Esci' }).click();
      await page.getByText("Sei uscito dall'area riservata.").waitFor();

      await page.getByRole('link', { name: 'Registrati al portale' }).click();
      await page.waitForURL('**/registrazione');
      await fillRegistration(page, {
        name: 'Lucia Verdi',
        email: 'lucia@example.org',
        username: 'lverdi',
        password: 'segreto2',
      });
      const question = page.getByLabel(/^Quanto fa /);
      await question.fill(
        answerCheckQuestion((await page.locator('label[for="f-check_answer"]').textContent()) ?? ''),
      );
      await page.getByRole('button', { name: 'Registra' }).click();
      await enterEmailedCode(page, 'lucia@example.org');

      await field(page, 'Nome Utente').fill('lverdi');
      await field(page, 'Password').fill('segreto2');
      await page.getByRole('button', { name: 'Accedi', exact: true }).click();
      await page.waitForURL('**/area-riservata');
      await page.getByText('Benvenuto, Lucia Verdi').waitFor();
    } finally {
      await context.close();
    }
  });
});
