// Tenant administrators create calls. The budget enters the ledger as its first movement.
import { appendAudit, type TActor } from '../../../audit/audit-log.js';
import type { TDb } from '../../../db/database.js';
import { ConflictError } from '../../../http/errors.js';
import { formatEuro } from '../../../italian/money.js';
import type { TenantId } from '../../../tenancy/tenant.js';
import { appendLedger, lockLedger } from '../funding/ledger.js';
import { callColumns, type TCallInput } from './call.js';

export async function createCall(
  db: TDb,
  tenantId: TenantId,
  input: TCallInput,
  actor: TActor,
): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const exists = await trx
      .selectFrom('grant_calls')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('code', '=', input.code)
      .executeTakeFirst();
    if (exists) throw new ConflictError(`Esiste già un bando con il codice "${input.code}".`);
    const row = await trx
      .insertInto('grant_calls')
      .values({ tenant_id: tenantId, ...callColumns(input) })
      .returning('id')
      .executeTakeFirstOrThrow();
    const lock = await lockLedger(trx, tenantId, row.id);
    await appendLedger(trx, tenantId, lock!, [
      {
        applicationId: null,
        kind: 'budget',
        deltaCents: input.budgetCents,
        note: 'Dotazione iniziale del bando',
      },
    ]);
    await appendAudit(trx, tenantId, actor, {
      action: 'grant.call_created',
      entityType: 'grant_call',
      entityId: row.id,
      summary: { code: input.code, dotazione: formatEuro(input.budgetCents) },
    });
    return row.id;
  });
}
