// "Segna come recuperato": a revoked contribution paid back by the beneficiary (Avviso § 9).
import type { TAppDeps } from '../../../app-deps.js';
import { appendAudit, type TActor } from '../../../audit/audit-log.js';
import { ConflictError, NotFoundError } from '../../../http/errors.js';
import type { TTenant } from '../../../tenancy/tenant.js';

/** "Segna come recuperato": the money paid back by the beneficiary. */
export async function markRecovered(
  deps: Pick<TAppDeps, 'db' | 'now'>,
  tenant: TTenant,
  recoveryId: string,
  actor: TActor,
): Promise<void> {
  const now = deps.now();
  await deps.db.transaction().execute(async (trx) => {
    const r = await trx
      .selectFrom('grant_recoveries as r')
      .innerJoin('grant_applications as a', 'a.id', 'r.application_id')
      .select(['r.id', 'r.recovered_at', 'r.amount_cents', 'r.application_id', 'a.protocol'])
      .where('r.tenant_id', '=', tenant.id)
      .where('r.id', '=', recoveryId)
      .forUpdate('r')
      .executeTakeFirst();
    if (!r) throw new NotFoundError('Il recupero richiesto non esiste.');
    if (r.recovered_at) throw new ConflictError('La somma risulta già recuperata.');
    await trx
      .updateTable('grant_recoveries')
      .set({ recovered_at: now })
      .where('tenant_id', '=', tenant.id)
      .where('id', '=', recoveryId)
      .execute();
    await appendAudit(trx, tenant.id, actor, {
      action: 'grant.recovery_collected',
      entityType: 'grant_application',
      entityId: r.application_id,
      summary: { protocollo: r.protocol, importo: Number(r.amount_cents) },
    });
  });
}
