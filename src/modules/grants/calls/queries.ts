// Reading calls and their budget. The remaining budget is read from the ledger that allocations write.
import { sql } from 'kysely';
import type { TDb } from '../../../db/database.js';
import { NotFoundError } from '../../../http/errors.js';
import type { TenantId } from '../../../tenancy/tenant.js';
import { callFromRow, type TGrantCall } from './call.js';

export async function findCall(db: TDb, tenantId: TenantId, callId: string): Promise<TGrantCall | undefined> {
  const row = await db
    .selectFrom('grant_calls')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', callId)
    .executeTakeFirst();
  return row ? callFromRow(row) : undefined;
}

export async function getCall(db: TDb, tenantId: TenantId, callId: string): Promise<TGrantCall> {
  const call = await findCall(db, tenantId, callId);
  if (!call) throw new NotFoundError('Il bando richiesto non esiste.');
  return call;
}

/** A published call by its code (the address of the public page, e.g. /bandi/puglia-2024-biomasse). */
export async function getPublishedCallByCode(db: TDb, tenantId: TenantId, code: string): Promise<TGrantCall> {
  const row = await db
    .selectFrom('grant_calls')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('code', '=', code)
    .where('published', '=', true)
    .executeTakeFirst();
  if (!row) throw new NotFoundError('Il bando richiesto non esiste o non è pubblicato.');
  return callFromRow(row);
}

export async function listCalls(
  db: TDb,
  tenantId: TenantId,
  opts: { publishedOnly: boolean },
): Promise<TGrantCall[]> {
  let q = db.selectFrom('grant_calls').selectAll().where('tenant_id', '=', tenantId);
  if (opts.publishedOnly) q = q.where('published', '=', true);
  const rows = await q.orderBy('opens_at', 'desc').execute();
  return rows.map(callFromRow);
}

export type TBudgetStatus = {
  budgetCents: number;
  availableCents: number;
  reservedCents: number;
  /** Submitted applications (with an arrival sequence), withdrawn ones included. */
  applications: number;
  funded: number;
  waiting: number;
  /** Submitted but not yet reached by the allocator (normally for less than a second). */
  pending: number;
};

/** The newest ledger row of a call: its available amount is the remaining budget. */
export async function availableCents(
  db: TDb,
  tenantId: TenantId,
  callId: string,
): Promise<number | undefined> {
  const row = await db
    .selectFrom('grant_ledger')
    .select('available_after_cents')
    .where('tenant_id', '=', tenantId)
    .where('call_id', '=', callId)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? Number(row.available_after_cents) : undefined;
}

export async function budgetStatus(db: TDb, tenantId: TenantId, call: TGrantCall): Promise<TBudgetStatus> {
  const [available, counts] = await Promise.all([
    availableCents(db, tenantId, call.id),
    db
      .selectFrom('grant_applications')
      .select([
        sql<number>`count(*)::int`.as('applications'),
        sql<number>`(count(*) filter (where funding in ('reserved', 'partial')))::int`.as('funded'),
        sql<number>`(count(*) filter (where funding = 'waiting'))::int`.as('waiting'),
        sql<number>`(count(*) filter (where funding = 'pending'))::int`.as('pending'),
      ])
      .where('tenant_id', '=', tenantId)
      .where('call_id', '=', call.id)
      .where('arrival_seq', 'is not', null)
      .executeTakeFirstOrThrow(),
  ]);
  const avail = available ?? call.budgetCents;
  return {
    budgetCents: call.budgetCents,
    availableCents: avail,
    reservedCents: call.budgetCents - avail,
    applications: counts.applications,
    funded: counts.funded,
    waiting: counts.waiting,
    pending: counts.pending,
  };
}
