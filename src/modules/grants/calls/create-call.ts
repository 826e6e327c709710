// Tenant administrators create and edit calls. The budget enters the ledger as its first movement; a
// later change of budget is one more movement, refused if it would go below what is already reserved.
import { appendAudit, type TActor } from '../../audit/audit-log.js';
import type { TDb } from '../../db/database.js';
import { ConflictError } from '../../http/errors.js';
import type { TenantId } from '../../tenancy/tenant.js';
import { formatEuro, type TCallInput } from './call.js';
import { fundWaitingList } from './allocate-funds.js';
import { appendLedger, lockLedger } from './ledger.js';

/** The columns of `grant_calls` for a call's data (insert and update alike). */
function callColumns(input: TCallInput) {
  return {
    code: input.code,
    protocol_prefix: input.protocolPrefix,
    title: input.title,
    summary: input.summary,
    how_to_apply: input.howToApply,
    published: input.published,
    budget_cents: input.budgetCents,
    opens_at: input.opensAt,
    closes_at: input.closesAt,
    partial_funding: input.partialFunding,
    rules: JSON.stringify(input.rules),
  };
}

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
      throw new ConflictError(
        `La dotazione non può scendere sotto i fondi già prenotati (${formatEuro(lock.budgetCents - lock.availableCents)}).`,
      );
    }
    if (input.code !== lock.code) {
      const clash = await trx
        .selectFrom('grant_calls')
        .select('id')
        .where('tenant_id', '=', tenantId)
        .where('code', '=', input.code)
        .executeTakeFirst();
      if (clash) throw new ConflictError(`Esiste già un bando con il codice "${input.code}".`);
    }
    await trx
      .updateTable('grant_calls')
      .set({ ...callColumns(input), updated_at: now })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', callId)
      .execute();
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
