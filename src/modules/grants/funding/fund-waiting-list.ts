// The waiting-list funder: money that becomes available (a release, a larger budget, partial funding
// switched on) goes at once, in the same transaction, to the waiting and partly funded applications in
// arrival order. Used by releases (./release-funds.ts) and by call updates.
import type { TDb } from '../../../db/database.js';
import type { TenantId } from '../../../tenancy/tenant.js';
import { allocateBatch, type TAllocationResult } from './allocate-funds.js';
import type { TLedgerLock } from './ledger.js';

/**
 * Inside `trx` with the ledger locked: money now available (released, or a larger budget) goes to the
 * waiting and partly funded applications, oldest first.
 */
export async function fundWaitingList(
  trx: TDb,
  tenantId: TenantId,
  lock: TLedgerLock,
  now: Date,
): Promise<TAllocationResult> {
  const result: TAllocationResult = { reserved: 0, partial: 0, waiting: 0, busy: false };
  while (await allocateBatch(trx, tenantId, lock, null, now, result)) {
    /* next batch */
  }
  return result;
}
