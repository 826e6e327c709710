import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { TTenant } from '../../src/tenancy/tenant.js';
import { exampleApplicationValues } from '../fixtures/grants/example-application.js';
import { insertCompleteDraft, loggedInCitizen, openPugliaCall } from '../helpers/grants.js';
import { closeTestApp, createTestTenant, openTestApp, type TTestApp } from '../helpers/test-app.js';
import type { TTestDatabase } from '../helpers/test-db.js';

const engine = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite';

describe(`grants: "Invia" under more load than it can take (${engine})`, () => {
  let tdb: TTestDatabase;
  let t: TTestApp;
  let tenant: TTenant;
  before(async () => {
    // One submission in flight per instance, so the test can fill the gate by hand.
    ({ tdb, t } = await openTestApp({ RATE_LIMIT_PER_MINUTE: '1000', GRANT_INTAKE_MAX_IN_FLIGHT: '1' }));
    tenant = await createTestTenant(t.deps.db);
  });
  after(() => closeTestApp(t, tdb));

  test('a full gate answers 503 with Retry-After at once and stores nothing; a retry is acknowledged', async () => {
    const callId = await openPugliaCall(t.deps.db, tenant.id, t.clock.now());
    const citizen = await loggedInCitizen(t, tenant, 'ressa');
    const id = await insertCompleteDraft(
      t.deps.db,
      tenant.id,
      callId,
      citizen.userId,
      exampleApplicationValues(500),
    );
    await citizen.c.get(`/domande/${id}/riepilogo`); // the page with the form (and its CSRF token)

    assert.equal(t.app.grantIntake.tryEnter(), true); // another submission is in flight
    const busy = await citizen.c.post(`/domande/${id}/invia`, {});
    assert.equal(busy.statusCode, 503);
    assert.equal(busy.headers['retry-after'], '2');
    assert.equal(busy.headers['cache-control'], 'no-store');
    assert.match(busy.body, /non è stata ancora inviata/);
    const row = await t.deps.db
      .selectFrom('grant_applications')
      .select(['protocol'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(row.protocol, null, 'nothing acknowledged, nothing stored');
    t.app.grantIntake.leave();
    await citizen.c.get(`/domande/${id}/riepilogo`); // back to the form, as the busy page says

    // Every answered request leaves the gate: three in a row are all admitted with a gate of one.
    for (let i = 0; i < 3; i++) {
      if (i > 0) await citizen.c.get(`/domande/${id}?inviata=1`);
      const res = await citizen.c.post(`/domande/${id}/invia`, {});
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, `/domande/${id}?inviata=1`);
    }
    const stored = await t.deps.db
      .selectFrom('grant_applications')
      .select(['protocol'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.match(stored.protocol ?? '', /^BIO24-\d{7}$/);
  });
});
