// "Crea ordine di pagamento": a group of admitted, unpaid applications, one SEPA credit transfer per
// beneficiary, numbered per tenant and year (OP-yyyy-nnnn), in one transaction with the audit row.
import type { TAppDeps } from '../../../app-deps.js';
import { appendAudit, type TActor } from '../../../audit/audit-log.js';
import { ConflictError, ValidationError } from '../../../http/errors.js';
import { italianToday } from '../../../italian/dates.js';
import { nextCounter } from '../../../tenancy/counters.js';
import type { TTenant } from '../../../tenancy/tenant.js';

export async function createPaymentOrder(
  deps: Pick<TAppDeps, 'db' | 'now'>,
  tenant: TTenant,
  callId: string,
  applicationIds: readonly string[],
  actor: TActor,
): Promise<{ id: string; number: string; totalCents: number }> {
  const ids = [...new Set(applicationIds)];
  if (ids.length === 0)
    throw new ValidationError({ applications: 'Seleziona almeno una domanda ammessa da pagare.' });
  const now = deps.now();
  return deps.db.transaction().execute(async (trx) => {
    const apps = await trx
      .selectFrom('grant_applications')
      .select(['id', 'protocol', 'reserved_cents', 'status', 'paid_at'])
      .where('tenant_id', '=', tenant.id)
      .where('call_id', '=', callId)
      .where('id', 'in', ids)
      .forUpdate()
      .execute();
    const inOrders = await trx
      .selectFrom('grant_payment_items')
      .select('application_id')
      .where('tenant_id', '=', tenant.id)
      .where('application_id', 'in', ids)
      .execute();
    const already = new Set(inOrders.map((r) => r.application_id));
    const bad = apps.filter(
      (a) =>
        a.status !== 'admitted' || a.paid_at !== null || Number(a.reserved_cents) <= 0 || already.has(a.id),
    );
    if (apps.length !== ids.length || bad.length > 0)
      throw new ConflictError(
        `Alcune domande selezionate non sono più pagabili (non ammesse, già pagate o già in un ordine)${
          bad.length ? `: ${bad.map((b) => b.protocol).join(', ')}` : ''
        }. Aggiorna la pagina e riprova.`,
      );
    const year = italianToday(now).slice(0, 4);
    const n = await nextCounter(trx, tenant.id, `grant_payment_order:${year}`);
    const number = `OP-${year}-${String(n).padStart(4, '0')}`;
    const total = apps.reduce((s, a) => s + Number(a.reserved_cents), 0);
    const order = await trx
      .insertInto('grant_payment_orders')
      .values({
        tenant_id: tenant.id,
        call_id: callId,
        number,
        status: 'open',
        total_cents: total,
        created_by: actor.label,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('grant_payment_items')
      .values(
        apps.map((a) => ({
          order_id: order.id,
          tenant_id: tenant.id,
          application_id: a.id,
          amount_cents: Number(a.reserved_cents),
        })),
      )
      .execute();
    await appendAudit(trx, tenant.id, actor, {
      action: 'grant.payment_order_created',
      entityType: 'grant_payment_order',
      entityId: order.id,
      summary: {
        numero: number,
        totale: total,
        domande: apps.map((a) => [a.protocol, Number(a.reserved_cents)]),
      },
    });
    return { id: order.id, number, totalCents: total };
  });
}
