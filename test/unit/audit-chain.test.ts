import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  canonicalJson,
  computeAuditHash,
  GENESIS_HASH,
  type TAuditChainRow,
  type TAuditFields,
  verifyAuditChain,
} from '../../src/audit/audit-chain.js';

const TENANT = '6f1c2a0e-4d8b-4f7a-9c39-0d6f5b1e2a77';

/** A valid chain of `n` rows, built as appendAudit builds it. */
function chain(n: number): TAuditChainRow[] {
  const rows: TAuditChainRow[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const fields: TAuditFields = {
      tenantId: TENANT,
      seq,
      actorId: null,
      actorLabel: 'operatore.demo',
      action: 'account.updated',
      entityType: 'user',
      entityId: `user-${seq}`,
      summary: { campo: 'email', numero: seq, annidato: { b: [1, 'è'], a: null } },
      ip: '192.0.2.10',
      createdAt: new Date(Date.UTC(2026, 2, 2, 9, 0, seq)),
    };
    const hash = computeAuditHash(fields, prev);
    rows.push({ ...fields, id: String(100 + seq), prevHash: prev, hash });
    prev = hash;
  }
  return rows;
}

function assertBrokenAt(rows: readonly TAuditChainRow[], seq: number, id: string, reason: RegExp) {
  const v = verifyAuditChain(rows);
  assert.equal(v.ok, false);
  if (v.ok) return;
  assert.equal(v.brokenSeq, seq);
  assert.equal(v.brokenId, id);
  assert.match(v.reason, reason);
}

describe('audit chain verification', () => {
  test('an intact chain is ok', () => {
    assert.deepEqual(verifyAuditChain(chain(6)), { ok: true, rows: 6 });
  });

  test('an empty chain is ok', () => {
    assert.deepEqual(verifyAuditChain([]), { ok: true, rows: 0 });
  });

  test('the first row links to the genesis hash', () => {
    const rows = chain(2);
    assert.equal(rows[0]!.prevHash, GENESIS_HASH);
    rows[0] = { ...rows[0]!, prevHash: 'f'.repeat(64) };
    assertBrokenAt(rows, 1, '101', /precedente/);
  });

  test('an altered summary is reported at that row', () => {
    const rows = chain(6);
    rows[2] = { ...rows[2]!, summary: { ...rows[2]!.summary, campo: 'password' } };
    assertBrokenAt(rows, 3, '103', /modificato/);
  });

  test('any altered field is detected', () => {
    const alterations: Array<Partial<TAuditChainRow>> = [
      { actorLabel: 'qualcun altro' },
      { actorId: '00000000-0000-0000-0000-000000000001' },
      { action: 'account.deleted' },
      { entityType: 'tenant' },
      { entityId: null },
      { ip: null },
      { tenantId: null },
      { createdAt: new Date(Date.UTC(2026, 2, 2, 9, 0, 4, 1)) },
    ];
    for (const change of alterations) {
      const rows = chain(5);
      rows[3] = { ...rows[3]!, ...change };
      assertBrokenAt(rows, 4, '104', /modificato/);
    }
  });

  test('a deleted row is reported at the row after the gap', () => {
    const rows = chain(6);
    rows.splice(2, 1); // seq 3 removed
    assertBrokenAt(rows, 4, '104', /numero progressivo 4 al posto di 3/);
  });

  test('a deleted first row is reported', () => {
    const rows = chain(3).slice(1);
    assertBrokenAt(rows, 2, '102', /numero progressivo 2 al posto di 1/);
  });

  test('two swapped rows are reported at the first out of place', () => {
    const rows = chain(6);
    [rows[1], rows[2]] = [rows[2]!, rows[1]!];
    assertBrokenAt(rows, 3, '103', /numero progressivo 3 al posto di 2/);
  });

  test('a row renumbered into place still breaks the links', () => {
    // rows 2 and 3 swap contents but keep their numbers: the hashes no longer chain
    const rows = chain(6);
    const [r2, r3] = [rows[1]!, rows[2]!];
    rows[1] = { ...r3, seq: 2 };
    rows[2] = { ...r2, seq: 3 };
    assertBrokenAt(rows, 2, '103', /precedente/);
  });

  test('a row rewritten with a recomputed hash breaks the link of the next row', () => {
    const rows = chain(6);
    const r3 = rows[2]!;
    const forged = { ...r3, summary: { campo: 'nulla' } };
    rows[2] = { ...forged, hash: computeAuditHash(forged, r3.prevHash) };
    assertBrokenAt(rows, 4, '104', /precedente/);
  });

  test('with several alterations, the first broken row is named', () => {
    const rows = chain(8);
    rows[5] = { ...rows[5]!, summary: {} };
    rows[1] = { ...rows[1]!, action: 'altro' };
    rows.splice(6, 1);
    assertBrokenAt(rows, 2, '102', /modificato/);
  });

  test('the hash does not depend on the key order of the summary (jsonb reorders keys)', () => {
    const [row] = chain(1);
    const reordered = { ...row!, summary: { annidato: { a: null, b: [1, 'è'] }, numero: 1, campo: 'email' } };
    assert.deepEqual(verifyAuditChain([reordered]), { ok: true, rows: 1 });
    assert.equal(
      canonicalJson({ b: 1, a: { d: 2, c: [3, { f: 4, e: 5 }] } }),
      '{"a":{"c":[3,{"e":5,"f":4}],"d":2},"b":1}',
    );
  });

  test('canonical JSON drops undefined properties as JSON.stringify does', () => {
    assert.equal(canonicalJson({ a: undefined, b: 1 }), JSON.stringify({ b: 1 }));
    assert.equal(canonicalJson([undefined, 1]), JSON.stringify([undefined, 1]));
  });
});
