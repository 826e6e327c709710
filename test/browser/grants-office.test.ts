import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { createStaffAccount } from '../../src/modules/accounts/create-staff-account.js';
import { submitApplication } from '../../src/modules/grants/application/submit-application.js';
import { allocateCall } from '../../src/modules/grants/funding/allocate-funds.js';
import type { TTenant } from '../../src/tenancy/tenant.js';
import { exampleApplicationValues } from '../fixtures/grants/example-application.js';
import { insertCitizen, insertCompleteDraft, openPugliaCall } from '../helpers/grants.js';
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

/**
 * Seed 003 from the office: the administrator's call form, the officers' queue in arrival order, an
 * application with its checklist, a rejection citing a cause of section 6, and the waiting application
 * funded in its place. axe-core (WCAG 2.1 AA) on every page.
 */
browserSuite(`grants in the back office, in Chromium (${engineName})`, () => {
  let browser: Browser;
  let t: TBrowserApp;
  let tenant: TTenant;
  const protocols: string[] = [];

  before(async () => {
    [browser, t] = await Promise.all([launchChromium(), startBrowserApp()]);
    tenant = await createTestTenant(t.tdb.db);
    const now = t.clock.now();
    // 2.500,00 € each; 2.500,00 € of budget: the first is funded, the second waits.
    const callId = await openPugliaCall(t.tdb.db, tenant.id, now, {
      code: 'sportello',
      budgetCents: 250_000,
    });
    for (const n of [41, 42]) {
      const user = await insertCitizen(t.tdb.db, tenant.id, n);
      const id = await insertCompleteDraft(t.tdb.db, tenant.id, callId, user, exampleApplicationValues(n));
      const r = await submitApplication(t.tdb.db, {
        tenantId: tenant.id,
        userId: user,
        applicationId: id,
        now,
      });
      protocols.push(r.application.protocol!);
    }
    await allocateCall(t.tdb.db, tenant.id, callId, now);
    for (const [username, role] of [
      ['operatrice', 'officer'],
      ['amministratrice', 'tenant_admin'],
    ] as const) {
      await createStaffAccount(
        t.deps,
        tenant,
        {
          username,
          email: `${username}@example.org`,
          fullName: username,
          initialPassword: 'Ufficio-123',
          role,
          mustChangePassword: false,
        },
        { id: null, label: 'test', ip: null },
      );
    }
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  async function logIn(username: string): Promise<Page> {
    const page = await (await browser.newContext()).newPage();
    await page.goto(t.url(tenant.slug, '/accesso'));
    await field(page, 'Nome Utente').fill(username);
    await field(page, 'Password').fill('Ufficio-123');
    await page.getByRole('button', { name: 'Accedi', exact: true }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/accesso'));
    return page;
  }

  test('the officer rejects the funded application citing a cause; the waiting one gets the money', async () => {
    const page = await logIn('operatrice');
    await page.getByRole('link', { name: 'Domande di contributo' }).first().click();
    await page.getByRole('heading', { level: 1 }).waitFor();
    await assertAccessible(page, 'bandi (ufficio)');
    await page.getByRole('link', { name: /Avviso pubblico/ }).click();
    await assertAccessible(page, 'coda delle domande');
    // Arrival order: the first protocol comes first.
    const body = await page.locator('tbody').innerText();
    assert.ok(body.indexOf(protocols[0]!) < body.indexOf(protocols[1]!), 'queue in arrival order');
    assert.match(body, /In lista d'attesa/);

    await page.getByRole('link', { name: protocols[0]! }).click();
    await page.getByRole('heading', { name: "Esito dell'istruttoria" }).waitFor();
    await assertAccessible(page, 'domanda (ufficio)');
    await tick(page.getByLabel(/^2\. La mancanza anche di uno solo dei documenti/));
    await page.getByLabel(/^Motivazione o nota/).fill('Manca la scheda contratto GSE leggibile.');
    await page.getByRole('button', { name: 'Non ammettere' }).click();
    await page
      .getByText(/Non ammessa/)
      .first()
      .waitFor();
    await assertAccessible(page, 'domanda non ammessa');

    // The money went to the second application, in arrival order.
    await page.goto(t.url(tenant.slug, '/bandi/sportello'));
    const residui = await page.locator('#fondi-residui').innerText();
    assert.equal(residui.trim(), '0,00 €');
    const funded = await t.tdb.db
      .selectFrom('grant_applications')
      .select(['protocol', 'funding'])
      .where('tenant_id', '=', tenant.id)
      .orderBy('arrival_seq')
      .execute();
    assert.deepEqual(
      funded.map((a) => a.funding),
      ['released', 'reserved'],
    );
  });

  test('the administrator edits a call on an accessible form', async () => {
    const page = await logIn('amministratrice');
    await page.goto(t.url(tenant.slug, '/amministrazione/bandi'));
    await assertAccessible(page, 'bandi (amministrazione)');
    await page
      .getByRole('link', { name: /Avviso pubblico/ })
      .first()
      .click();
    await assertAccessible(page, 'modifica bando');
    await field(page, 'Dotazione finanziaria (€)').fill('1,00');
    await page.getByRole('button', { name: 'Salva il bando' }).click();
    // Below what is reserved: refused, the field named and the typed value kept.
    await page.getByRole('link', { name: /fondi già prenotati/ }).waitFor();
    assert.equal(await field(page, 'Dotazione finanziaria (€)').inputValue(), '1,00');
    await assertAccessible(page, 'modifica bando con errore');
  });
});
