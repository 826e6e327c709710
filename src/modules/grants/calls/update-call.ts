// Tenant administrators edit calls. A change of budget is one more movement of the ledger, refused if it
// would go below what is already reserved; more money, or partial funding switched on, funds the waiting list.
import { appendAudit, type TActor } from '../../../audit/audit-log.js';
import type { TDb } from '../../../db/database.js';
import { ConflictError, ValidationError } from '../../../http/errors.js';
import { formatEuro } from '../../../italian/money.js';
import type { TenantId } from '../../../tenancy/tenant.js';
import { fundWaitingList } from '../funding/fund-waiting-list.js';
import { appendLedger, lockLedger } from '../funding/ledger.js';
import { callColumns, type TCallInput } from './call.js';
import { duplicateCode, onDuplicateCode } from './create-call.js';

export async function updateCall(
  db: TDb,
  tenantId: TenantId,
  callId: string,
  input: TCallInput,
  actor: TActor,
  now: Date,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const lock = await lockLedger(trx, tenantId, callId);
    if (!lock) throw new ConflictError('Il bando non esiste.');
    const delta = input.budgetCents - lock.budgetCents;
    if (delta < 0 && lock.availableCents + delta < 0) {
      throw new ValidationError({
        budget: `La dotazione non può scendere sotto i fondi già prenotati (${formatEuro(lock.budgetCents - lock.availableCents)}).`,
      });
    }
    if (input.code !== lock.code) {
      const clash = await trx
        .selectFrom('grant_calls')
        .select('id')
        .where('tenant_id', '=', tenantId)
        .where('code', '=', input.code)
        .executeTakeFirst();
      if (clash) throw duplicateCode(input.code);
    }
    await trx
      .updateTable('grant_calls')
      .set({ ...callColumns(input), updated_at: now })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', callId)
      .execute()
      .catch(onDuplicateCode(input.code));
    if (delta !== 0) {
      await appendLedger(trx, tenantId, lock, [
        {
          applicationId: null,
          kind: 'budget',
          deltaCents: delta,
          note: 'Variazione della dotazione del bando',
        },
      ]);
    }
    // More money, or partial funding newly allowed: the waiting list is funded at once, in this
    // transaction, under the call's rules as just saved.
    const partialSwitchedOn = input.partialFunding && !lock.partialFunding;
    lock.partialFunding = input.partialFunding;
    if (delta > 0 || partialSwitchedOn) await fundWaitingList(trx, tenantId, lock, now);
    await appendAudit(trx, tenantId, actor, {
      action: 'grant.call_updated',
      entityType: 'grant_call',
      entityId: callId,
      summary: { code: input.code, dotazione: formatEuro(input.budgetCents) },
    });
  });
}
