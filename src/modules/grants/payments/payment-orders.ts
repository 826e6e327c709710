// Payment orders ("atti di liquidazione", Avviso § 6: "erogazione in un'unica soluzione a saldo con
// bonifico"): a group of admitted, unpaid applications, one SEPA credit transfer per beneficiary. The order
// gets a number per tenant (OP-yyyy-nnnn), can be downloaded as pain.001.001.03 and CSV, and is marked paid,
// which sets paid_at on its applications and tells each beneficiary by e-mail.
import type { TAppDeps } from '../../../app-deps.js';
import { appendAudit, type TActor } from '../../../audit/audit-log.js';
import type { TDb } from '../../../db/database.js';
import { ConflictError, NotFoundError, ValidationError } from '../../../http/errors.js';
import { isUuid } from '../../../http/ids.js';
import { italianToday } from '../../../italian/dates.js';
import { formatEuroPlain } from '../../../italian/money.js';
import { enqueueMail } from '../../../mail/outbox.js';
import { nextCounter } from '../../../tenancy/counters.js';
import type { TenantId, TTenant } from '../../../tenancy/tenant.js';
import type { TApplicationValues } from '../application/application-data.js';
import { applicantName } from '../application/application-receipt.js';
import type { TGrantCall } from '../calls/call.js';
import { toCsv } from './export-applications.js';
import { paidMail } from './payment-mails.js';
import { buildPain001, type TSepaParty } from './sepa-pain001.js';

export const ORDER_STATUS_LABELS: Record<string, string> = {
  open: 'Disposto, da pagare',
  paid: 'Pagato',
  cancelled: 'Annullato (nessuna domanda)',
};

/**
 * The treasury account the transfers are debited to. CONFIGURATION DEFAULTS: a call may set
 * `rules.treasury = { name, iban, bic }`; without it these demonstration values are used (the account of
 * the Banca d'Italia treasury format, not a real account) and the payments page says so.
 */
export const DEMO_TREASURY: Omit<TSepaParty, 'name'> = {
  iban: 'IT42X0100003245348000000123',
  bic: 'BITAITRRXXX',
};

export function treasuryOf(call: TGrantCall, tenant: TTenant): TSepaParty & { isDefault: boolean } {
  const t = call.rules.treasury;
  if (t?.iban && t.bic) return { name: t.name || tenant.name, iban: t.iban, bic: t.bic, isDefault: false };
  return { name: tenant.name, ...DEMO_TREASURY, isDefault: true };
}

const dataOf = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v) as TApplicationValues;

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
    const d = dataOf(r.data);
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

export async function createPaymentOrder(
  deps: Pick<TAppDeps, 'db' | 'now'>,
  tenant: TTenant,
  callId: string,
  applicationIds: readonly string[],
  actor: TActor,
): Promise<{ id: string; number: string; totalCents: number }> {
  const ids = [...new Set(applicationIds)].filter(isUuid);
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
  if (!isUuid(orderId)) throw new NotFoundError('L’ordine di pagamento richiesto non esiste.');
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
    const d = dataOf(r.data);
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

/** The order as a pain.001.001.03 file for the treasury's bank. */
export async function orderSepaXml(
  db: TDb,
  tenant: TTenant,
  call: TGrantCall,
  orderId: string,
  now: Date,
): Promise<{ filename: string; xml: string }> {
  const order = await getOrder(db, tenant.id, call.id, orderId);
  if (order.items.length === 0) throw new ConflictError('L’ordine non contiene domande da pagare.');
  const treasury = treasuryOf(call, tenant);
  const xml = buildPain001({
    // The order number is the message id: a second upload of the same order is refused by the bank.
    messageId: `${call.protocolPrefix}-${order.number}`,
    createdAt: now,
    initiatingPartyName: tenant.name,
    paymentInfoId: `${order.number}-1`,
    requestedExecutionDate: italianToday(now),
    debtor: treasury,
    transactions: order.items.map((i) => ({
      endToEndId: i.protocol,
      amountCents: i.amountCents,
      creditorName: i.beneficiary,
      creditorIban: i.iban,
      remittance: `Contributo domanda ${i.protocol} - bando ${call.code} - ${call.title}`,
    })),
  });
  return { filename: `${order.number}.xml`, xml };
}

export async function orderCsv(db: TDb, tenantId: TenantId, callId: string, orderId: string) {
  const order = await getOrder(db, tenantId, callId, orderId);
  return {
    filename: `${order.number}.csv`,
    csv: toCsv([
      [
        'Ordine',
        'Protocollo',
        'Sequenza di arrivo',
        'Beneficiario (intestatario del conto)',
        'IBAN',
        'Importo (€)',
      ],
      ...order.items.map((i) => [
        order.number,
        i.protocol,
        String(i.seq),
        i.beneficiary,
        i.iban,
        formatEuroPlain(i.amountCents),
      ]),
      ['', '', '', '', 'Totale', formatEuroPlain(order.totalCents)],
    ]),
  };
}

export async function markOrderPaid(
  deps: Pick<TAppDeps, 'db' | 'now'>,
  tenant: TTenant,
  call: TGrantCall,
  orderId: string,
  actor: TActor,
): Promise<{ number: string; items: number }> {
  if (!isUuid(orderId)) throw new NotFoundError('L’ordine di pagamento richiesto non esiste.');
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
