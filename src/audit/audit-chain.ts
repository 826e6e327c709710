import { createHash } from 'node:crypto';
import { canonicalJson } from '../util/canonical-json.js';

export { canonicalJson };

/** The hash chain of the audit trail: pure functions over plain rows, no I/O. */

export const GENESIS_HASH = '0'.repeat(64);

export type TAuditFields = {
  tenantId: string | null;
  seq: number;
  actorId: string | null;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string | null;
  summary: Record<string, unknown>;
  ip: string | null;
  createdAt: Date;
};

export type TAuditChainRow = TAuditFields & { id: string; prevHash: string; hash: string };

/** JSON with object keys sorted at every depth, so jsonb's own key order cannot change the hash. */

export function computeAuditHash(fields: TAuditFields, prevHash: string): string {
  const body = canonicalJson({
    tenantId: fields.tenantId,
    seq: fields.seq,
    actorId: fields.actorId,
    actorLabel: fields.actorLabel,
    action: fields.action,
    entityType: fields.entityType,
    entityId: fields.entityId,
    summary: fields.summary,
    ip: fields.ip,
    createdAt: fields.createdAt.toISOString(),
  });
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}

export type TChainVerdict =
  | { ok: true; rows: number }
  | { ok: false; rows: number; brokenId: string; brokenSeq: number; reason: string };

/** Verifies one tenant's chain, given its rows in `seq` order; names the first broken row. */
export function verifyAuditChain(rows: readonly TAuditChainRow[]): TChainVerdict {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  for (const row of rows) {
    const broken = (reason: string): TChainVerdict => ({
      ok: false,
      rows: rows.length,
      brokenId: row.id,
      brokenSeq: row.seq,
      reason,
    });
    if (row.seq !== expectedSeq) return broken(`numero progressivo ${row.seq} al posto di ${expectedSeq}`);
    if (row.prevHash !== prev) return broken('hash della riga precedente non corrispondente');
    if (computeAuditHash(row, prev) !== row.hash) return broken('contenuto della riga modificato');
    prev = row.hash;
    expectedSeq++;
  }
  return { ok: true, rows: rows.length };
}
