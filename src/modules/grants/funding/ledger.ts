// The budget ledger of a call. Every write happens with the call's row locked (FOR UPDATE), so the
// newest row's `available_after_cents` is always the remaining budget, and two writers never spend the
// same euro. Submissions never lock this row: only the allocator and officers' decisions do.
import type { TDb } from '../../../db/database.js';
import type { TenantId } from '../../../tenancy/tenant.js';

export type TLedgerKind = 'budget' | 'reserve' | 'release';

export interface TLedgerLock {
  callId: string;
  code: string;
  budgetCents: number;
  partialFunding: boolean;
  availableCents: number;
}

/**
 * Locks the call's ledger inside `trx` and returns the available money. With `skipLocked`, returns
 * undefined when another transaction (another instance's allocator) holds it.
 */
export async function lockLedger(
  trx: TDb,
  tenantId: TenantId,
  callId: string,
  opts: { skipLocked?: boolean } = {},
): Promise<TLedgerLock | undefined> {
  let q = trx
    .selectFrom('grant_calls')
    .select(['id', 'code', 'partial_funding', 'budget_cents'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', callId)
    .forUpdate();
  if (opts.skipLocked) q = q.skipLocked();
  const call = await q.executeTakeFirst();
  if (!call) return undefined;
  const last = await trx
    .selectFrom('grant_ledger')
    .select('available_after_cents')
    .where('tenant_id', '=', tenantId)
    .where('call_id', '=', callId)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return {
    callId,
    code: call.code,
    budgetCents: Number(call.budget_cents),
    partialFunding: call.partial_funding,
    availableCents: last ? Number(last.available_after_cents) : 0,
  };
}

export interface TLedgerEntry {
  applicationId: string | null;
  kind: TLedgerKind;
  /** Positive: money available again (budget, release); negative: reserved. */
  deltaCents: number;
  note?: string;
}

/** Appends entries after `lock` (whose available amount it updates). The database refuses a negative balance. */
export async function appendLedger(
  trx: TDb,
  tenantId: TenantId,
  lock: TLedgerLock,
  entries: readonly TLedgerEntry[],
): Promise<void> {
  if (entries.length === 0) return;
  let available = lock.availableCents;
  const rows = entries.map((e) => {
    available += e.deltaCents;
    return {
      tenant_id: tenantId,
      call_id: lock.callId,
      application_id: e.applicationId,
      kind: e.kind,
      delta_cents: e.deltaCents,
      available_after_cents: available,
      note: e.note ?? '',
    };
  });
  for (let i = 0; i < rows.length; i += 1000) {
    await trx
      .insertInto('grant_ledger')
      .values(rows.slice(i, i + 1000))
      .execute();
  }
  lock.availableCents = available;
}
