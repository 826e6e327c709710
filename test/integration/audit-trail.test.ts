import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { GENESIS_HASH } from '../../src/audit/audit-chain.js';
import { appendAudit, readAuditChain, type TActor, verifyTenantAudit } from '../../src/audit/audit-log.js';
import type { TDb } from '../../src/db/database.js';
import type { TTenant } from '../../src/tenancy/tenant.js';
import { insertTenant } from '../../src/tenancy/tenants.js';
import { createTestDatabase, ownPool, type TTestDatabase } from '../helpers/test-db.js';

const ACTOR: TActor = { id: null, label: 'test', ip: '192.0.2.1' };

async function newTenant(db: TDb): Promise<TTenant> {
  const slug = `a${randomBytes(4).toString('hex')}`;
  return insertTenant(db, {
    slug,
    name: `Ente ${slug}`,
    activationEmail: `attivazioni@${slug}.example.org`,
    passwordPolicy: 'min6',
  });
}

/** Changes one row behind the trigger's back, as someone with direct database access could. */
async function tamper(db: TDb, id: string, summary: Record<string, unknown>) {
  await db.transaction().execute(async (trx) => {
    await sql`alter table audit_log disable trigger audit_log_no_update`.execute(trx);
    await sql`update audit_log set summary = ${JSON.stringify(summary)}::jsonb where id = ${id}`.execute(trx);
    await sql`alter table audit_log enable trigger audit_log_no_update`.execute(trx);
  });
}

function assertLinked(rows: Awaited<ReturnType<typeof readAuditChain>>, n: number) {
  assert.equal(rows.length, n);
  rows.forEach((r, i) => {
    assert.equal(r.seq, i + 1);
    assert.equal(r.prevHash, i === 0 ? GENESIS_HASH : rows[i - 1]!.hash);
  });
}

describe(`audit trail (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  let tdb: TTestDatabase;
  let db: TDb;
  let closeDb: () => Promise<void>;
  before(async () => {
    tdb = await createTestDatabase();
    ({ db, close: closeDb } = await ownPool(tdb));
  });
  after(async () => {
    await closeDb();
    await tdb.close();
  });

  test('appends build one chain per tenant: seq 1..n, each row linked to the previous', async () => {
    const a = await newTenant(db);
    const b = await newTenant(db);
    for (let i = 0; i < 4; i++) {
      for (const t of [a, b]) {
        await db.transaction().execute((trx) =>
          appendAudit(trx, t.id, ACTOR, {
            action: 'test.step',
            entityType: 'test',
            entityId: String(i),
            summary: { passo: i, ente: t.slug, nota: 'perché sì' },
          }),
        );
      }
    }
    for (const t of [a, b]) {
      const rows = await readAuditChain(db, t.id);
      assertLinked(rows, 4);
      assert.ok(rows.every((r) => r.tenantId === t.id));
      assert.deepEqual(rows[3]!.summary, { passo: 3, ente: t.slug, nota: 'perché sì' });
      assert.deepEqual(await verifyTenantAudit(db, t.id), { ok: true, rows: 4 });
    }
  });

  test('platform rows (no tenant) have their own chain', async () => {
    await appendAudit(db, null, ACTOR, { action: 'platform.test', entityType: 'platform' });
    await appendAudit(db, null, ACTOR, { action: 'platform.test', entityType: 'platform' });
    const rows = await readAuditChain(db, null);
    assertLinked(rows, 2);
    assert.deepEqual(await verifyTenantAudit(db, null), { ok: true, rows: 2 });
  });

  test('20 concurrent appends, each in its own transaction, never fork the chain', async () => {
    const t = await newTenant(db);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        db.transaction().execute(async (trx) => {
          await appendAudit(trx, t.id, ACTOR, {
            action: 'test.concurrent',
            entityType: 'test',
            entityId: String(i),
          });
        }),
      ),
    );
    const rows = await readAuditChain(db, t.id);
    assertLinked(rows, 20);
    assert.deepEqual(new Set(rows.map((r) => r.entityId)).size, 20);
    assert.deepEqual(await verifyTenantAudit(db, t.id), { ok: true, rows: 20 });
  });

  test('concurrent appends called outside a transaction take turns as well', async () => {
    const t = await newTenant(db);
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        appendAudit(db, t.id, ACTOR, { action: 'test.no_trx', entityType: 'test', entityId: String(i) }),
      ),
    );
    const rows = await readAuditChain(db, t.id);
    assertLinked(rows, 12);
    assert.deepEqual(await verifyTenantAudit(db, t.id), { ok: true, rows: 12 });
  });

  test('a rolled-back change leaves no audit row behind', async () => {
    const t = await newTenant(db);
    await assert.rejects(
      db.transaction().execute(async (trx) => {
        await appendAudit(trx, t.id, ACTOR, { action: 'test.rollback', entityType: 'test' });
        throw new Error('annullata');
      }),
      /annullata/,
    );
    assert.equal((await readAuditChain(db, t.id)).length, 0);
  });

  test('a summary holding dates and nested values verifies after the round trip through jsonb', async () => {
    const t = await newTenant(db);
    await appendAudit(db, t.id, ACTOR, {
      action: 'test.values',
      entityType: 'test',
      summary: {
        quando: new Date('2026-03-02T09:00:00.123Z'),
        elenco: [3, 1.5, 'à', null, { z: true, a: false }],
        vuoto: undefined,
      },
    });
    const [row] = await readAuditChain(db, t.id);
    assert.deepEqual(row!.summary, {
      quando: '2026-03-02T09:00:00.123Z',
      elenco: [3, 1.5, 'à', null, { a: false, z: true }],
    });
    assert.deepEqual(await verifyTenantAudit(db, t.id), { ok: true, rows: 1 });
  });

  test('the database refuses UPDATE and DELETE on audit_log', async () => {
    const t = await newTenant(db);
    await appendAudit(db, t.id, ACTOR, { action: 'test.immutable', entityType: 'test' });
    await assert.rejects(
      db.updateTable('audit_log').set({ action: 'altro' }).where('tenant_id', '=', t.id).execute(),
      /append-only/,
    );
    await assert.rejects(db.deleteFrom('audit_log').where('tenant_id', '=', t.id).execute(), /append-only/);
    await assert.rejects(sql`delete from audit_log`.execute(db), /append-only/);
    const rows = await readAuditChain(db, t.id);
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.action, 'test.immutable');
  });

  test('a row changed behind the trigger is reported as the first broken one', async () => {
    const t = await newTenant(db);
    for (let i = 1; i <= 6; i++) {
      await appendAudit(db, t.id, ACTOR, {
        action: 'test.tamper',
        entityType: 'test',
        summary: { passo: i },
      });
    }
    const rows = await readAuditChain(db, t.id);
    const victim = rows[3]!; // seq 4
    await tamper(db, victim.id, { passo: 40 });

    const verdict = await verifyTenantAudit(db, t.id);
    assert.equal(verdict.ok, false);
    if (verdict.ok) return;
    assert.equal(verdict.brokenSeq, 4);
    assert.equal(verdict.brokenId, victim.id);
    assert.match(verdict.reason, /modificato/);

    // the trigger is back on
    await assert.rejects(
      sql`update audit_log set action = 'x' where id = ${victim.id}`.execute(db),
      /append-only/,
    );
    // other tenants' chains are unaffected
    const other = await newTenant(db);
    await appendAudit(db, other.id, ACTOR, { action: 'test.other', entityType: 'test' });
    assert.deepEqual(await verifyTenantAudit(db, other.id), { ok: true, rows: 1 });
  });
});
