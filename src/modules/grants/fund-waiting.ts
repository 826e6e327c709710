// Funds the waiting list with whatever the ledger has available (after a budget increase).
import type { TDb } from '../../db/database.js';
import type { TenantId } from '../../tenancy/tenant.js';
import { allocateBatch, type TAllocationResult } from './allocate-funds.js';
import { lockLedger } from './ledger.js';

export async function releaseWaiting(
  db: TDb,
  tenantId: TenantId,
  callId: string,
  now: Date,
): Promise<TAllocationResult> {
  const result: TAllocationResult = { reserved: 0, partial: 0, waiting: 0, busy: false };
  await db.transaction().execute(async (trx) => {
    const lock = await lockLedger(trx, tenantId, callId);
    if (!lock) return;
    while (await allocateBatch(trx, tenantId, lock, null, now, result)) {
      /* next batch */
    }
  });
  return result;
}
