// Money released by a rejection, a reduced amount, a revocation or a withdrawal goes back to the call's
// ledger and, in the same transaction, to the waiting list in arrival order.
import type { TDb } from '../../../db/database.js';
import type { TenantId } from '../../../tenancy/tenant.js';
import { type TAllocationResult } from './allocate-funds.js';
import { fundWaitingList } from './fund-waiting-list.js';
import { appendLedger, lockLedger } from './ledger.js';

/**
 * Call inside the decision's transaction. Releases `cents` reserved for the application (all of it when
 * undefined), sets its reservation accordingly, then funds waiting applications in order.
 */
export async function releaseFunds(
  trx: TDb,
  input: {
    tenantId: TenantId;
    callId: string;
    applicationId: string;
    cents?: number;
    note: string;
    now: Date;
  },
): Promise<TAllocationResult> {
  const { tenantId, callId, applicationId, now } = input;
  const lock = await lockLedger(trx, tenantId, callId);
  if (!lock) throw new Error(`call ${callId} not found`);
  const app = await trx
    .selectFrom('grant_applications')
    .select(['reserved_cents', 'protocol'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', applicationId)
    .executeTakeFirstOrThrow();
  const reserved = Number(app.reserved_cents);
  const cents = Math.min(input.cents ?? reserved, reserved);
  const result: TAllocationResult = { reserved: 0, partial: 0, waiting: 0, busy: false };
  if (cents <= 0) return result;
  await appendLedger(trx, tenantId, lock, [
    {
      applicationId,
      kind: 'release',
      deltaCents: cents,
      note: `${input.note} (domanda ${app.protocol ?? ''})`,
    },
  ]);
  await trx
    .updateTable('grant_applications')
    .set({ reserved_cents: reserved - cents, updated_at: now })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', applicationId)
    .execute();
  return fundWaitingList(trx, tenantId, lock, now);
}
