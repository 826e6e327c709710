// "Segna come pagato": the order's transfers were executed. In one transaction: the order and its
// applications paid, the audit row, and an e-mail to each beneficiary.
import type { TAppDeps } from '../../../app-deps.js';
import { appendAudit, type TActor } from '../../../audit/audit-log.js';
import { ConflictError, NotFoundError } from '../../../http/errors.js';
import { enqueueMail } from '../../../mail/outbox.js';
import type { TTenant } from '../../../tenancy/tenant.js';
import type { TGrantCall } from '../calls/call.js';
import { paidMail } from './payment-mails.js';
import { getOrder, ORDER_STATUS_LABELS } from './payment-order-queries.js';

export async function markOrderPaid(
  deps: Pick<TAppDeps, 'db' | 'now'>,
  tenant: TTenant,
  call: TGrantCall,
  orderId: string,
  actor: TActor,
): Promise<{ number: string; items: number }> {
  const now = deps.now();
  return deps.db.transaction().execute(async (trx) => {
    const order = await trx
      .selectFrom('grant_payment_orders')
      .selectAll()
      .where('tenant_id', '=', tenant.id)
      .where('call_id', '=', call.id)
      .where('id', '=', orderId)
      .forUpdate()
      .executeTakeFirst();
    if (!order) throw new NotFoundError('L’ordine di pagamento richiesto non esiste.');
    if (order.status !== 'open')
      throw new ConflictError(
        `L’ordine ${order.number} non può essere segnato come pagato: è «${ORDER_STATUS_LABELS[order.status] ?? order.status}».`,
      );
    const full = await getOrder(trx, tenant.id, call.id, orderId);
    if (full.items.length === 0) throw new ConflictError('L’ordine non contiene domande da pagare.');
    const notAdmitted = await trx
      .selectFrom('grant_applications')
      .select('protocol')
      .where('tenant_id', '=', tenant.id)
      .where(
        'id',
        'in',
        full.items.map((i) => i.applicationId),
      )
      .where('status', '!=', 'admitted')
      .execute();
    if (notAdmitted.length > 0)
      throw new ConflictError(
        `Nell’ordine ci sono domande non più ammesse: ${notAdmitted.map((r) => r.protocol).join(', ')}.`,
      );
    await trx
      .updateTable('grant_payment_orders')
      .set({ status: 'paid', paid_at: now })
      .where('tenant_id', '=', tenant.id)
      .where('id', '=', orderId)
      .execute();
    await trx
      .updateTable('grant_applications')
      .set({ paid_at: now, updated_at: now })
      .where('tenant_id', '=', tenant.id)
      .where(
        'id',
        'in',
        full.items.map((i) => i.applicationId),
      )
      .execute();
    await appendAudit(trx, tenant.id, actor, {
      action: 'grant.payment_order_paid',
      entityType: 'grant_payment_order',
      entityId: orderId,
      summary: {
        numero: order.number,
        totale: Number(order.total_cents),
        domande: full.items.map((i) => i.protocol),
      },
    });
    for (const i of full.items) {
      if (!i.email.trim()) continue;
      await enqueueMail(
        trx,
        tenant.id,
        paidMail(tenant, {
          to: i.email.trim(),
          applicantName: i.applicantName,
          protocol: i.protocol,
          callTitle: call.title,
          amountCents: i.amountCents,
          orderNumber: order.number,
          ibanTail: i.iban.replace(/\s/g, '').slice(-4),
        }),
      );
    }
    return { number: order.number, items: full.items.length };
  });
}
