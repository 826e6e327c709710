// Reading payment orders ("atti di liquidazione", Avviso § 6): what can be paid, the orders of a call, one
// order with its transfers, and the public list (protocols and amounts, no names). Every query takes the tenant.
import type { TDb } from '../../../db/database.js';
import { NotFoundError } from '../../../http/errors.js';
import type { TenantId } from '../../../tenancy/tenant.js';
import { applicantName, storedAnswers } from '../application/allegato-a/answers.js';

export const ORDER_STATUS_LABELS: Record<string, string> = {
  open: 'Disposto, da pagare',
  paid: 'Pagato',
  cancelled: 'Annullato (nessuna domanda)',
};

/** Admitted applications not yet paid and not in any order, in arrival order. */
export async function payableApplications(db: TDb, tenantId: TenantId, callId: string) {
  const rows = await db
    .selectFrom('grant_applications as a')
    .leftJoin('grant_payment_items as i', 'i.application_id', 'a.id')
    .select(['a.id', 'a.protocol', 'a.arrival_seq', 'a.reserved_cents', 'a.data', 'a.decided_at'])
    .where('a.tenant_id', '=', tenantId)
    .where('a.call_id', '=', callId)
    .where('a.status', '=', 'admitted')
    .where('a.paid_at', 'is', null)
    .where('a.reserved_cents', '>', 0)
    .where('i.order_id', 'is', null)
    .orderBy('a.arrival_seq')
    .execute();
  return rows.map((r) => {
    const d = storedAnswers(r.data);
    return {
      id: r.id,
      protocol: r.protocol ?? '',
      seq: Number(r.arrival_seq),
      amountCents: Number(r.reserved_cents),
      beneficiary: d.account_holder ?? '',
      iban: d.iban ?? '',
      decidedAt: r.decided_at,
    };
  });
}

export async function listOrders(db: TDb, tenantId: TenantId, callId: string) {
  const rows = await db
    .selectFrom('grant_payment_orders as o')
    .leftJoin('grant_payment_items as i', 'i.order_id', 'o.id')
    .select((eb) => [
      'o.id',
      'o.number',
      'o.status',
      'o.total_cents',
      'o.created_by',
      'o.created_at',
      'o.paid_at',
      eb.fn.count<number>('i.application_id').as('items'),
    ])
    .where('o.tenant_id', '=', tenantId)
    .where('o.call_id', '=', callId)
    .groupBy(['o.id', 'o.number', 'o.status', 'o.total_cents', 'o.created_by', 'o.created_at', 'o.paid_at'])
    .orderBy('o.created_at', 'desc')
    .orderBy('o.number', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    status: r.status,
    totalCents: Number(r.total_cents),
    createdBy: r.created_by,
    createdAt: r.created_at,
    paidAt: r.paid_at,
    items: Number(r.items),
  }));
}

export type TOrderItem = {
  applicationId: string;
  protocol: string;
  seq: number;
  amountCents: number;
  beneficiary: string;
  iban: string;
  email: string;
  applicantName: string;
};

export async function getOrder(db: TDb, tenantId: TenantId, callId: string, orderId: string) {
  const order = await db
    .selectFrom('grant_payment_orders')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('call_id', '=', callId)
    .where('id', '=', orderId)
    .executeTakeFirst();
  if (!order) throw new NotFoundError('L’ordine di pagamento richiesto non esiste.');
  const rows = await db
    .selectFrom('grant_payment_items as i')
    .innerJoin('grant_applications as a', 'a.id', 'i.application_id')
    .select(['i.application_id', 'i.amount_cents', 'a.protocol', 'a.arrival_seq', 'a.data'])
    .where('i.tenant_id', '=', tenantId)
    .where('i.order_id', '=', orderId)
    .orderBy('a.arrival_seq')
    .execute();
  const items: TOrderItem[] = rows.map((r) => {
    const d = storedAnswers(r.data);
    return {
      applicationId: r.application_id,
      protocol: r.protocol ?? '',
      seq: Number(r.arrival_seq),
      amountCents: Number(r.amount_cents),
      beneficiary: d.account_holder ?? '',
      iban: d.iban ?? '',
      email: d.email ?? '',
      applicantName: applicantName(d),
    };
  });
  return {
    id: order.id,
    number: order.number,
    status: order.status,
    totalCents: Number(order.total_cents),
    createdBy: order.created_by,
    createdAt: order.created_at,
    paidAt: order.paid_at,
    items,
  };
}

/** The public list (no login): order number, date, and per item only protocol and amount — no names. */
export async function publicOrders(db: TDb, tenantId: TenantId, callId: string) {
  const rows = await db
    .selectFrom('grant_payment_orders as o')
    .innerJoin('grant_payment_items as i', 'i.order_id', 'o.id')
    .innerJoin('grant_applications as a', 'a.id', 'i.application_id')
    .select([
      'o.id',
      'o.number',
      'o.status',
      'o.created_at',
      'o.paid_at',
      'a.protocol',
      'a.arrival_seq',
      'i.amount_cents',
    ])
    .where('o.tenant_id', '=', tenantId)
    .where('o.call_id', '=', callId)
    .where('o.status', 'in', ['open', 'paid'])
    .orderBy('o.created_at')
    .orderBy('o.number')
    .orderBy('a.arrival_seq')
    .execute();
  const orders = new Map<
    string,
    {
      number: string;
      status: string;
      createdAt: Date;
      paidAt: Date | null;
      totalCents: number;
      items: Array<{ protocol: string; amountCents: number }>;
    }
  >();
  for (const r of rows) {
    let o = orders.get(r.id);
    if (!o) {
      o = {
        number: r.number,
        status: r.status,
        createdAt: r.created_at,
        paidAt: r.paid_at,
        totalCents: 0,
        items: [],
      };
      orders.set(r.id, o);
    }
    o.items.push({ protocol: r.protocol ?? '', amountCents: Number(r.amount_cents) });
    o.totalCents += Number(r.amount_cents);
  }
  return [...orders.values()];
}
