// Tenant administrators create calls. The budget enters the ledger as its first movement. A code already
// used in the tenant is refused next to the field, also when the unique index decides a race.
import { appendAudit, type TActor } from '../../../audit/audit-log.js';
import type { TDb } from '../../../db/database.js';
import { isUniqueViolation } from '../../../db/unique-violation.js';
import { ValidationError } from '../../../http/errors.js';
import { formatEuro } from '../../../italian/money.js';
import type { TenantId } from '../../../tenancy/tenant.js';
import { appendLedger, lockLedger } from '../funding/ledger.js';
import { callColumns, type TCallInput } from './call.js';

/** A code already used by another call of the tenant: a field error of the call form. */
export const duplicateCode = (code: string) =>
  new ValidationError({ code: `Esiste già un bando con il codice "${code}".` });

/** The same refusal when the unique index, not the check before it, finds the duplicate (a race). */
export const onDuplicateCode =
  (code: string) =>
  (err: unknown): never => {
    if (isUniqueViolation(err, 'grant_calls_tenant_code_uq')) throw duplicateCode(code);
    throw err;
  };

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
    if (exists) throw duplicateCode(input.code);
    const row = await trx
      .insertInto('grant_calls')
      .values({ tenant_id: tenantId, ...callColumns(input) })
      .returning('id')
      .executeTakeFirstOrThrow()
      .catch(onDuplicateCode(input.code));
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
