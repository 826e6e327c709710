import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { insertUser } from '../../src/modules/accounts/users.js';
import { decode } from '../helpers/html.js';
import { TestClient } from '../helpers/http-client.js';
import { closeTestApp, createTestTenant, openTestApp, type TTestApp } from '../helpers/test-app.js';
import type { TTestDatabase } from '../helpers/test-db.js';

const textOf = (html: string) =>
  decode(html.replace(/<[^>]*>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();

/**
 * Every way a page leads elsewhere: its links, and the buttons of its GET forms (a form that only navigates
 * is a link to the user), each with its visible text and where it goes.
 */
function linksOf(html: string): Array<{ text: string; href: string }> {
  const anchors = [...html.matchAll(/<a\b[^>]*\bhref="([^"]*)"[^>]*>([\s\S]*?)<\/a>/g)].map((m) => ({
    href: decode(m[1]!),
    text: textOf(m[2]!),
  }));
  const getForms = [
    ...html.matchAll(/<form\b(?=[^>]*\bmethod="get")[^>]*\baction="([^"]*)"[^>]*>([\s\S]*?)<\/form>/gi),
  ].flatMap((f) =>
    [...f[2]!.matchAll(/<button\b[^>]*>([\s\S]*?)<\/button>/g)].map((b) => ({
      href: decode(f[1]!),
      text: textOf(b[1]!),
    })),
  );
  return [...anchors, ...getForms];
}

/**
 * Texts that lead to more than one place, compared as a reader does: without regard to case or to a final
 * punctuation mark ("Password dimenticata" and "Password dimenticata?" are the same words).
 */
function ambiguousLinks(html: string): string[] {
  const places = new Map<string, Set<string>>();
  for (const { text, href } of linksOf(html)) {
    const key = text.toLowerCase().replace(/[\s?!.:]+$/, '');
    if (key) places.set(key, (places.get(key) ?? new Set()).add(href));
  }
  return [...places]
    .filter(([, hrefs]) => hrefs.size > 1)
    .map(([t, hrefs]) => `${t} → ${[...hrefs].join(', ')}`);
}

describe(`home page (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  let tdb: TTestDatabase;
  let t: TTestApp;
  before(async () => {
    ({ tdb, t } = await openTestApp());
  });
  after(() => closeTestApp(t, tdb));

  test('no two links with the same text lead to different places on the home page', async () => {
    const tenant = await createTestTenant(tdb.db);
    const visitor = new TestClient(t.app, `${tenant.slug}.localhost`);
    const home = await visitor.get('/');
    assert.equal(home.statusCode, 200);
    assert.deepEqual(ambiguousLinks(home.body), []);
    // The two sign-ups and the two recoveries are both there, under different names.
    const links = linksOf(home.body);
    const to = (href: string) => links.filter((l) => l.href === href).map((l) => l.text);
    assert.deepEqual(to('/area-clienti/crea-account'), ['crea account']);
    assert.deepEqual(to('/area-clienti/password-dimenticata'), ['Password dimenticata']);
    assert.deepEqual(to('/registrazione'), ['Registrati al portale']);
    assert.deepEqual(to('/password/recupero'), ['Password del portale dimenticata?']);

    // Signed in, too.
    await insertUser(tdb.db, tenant.id, {
      username: 'mrossi',
      email: 'mario@example.org',
      fullName: 'Mario Rossi',
      passwordHash: await t.deps.hasher.hash('segreto1'),
      role: 'citizen',
      status: 'active',
      mustChangePassword: false,
      emailVerified: true,
    });
    const citizen = new TestClient(t.app, `${tenant.slug}.localhost`);
    await citizen.get('/accesso');
    assert.equal((await citizen.post('/accesso', { login: 'mrossi', password: 'segreto1' })).statusCode, 303);
    assert.deepEqual(ambiguousLinks((await citizen.get('/')).body), []);
  });

  test('each entry of the home page says whom it is for', async () => {
    const tenant = await createTestTenant(tdb.db);
    const page = decode((await new TestClient(t.app, `${tenant.slug}.localhost`).get('/')).body);
    assert.match(page, /Per i clienti dell'ente \(utenze private e con partita IVA\)/);
    assert.match(page, /Per i cittadini che presentano domande di contributo/);
    assert.match(page, /Hai già un account del portale\? Vale anche qui/);
  });

  test('the login page reached from the document area offers that area\u2019s crea account and Password dimenticata', async () => {
    const tenant = await createTestTenant(tdb.db);
    const c = new TestClient(t.app, `${tenant.slug}.localhost`);
    const fromArea = linksOf((await c.get('/accesso?next=%2Farea-clienti%2Fassociazione')).body);
    assert.ok(fromArea.some((l) => l.text === 'crea account' && l.href === '/area-clienti/crea-account'));
    assert.ok(
      fromArea.some(
        (l) => l.text === 'Password dimenticata' && l.href === '/area-clienti/password-dimenticata',
      ),
    );
    const portal = linksOf((await c.get('/accesso')).body);
    assert.ok(portal.some((l) => l.text === 'Crea account' && l.href === '/registrazione'));
    assert.ok(portal.some((l) => l.text === 'Password dimenticata?' && l.href === '/password/recupero'));
  });
});
