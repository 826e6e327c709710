import assert from 'node:assert/strict';
import { accessSync, constants } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { describe, test } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { buildTestApp, type TTestApp } from '../helpers/test-app.js';
import { createTestDatabase, type TTestDatabase } from '../helpers/test-db.js';
import { createServer } from 'node:net';

/**
 * Browser tests drive the real pages in the Debian Chromium (`apt-get install chromium`) through
 * playwright-core: no browser is downloaded. Without Chromium the suite is skipped with the reason,
 * unless FOCOLARE_REQUIRE_BROWSER=1 (CI), where a missing browser is a failure.
 */

/** CHROMIUM_PATH, when set, is the only place looked at (set it to a missing file to try the skip). */
const CANDIDATES = process.env.CHROMIUM_PATH
  ? [process.env.CHROMIUM_PATH]
  : ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

function findChromium(): string | undefined {
  for (const path of CANDIDATES) {
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // not here
    }
  }
  return undefined;
}

export const chromiumPath = findChromium();
const requireBrowser = process.env.FOCOLARE_REQUIRE_BROWSER === '1';
const missingReason = `Chromium non trovato (${CANDIDATES.join(', ')}): installalo con \`apt-get install -y chromium\` per eseguire i test del browser`;

export const engineName = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite';

/**
 * A describe() that runs only when Chromium is there: otherwise it is skipped with the reason, or,
 * with FOCOLARE_REQUIRE_BROWSER=1, replaced by a failing test that says what is missing.
 */
export function browserSuite(name: string, fn: () => void): void {
  if (chromiumPath) {
    describe(name, fn);
  } else if (requireBrowser) {
    describe(name, () => {
      test('Chromium è disponibile', () => {
        assert.fail(`${missingReason} (FOCOLARE_REQUIRE_BROWSER=1)`);
      });
    });
  } else {
    // A skipped test (not only a skipped suite), so that the run's summary counts it as skipped.
    describe(name, () => {
      test('Chromium è disponibile', { skip: missingReason }, () => {});
    });
  }
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath!,
    timeout: 60_000,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

export type TBrowserApp = TTestApp & {
  tdb: TTestDatabase;
  port: number;
  /** http://<slug>.localhost:<port><path>: Chromium resolves *.localhost to the loopback. */
  url: (slug: string, path?: string) => string;
  close: () => Promise<void>;
};

/** The real application on a free loopback port, on the engine the run asks for (PGlite or PostgreSQL). */
export async function startBrowserApp(): Promise<TBrowserApp> {
  const tdb = await createTestDatabase();
  // E-mailed links are built from BASE_DOMAIN (never from the Host header): take a free port first.
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as AddressInfo).port;
  await new Promise((resolve) => probe.close(resolve));
  const t = await buildTestApp(tdb.db, { BASE_DOMAIN: `localhost:${port}` });
  await t.app.listen({ port, host: '127.0.0.1' });
  return {
    ...t,
    tdb,
    port,
    url: (slug, path = '/') => `http://${slug}.localhost:${port}${path}`,
    close: async () => {
      await t.app.close();
      await tdb.close();
    },
  };
}

export const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The form control whose label reads exactly `text` (the required-field asterisk aside), so that
 * "Email" does not also match "Conferma Email".
 */
export function field(page: Page, text: string): Locator {
  return page.getByLabel(new RegExp(`^${escapeRegExp(text)}(\\s*\\*)?$`));
}

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Runs axe-core (WCAG 2.1 A and AA) on the page as it is now and fails with a readable list. */
export async function assertAccessible(page: Page, name: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const lines = results.violations.flatMap((v) => [
    `- ${v.id} (${v.impact ?? 'n/d'}): ${v.help} — ${v.helpUrl}`,
    ...v.nodes.map((n) => `    ${n.target.join(' ')}: ${n.failureSummary?.replace(/\s+/g, ' ') ?? ''}`),
  ]);
  assert.equal(
    results.violations.length,
    0,
    `Violazioni di accessibilità su "${name}" (${page.url()}):\n${lines.join('\n')}`,
  );
}

/** The id of the element that has the focus. */
export function activeElementId(page: Page): Promise<string> {
  // A string expression: the project's TypeScript settings carry no DOM types.
  return page.evaluate<string>('document.activeElement ? document.activeElement.id : ""');
}

/**
 * Ticks a checkbox or radio as a keyboard user does (focus, Space): Bootstrap Italia draws the box on
 * the label, so a pointer click on the hidden input is unreliable. Fails if the control stays unticked.
 */
export async function tick(control: Locator): Promise<void> {
  if (await control.isChecked()) return;
  await control.focus();
  await control.press('Space');
  if (!(await control.isChecked())) throw new Error('the control could not be ticked with the keyboard');
}
