// Click day under real concurrency: hundreds of "Invia" at once through a pool of their own, while several
// FundsAllocator instances (separate pools, as separate app instances would have) allocate at the same time.
// Then: never a euro over budget, funds strictly in arrival order, no acknowledged submission lost, and a
// rejection hands its money to the first one waiting.
//
// On PostgreSQL (DATABASE_URL) 500 submissions race for real. On PGlite there is one connection, so
// every transaction runs alone and races cannot happen: the same checks run on 60 submissions, as a
// test of the bookkeeping only.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyBaseLogger } from 'fastify';
import { sql } from 'kysely';
import type { TDb } from '../../src/db/database.js';
import { submitApplication } from '../../src/modules/grants/application/submit-application.js';
import { budgetStatus, getCall } from '../../src/modules/grants/calls/queries.js';
import { FundsAllocator } from '../../src/modules/grants/funding/funds-allocator.js';
import { releaseFunds } from '../../src/modules/grants/funding/release-funds.js';
import type { TenantId, TTenant } from '../../src/tenancy/tenant.js';
import { insertExampleDrafts } from '../fixtures/grants/insert-example-drafts.js';
import { openPugliaCall } from '../helpers/grants.js';
import { createTestTenant } from '../helpers/test-app.js';
import { createTestDatabase, ownPool, type TTestDatabase } from '../helpers/test-db.js';

/** Requested amount of sample n: 2.500,00 € minus 0–400 € (the GSE contribution varies), so order matters. */
const requestedCentsOf = (n: number) => 250_000 - (n % 5) * 10_000;
type TAppState = {
  id: string;
  arrival_seq: number | null;
  protocol: string | null;
  funding: string;
  status: string;
  requested_cents: number | null;
  reserved_cents: number;
};

async function applicationsOf(db: TDb, tenantId: TenantId, callId: string): Promise<TAppState[]> {
  const rows = await db
    .selectFrom('grant_applications')
    .select(['id', 'arrival_seq', 'protocol', 'funding', 'status', 'requested_cents', 'reserved_cents'])
    .where('tenant_id', '=', tenantId)
    .where('call_id', '=', callId)
    .orderBy('arrival_seq')
    .execute();
  return rows.map((r) => ({
    ...r,
    arrival_seq: r.arrival_seq === null ? null : Number(r.arrival_seq),
    requested_cents: r.requested_cents === null ? null : Number(r.requested_cents),
    reserved_cents: Number(r.reserved_cents),
  }));
}

/** What strict arrival order gives: the longest prefix that fits is funded, everyone after it waits. */
function expectedFunding(apps: readonly TAppState[], budgetCents: number): Map<string, string> {
  const out = new Map<string, string>();
  let available = budgetCents;
  let blocked = false;
  for (const a of apps) {
    if (a.status === 'rejected') continue;
    if (!blocked && a.requested_cents! <= available) {
      out.set(a.id, 'reserved');
      available -= a.requested_cents!;
    } else {
      blocked = true;
      out.set(a.id, 'waiting');
    }
  }
  return out;
}

/** The ledger is a consistent chain, never negative, and agrees with the applications and budgetStatus. */
async function assertLedgerConsistent(
  db: TDb,
  tenantId: TenantId,
  callId: string,
  apps: readonly TAppState[],
): Promise<{ reservedCents: number; availableCents: number }> {
  const call = await getCall(db, tenantId, callId);
  const ledger = await db
    .selectFrom('grant_ledger')
    .select(['id', 'kind', 'application_id', 'delta_cents', 'available_after_cents'])
    .where('tenant_id', '=', tenantId)
    .where('call_id', '=', callId)
    .orderBy('id')
    .execute();
  let running = 0;
  const perApp = new Map<string, number>();
  for (const row of ledger) {
    running += Number(row.delta_cents);
    assert.equal(Number(row.available_after_cents), running, `ledger row ${row.id} breaks the chain`);
    assert.ok(running >= 0, `ledger negative at row ${row.id}`);
    if (row.application_id)
      perApp.set(row.application_id, (perApp.get(row.application_id) ?? 0) - Number(row.delta_cents));
  }
  const budget = ledger.filter((r) => r.kind === 'budget').reduce((s, r) => s + Number(r.delta_cents), 0);
  assert.equal(budget, call.budgetCents);
  const reservedByLedger = budget - running;
  assert.ok(reservedByLedger <= call.budgetCents, 'over-allocated');
  for (const a of apps)
    assert.equal(perApp.get(a.id) ?? 0, a.reserved_cents, `ledger and application ${a.protocol} disagree`);
  assert.equal(
    apps.reduce((s, a) => s + a.reserved_cents, 0),
    reservedByLedger,
  );
  const status = await budgetStatus(db, tenantId, call);
  assert.equal(status.availableCents, running);
  assert.equal(status.reservedCents, reservedByLedger);
  assert.equal(status.pending, 0);
  return { reservedCents: reservedByLedger, availableCents: running };
}

