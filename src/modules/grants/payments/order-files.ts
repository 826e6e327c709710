// The files of a payment order: the pain.001.001.03 XML for the treasury's bank and the CSV for the office.
import type { TDb } from '../../../db/database.js';
import { ConflictError } from '../../../http/errors.js';
import { italianToday } from '../../../italian/dates.js';
import { formatEuroPlain } from '../../../italian/money.js';
import type { TenantId, TTenant } from '../../../tenancy/tenant.js';
import type { TGrantCall } from '../calls/call.js';
import { toCsv } from './csv-file.js';
import { getOrder } from './payment-order-queries.js';
import { buildPain001 } from './sepa-pain001.js';
import { treasuryOf } from './treasury.js';

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
