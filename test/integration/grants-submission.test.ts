import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { getApplication } from '../../src/modules/grants/application/queries.js';
import {
  ApplicationIncompleteError,
  DuplicateApplicationError,
  submitApplication,
} from '../../src/modules/grants/application/submit-application.js';
import { callInputOf } from '../../src/modules/grants/calls/call.js';
import { budgetStatus, getCall } from '../../src/modules/grants/calls/queries.js';
import { updateCall } from '../../src/modules/grants/calls/update-call.js';
import { allocateCall } from '../../src/modules/grants/funding/allocate-funds.js';
import { releaseFunds } from '../../src/modules/grants/funding/release-funds.js';
import type { TTenant } from '../../src/tenancy/tenant.js';
import { exampleApplicationValues } from '../fixtures/grants/example-application.js';
import { TEST_ACTOR } from '../helpers/company-fixtures.js';
import { insertCitizen, insertCompleteDraft, openPugliaCall } from '../helpers/grants.js';
import { createTestTenant } from '../helpers/test-app.js';
import { createTestDatabase, type TTestDatabase } from '../helpers/test-db.js';

describe('grant submission and allocation in arrival order', () => {
  let tdb: TTestDatabase;
  let tenant: TTenant;
  const now = new Date('2024-11-05T09:00:00Z');

  before(async () => {
    tdb = await createTestDatabase();
    tenant = await createTestTenant(tdb.db);
  });
  after(async () => tdb.close());

  test('submitted applications are funded in order until the budget runs out; a rejection funds the first waiting one', async () => {
    // Each sample application asks 2.500,00 €; 7.000,00 € fund two, the third waits.
    const callId = await openPugliaCall(tdb.db, tenant.id, now, { budgetCents: 700_000 });
    const ids: string[] = [];
    for (let n = 0; n < 4; n++) {
      const user = await insertCitizen(tdb.db, tenant.id, n);
      const id = await insertCompleteDraft(tdb.db, tenant.id, callId, user, exampleApplicationValues(n));
      const r = await submitApplication(tdb.db, {
        tenantId: tenant.id,
        userId: user,
        applicationId: id,
        now,
      });
      assert.equal(r.alreadySubmitted, false);
      assert.match(r.application.protocol!, /^BIO24-\d{7}$/);
      assert.match(r.application.verificationCode!, /^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
      assert.equal(r.application.requestedCents, 250_000);
      // Repeating the submit returns the same receipt.
      const again = await submitApplication(tdb.db, {
        tenantId: tenant.id,
        userId: user,
        applicationId: id,
        now,
      });
      assert.equal(again.alreadySubmitted, true);
      assert.equal(again.application.protocol, r.application.protocol);
      ids.push(id);
    }
    const r = await allocateCall(tdb.db, tenant.id, callId, now);
    assert.deepEqual({ reserved: r.reserved, waiting: r.waiting }, { reserved: 2, waiting: 2 });
    const funding = async () =>
      Promise.all(ids.map(async (id) => (await getApplication(tdb.db, tenant.id, id)).funding));
    assert.deepEqual(await funding(), ['reserved', 'reserved', 'waiting', 'waiting']);
    const call = await getCall(tdb.db, tenant.id, callId);
    let status = await budgetStatus(tdb.db, tenant.id, call);
    assert.equal(status.availableCents, 200_000);
    assert.equal(status.applications, 4);

    // Rejecting the first releases 2.500,00 €: the first waiting one (third) is funded, the fourth still waits.
    await tdb.db.transaction().execute((trx) =>
      releaseFunds(trx, {
        tenantId: tenant.id,
        callId,
        applicationId: ids[0]!,
        note: 'Domanda non ammessa',
        now,
      }),
    );
    await tdb.db
      .updateTable('grant_applications')
      .set({ funding: 'released', status: 'rejected' })
      .where('id', '=', ids[0]!)
      .execute();
    assert.deepEqual(await funding(), ['released', 'reserved', 'reserved', 'waiting']);
    status = await budgetStatus(tdb.db, tenant.id, call);
    assert.equal(status.availableCents, 200_000);
  });

  test('one application per codice fiscale and per property; an incomplete one is refused with the field named', async () => {
    const callId = await openPugliaCall(tdb.db, tenant.id, now);
    const u1 = await insertCitizen(tdb.db, tenant.id, 1);
    const u2 = await insertCitizen(tdb.db, tenant.id, 2);
    const u3 = await insertCitizen(tdb.db, tenant.id, 3);
    const a1 = await insertCompleteDraft(tdb.db, tenant.id, callId, u1, exampleApplicationValues(10));
    await submitApplication(tdb.db, { tenantId: tenant.id, userId: u1, applicationId: a1, now });
    // Same codice fiscale, other property.
    const a2 = await insertCompleteDraft(tdb.db, tenant.id, callId, u2, {
      ...exampleApplicationValues(11),
      tax_code: exampleApplicationValues(10).tax_code!,
    });
    await assert.rejects(
      submitApplication(tdb.db, { tenantId: tenant.id, userId: u2, applicationId: a2, now }),
      (e: Error) => e instanceof DuplicateApplicationError && /codice fiscale/.test(e.message),
    );
    // Same property (same cadastral data), other applicant.
    const a3 = await insertCompleteDraft(tdb.db, tenant.id, callId, u3, {
      ...exampleApplicationValues(10),
      tax_code: exampleApplicationValues(12).tax_code!,
    });
    await assert.rejects(
      submitApplication(tdb.db, { tenantId: tenant.id, userId: u3, applicationId: a3, now }),
      (e: Error) => e instanceof DuplicateApplicationError && /immobile/.test(e.message),
    );
    // Nothing half-stored: the refused drafts have no protocol.
    assert.equal((await getApplication(tdb.db, tenant.id, a2)).protocol, null);
    // Incomplete: the IBAN is wrong.
    const u4 = await insertCitizen(tdb.db, tenant.id, 4);
    const a4 = await insertCompleteDraft(
      tdb.db,
      tenant.id,
      callId,
      u4,
      exampleApplicationValues(13, { iban: 'IT00X123' }),
    );
    await assert.rejects(
      submitApplication(tdb.db, { tenantId: tenant.id, userId: u4, applicationId: a4, now }),
      (e: Error) => e instanceof ApplicationIncompleteError && /IBAN/.test(e.message),
    );
  });

  test('another tenant cannot submit or read the application', async () => {
    const other = await createTestTenant(tdb.db);
    const callId = await openPugliaCall(tdb.db, tenant.id, now);
    const u = await insertCitizen(tdb.db, tenant.id, 5);
    const a = await insertCompleteDraft(tdb.db, tenant.id, callId, u, exampleApplicationValues(20));
    await assert.rejects(
      submitApplication(tdb.db, { tenantId: other.id, userId: u, applicationId: a, now }),
      /non esiste/,
    );
    await assert.rejects(getApplication(tdb.db, other.id, a), /non esiste/);
  });

  test('allowing partial funding on a call funds the head of the waiting list with what is left, at once', async () => {
    // 6.000,00 €: two of 2.500,00 € are funded, 1.000,00 € is left and the third waits.
    const callId = await openPugliaCall(tdb.db, tenant.id, now, { budgetCents: 600_000 });
    const ids: string[] = [];
    for (let n = 30; n < 33; n++) {
      const user = await insertCitizen(tdb.db, tenant.id, n);
      const id = await insertCompleteDraft(tdb.db, tenant.id, callId, user, exampleApplicationValues(n));
      await submitApplication(tdb.db, { tenantId: tenant.id, userId: user, applicationId: id, now });
      ids.push(id);
    }
    await allocateCall(tdb.db, tenant.id, callId, now);
    assert.equal((await getApplication(tdb.db, tenant.id, ids[2]!)).funding, 'waiting');
    const call = await getCall(tdb.db, tenant.id, callId);
    await updateCall(
      tdb.db,
      tenant.id,
      callId,
      { ...callInputOf(call), partialFunding: true },
      TEST_ACTOR,
      now,
    );
    const third = await getApplication(tdb.db, tenant.id, ids[2]!);
    assert.deepEqual([third.funding, third.reservedCents], ['partial', 100_000]);
    assert.equal((await budgetStatus(tdb.db, tenant.id, call)).availableCents, 0);
  });
});