describe('click day: concurrent submissions and allocators', () => {
  let tdb: TTestDatabase;
  let tenant: TTenant;

  before(async () => {
    tdb = await createTestDatabase();
    tenant = await createTestTenant(tdb.db);
  });
  after(async () => tdb.close());

  test('500 submissions at once with 3 allocators: budget kept to the cent, funds in arrival order, nothing lost', async (t) => {
    const onPostgres = tdb.engine === 'postgres';
    if (!onPostgres)
      t.diagnostic(
        'PGlite is a single connection: transactions never overlap, so this run checks the bookkeeping on 60 submissions, not races. Set DATABASE_URL for the real test.',
      );
    const count = onPostgres ? 500 : 60;
    // 200 × 2.500,00 €, but requests are 2.100–2.500 €: about 217 are funded, the rest wait. The budget
    // runs out in the middle of the storm, where an allocation that skipped an in-flight submission would
    // fund a later one instead of it.
    const budgetCents = (onPostgres ? 200 : 20) * 250_000;
    const callId = await openPugliaCall(tdb.db, tenant.id, new Date(), { budgetCents });
    const drafts = await insertExampleDrafts(tdb.db, {
      tenantId: tenant.id,
      callId,
      count,
      usernamePrefix: `click${Math.random().toString(36).slice(2, 8)}-`,
      batch: 500,
    });

    const intake = await ownPool(tdb, 40);
    const pools = await Promise.all([0, 1, 2].map(() => ownPool(tdb, 3)));
    // Allocation errors are logged and retried by the allocator: collect them, there must be none.
    const allocationErrors: unknown[] = [];
    const log = { error: (o: unknown) => allocationErrors.push(o) } as unknown as FastifyBaseLogger;
    const allocators = pools.map((p) => new FundsAllocator(p.db, () => new Date(), log));
    for (const a of allocators) a.startSweep(50);
    // Besides the kick of each acknowledgement, every allocator is kicked all along: passes back to back.
    const kicker = setInterval(() => {
      for (const a of allocators) a.kick(tenant.id, callId);
    }, 2);
    try {
      const settled = await Promise.allSettled(
        drafts.map(async (d, i) => {
          const r = await submitApplication(intake.db, {
            tenantId: tenant.id,
            userId: d.userId,
            applicationId: d.applicationId,
            now: new Date(),
          });
          // Like the route: the instance that acknowledged kicks its own allocator.
          if (!r.alreadySubmitted) allocators[i % allocators.length]!.kick(tenant.id, callId);
          return r.application;
        }),
      );
      const failed = settled.filter((s) => s.status === 'rejected');
      assert.deepEqual(
        failed.map((f) => String((f as PromiseRejectedResult).reason)),
        [],
        'every submission is acknowledged',
      );
      const intakeEnded = new Date();
      clearInterval(kicker);
      const receipts = settled.map(
        (s) => (s as PromiseFulfilledResult<{ id: string; protocol: string | null }>).value,
      );

      // Wait until no application is pending (a busy allocator retries after 100 ms; sweeps run every 50 ms).
      const deadline = Date.now() + 15_000;
      for (;;) {
        for (const a of allocators) a.kick(tenant.id, callId);
        await Promise.all(allocators.map((a) => a.idle()));
        const left = await tdb.db
          .selectFrom('grant_applications')
          .select(sql<number>`count(*)::int`.as('n'))
          .where('call_id', '=', callId)
          .where('funding', '=', 'pending')
          .executeTakeFirstOrThrow();
        if (left.n === 0) break;
        assert.ok(Date.now() < deadline, `${left.n} applications still pending after 15 s`);
        await sleep(50);
      }

      assert.deepEqual(allocationErrors, [], 'no allocation failed');
      let apps = await applicationsOf(tdb.db, tenant.id, callId);
      // No application lost: every acknowledged receipt is stored, each with its own arrival number.
      assert.equal(apps.length, count);
      assert.ok(apps.every((a) => a.arrival_seq !== null && a.protocol !== null && a.status === 'submitted'));
      assert.equal(new Set(apps.map((a) => a.arrival_seq)).size, count, 'arrival numbers are distinct');
      assert.equal(new Set(apps.map((a) => a.protocol)).size, count, 'protocols are distinct');
      const stored = new Map(apps.map((a) => [a.id, a.protocol]));
      for (const r of receipts) assert.equal(stored.get(r.id), r.protocol, 'receipt matches the database');
      for (const a of apps)
        assert.equal(a.requested_cents, requestedCentsOf(drafts.find((d) => d.applicationId === a.id)!.n));

      // Strict arrival order: exactly the longest fundable prefix is funded, in full; all the others wait.
      const expected = expectedFunding(apps, budgetCents);
      const funded = apps.filter((a) => a.funding === 'reserved');
      assert.ok(funded.length > 0 && funded.length < count, `funded ${funded.length} of ${count}`);
      for (const a of apps) {
        assert.equal(a.funding, expected.get(a.id), `application #${a.arrival_seq} (${a.protocol})`);
        assert.equal(a.reserved_cents, a.funding === 'reserved' ? a.requested_cents : 0);
      }
      const { availableCents } = await assertLedgerConsistent(tdb.db, tenant.id, callId, apps);
      // The first one waiting did not fit in what is left (otherwise it would have been funded).
      const firstWaiting = apps.find((a) => a.funding === 'waiting')!;
      assert.ok(firstWaiting.requested_cents! > availableCents);
      // The allocators really ran while submissions were arriving (otherwise nothing raced).
      const passes = await tdb.db
        .selectFrom('audit_log')
        .select('created_at')
        .where('entity_id', '=', callId)
        .where('action', '=', 'grant.funds_allocated')
        .execute();
      const duringIntake = passes.filter((p) => p.created_at < intakeEnded).length;
      if (onPostgres) assert.ok(duringIntake >= 1, 'no allocation ran during the intake');
      t.diagnostic(`${passes.length} allocation passes, ${duringIntake} of them during the intake`);
      t.diagnostic(
        `${funded.length} funded, ${count - funded.length} waiting, ${(availableCents / 100).toFixed(2)} € left`,
      );

      // A rejection: the money goes back and funds the first one waiting, in the same transaction.
      const rejected = funded.find((a) => a.requested_cents === 250_000)!;
      const now = new Date();
      await tdb.db.transaction().execute(async (trx) => {
        await releaseFunds(trx, {
          tenantId: tenant.id,
          callId,
          applicationId: rejected.id,
          note: 'Domanda non ammessa',
          now,
        });
        await trx
          .updateTable('grant_applications')
          .set({ status: 'rejected', funding: 'released', decided_at: now, updated_at: now })
          .where('id', '=', rejected.id)
          .execute();
      });
      apps = await applicationsOf(tdb.db, tenant.id, callId);
      const after = new Map(apps.map((a) => [a.id, a]));
      assert.equal(after.get(firstWaiting.id)!.funding, 'reserved', 'the first waiting one is funded');
      assert.equal(after.get(rejected.id)!.reserved_cents, 0);
      const expectedAfter = expectedFunding(apps, budgetCents);
      for (const a of apps)
        if (a.status !== 'rejected')
          assert.equal(a.funding, expectedAfter.get(a.id), `after the rejection: #${a.arrival_seq}`);
      await assertLedgerConsistent(tdb.db, tenant.id, callId, apps);
    } finally {
      clearInterval(kicker);
      await Promise.all(allocators.map((a) => a.stop()));
      await intake.close();
      for (const p of pools) await p.close();
    }
  });
});
