import { sql } from 'kysely';
import type { TDb } from '../db/database.js';
import type { TenantId } from '../tenancy/tenant.js';
import {
  computeAuditHash,
  GENESIS_HASH,
  type TAuditChainRow,
  type TChainVerdict,
  verifyAuditChain,
} from './audit-chain.js';

export type TActor = { id: string | null; label: string; ip: string | null };

export type TAuditEntry = {
  action: string;
  entityType: string;
  entityId?: string | null;
  summary?: Record<string, unknown>;
};

const PLATFORM_KEY = 'platform';

/**
 * Appends one row to the tenant's audit chain. Call it inside the transaction of the change it
 * records: the per-tenant advisory lock (held until commit) makes concurrent appends take turns,
 * so the chain never forks. Called outside a transaction, it opens one of its own (otherwise the lock
 * would end with its own statement, and the reads and the insert could run on different connections).
 */
export async function appendAudit(
  trx: TDb,
  tenantId: TenantId | null,
  actor: TActor,
  entry: TAuditEntry,
): Promise<void> {
  if (!trx.isTransaction) {
    await trx.transaction().execute((own) => appendAudit(own, tenantId, actor, entry));
    return;
  }
  const lockKey = `audit:${tenantId ?? PLATFORM_KEY}`;
  await sql`select pg_advisory_xact_lock(hashtext(${lockKey}))`.execute(trx);
  const last = await trx
    .selectFrom('audit_log')
    .select(['seq', 'hash'])
    .where((eb) => (tenantId ? eb('tenant_id', '=', tenantId) : eb('tenant_id', 'is', null)))
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const fields = {
    tenantId,
    seq: (last?.seq ?? 0) + 1,
    actorId: actor.id,
    actorLabel: actor.label,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    // Hash what jsonb will give back: dates become ISO strings, undefined properties disappear.
    summary: JSON.parse(JSON.stringify(entry.summary ?? {})) as Record<string, unknown>,
    ip: actor.ip,
    createdAt: new Date(),
  };
  const prevHash = last?.hash ?? GENESIS_HASH;
  await trx
    .insertInto('audit_log')
    .values({
      tenant_id: fields.tenantId,
      seq: fields.seq,
      actor_id: fields.actorId,
      actor_label: fields.actorLabel,
      action: fields.action,
      entity_type: fields.entityType,
      entity_id: fields.entityId,
      summary: JSON.stringify(fields.summary),
      ip: fields.ip,
      created_at: fields.createdAt,
      prev_hash: prevHash,
      hash: computeAuditHash(fields, prevHash),
    })
    .execute();
}

export async function readAuditChain(db: TDb, tenantId: TenantId | null): Promise<TAuditChainRow[]> {
  const rows = await db
    .selectFrom('audit_log')
    .selectAll()
    .where((eb) => (tenantId ? eb('tenant_id', '=', tenantId) : eb('tenant_id', 'is', null)))
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({
    id: String(r.id),
    tenantId: r.tenant_id,
    seq: Number(r.seq),
    actorId: r.actor_id,
    actorLabel: r.actor_label,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    summary: r.summary,
    ip: r.ip,
    createdAt: r.created_at,
    prevHash: r.prev_hash,
    hash: r.hash,
  }));
}

export async function verifyTenantAudit(db: TDb, tenantId: TenantId | null): Promise<TChainVerdict> {
  return verifyAuditChain(await readAuditChain(db, tenantId));
}

export async function listAudit(db: TDb, tenantId: TenantId, limit = 100) {
  return db
    .selectFrom('audit_log')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .orderBy('seq', 'desc')
    .limit(limit)
    .execute();
}
