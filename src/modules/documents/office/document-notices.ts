import type { TDb } from '../../../db/database.js';
import type { TMail } from '../../../mail/outbox.js';
import type { TenantId } from '../../../tenancy/tenant.js';

/**
 * Who gets the notices of a customer's documents: every account linked to the customer
 * ("associazione cliente"), or, when no account is linked yet, the e-mail of the customer master data.
 * Addresses are deduplicated without regard to case. Customers with nobody to write to are absent.
 */
export async function noticeRecipients(
  db: TDb,
  tenantId: TenantId,
  customerIds: readonly string[],
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (customerIds.length === 0) return out;
  const ids = [...new Set(customerIds)];
  const add = (customerId: string, email: string | null) => {
    const e = (email ?? '').trim();
    if (!e) return;
    const list = out.get(customerId) ?? [];
    if (!list.some((x) => x.toLowerCase() === e.toLowerCase())) list.push(e);
    out.set(customerId, list);
  };
  const linked = await db
    .selectFrom('customer_links as l')
    .innerJoin('users as u', (j) =>
      j.onRef('u.id', '=', 'l.user_id').onRef('u.tenant_id', '=', 'l.tenant_id'),
    )
    .select(['l.customer_id', 'u.email'])
    .where('l.tenant_id', '=', tenantId)
    .where('l.customer_id', 'in', ids)
    .where('u.status', '!=', 'disabled')
    .orderBy('l.created_at')
    .execute();
  for (const r of linked) add(r.customer_id, r.email);
  const unlinked = ids.filter((id) => !out.has(id));
  if (unlinked.length > 0) {
    const customers = await db
      .selectFrom('customers')
      .select(['id', 'email'])
      .where('tenant_id', '=', tenantId)
      .where('id', 'in', unlinked)
      .execute();
    for (const c of customers) add(c.id, c.email);
  }
  return out;
}

/** Writes many e-mails to the outbox with multi-row inserts (in the caller's transaction). */
export async function enqueueMails(trx: TDb, tenantId: TenantId, mails: readonly TMail[]): Promise<number> {
  const CHUNK = 500;
  for (let i = 0; i < mails.length; i += CHUNK) {
    await trx
      .insertInto('mail_outbox')
      .values(
        mails.slice(i, i + CHUNK).map((m) => ({
          tenant_id: tenantId,
          to_address: m.to,
          subject: m.subject,
          text_body: m.text,
          html_body: m.html ?? null,
          attachments: '[]',
        })),
      )
      .execute();
  }
  return mails.length;
}
