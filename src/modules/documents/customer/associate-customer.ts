import { appendAudit, type TActor } from '../../../audit/audit-log.js';
import type { TDb } from '../../../db/database.js';
import { DomainError } from '../../../http/errors.js';
import { normaliseTaxCode } from '../../../italian/codice-fiscale.js';
import type { TenantId, TTenant } from '../../../tenancy/tenant.js';
import type { TAccountsDeps } from '../../accounts/deps.js';
import type { TCustomerType } from '../customer-types.js';
import { unreadCount } from './customer-documents.js';

/** One answer for every mismatch: nobody can tell which part was wrong. */
export const ASSOCIATION_MISMATCH =
  'I dati inseriti non corrispondono a un cliente: controlla i dati riportati in bolletta.';

export const ASSOCIATION_MAX_FAILURES = 5;
export const ASSOCIATION_WINDOW_MINUTES = 60;
export const ASSOCIATION_LIMITED =
  "Troppi tentativi di associazione non riusciti: per sicurezza riprova tra un'ora.";

export class AssociationError extends DomainError {
  override readonly status = 422;
  override readonly title = 'Associazione non riuscita';
}

export type TAssociationInput = {
  customerName: string;
  customerType: TCustomerType;
  customerCode: string;
  taxCode: string;
};

/** Names are compared without regard to case and spacing ("ROSSI  mario" = "Rossi Mario"). */
export function normaliseName(name: string): string {
  return name.normalize('NFC').replace(/\s+/g, ' ').trim().toLocaleLowerCase('it-IT');
}

/**
 * "associazione cliente" (seed 004 § 4): succeeds only when name, type, customer code and tax code all
 * match the tenant's master data. Failures are counted per account: after ASSOCIATION_MAX_FAILURES in
 * an hour every attempt (even a right one) is refused until the window has passed.
 */
export async function associateCustomer(
  deps: TAccountsDeps,
  tenant: TTenant,
  userId: string,
  input: TAssociationInput,
  actor: TActor,
): Promise<{ customerId: string; alreadyLinked: boolean }> {
  const now = deps.now();
  const since = new Date(now.getTime() - ASSOCIATION_WINDOW_MINUTES * 60_000);
  const outcome = await deps.db.transaction().execute(async (trx) => {
    // One account's attempts take turns, so parallel requests cannot exceed the limit.
    await trx
      .selectFrom('users')
      .select('id')
      .where('tenant_id', '=', tenant.id)
      .where('id', '=', userId)
      .forUpdate()
      .executeTakeFirst();
    const failures = await trx
      .selectFrom('association_attempts')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('tenant_id', '=', tenant.id)
      .where('user_id', '=', userId)
      .where('attempted_at', '>', since)
      .executeTakeFirstOrThrow();
    if (Number(failures.n) >= ASSOCIATION_MAX_FAILURES) return { error: ASSOCIATION_LIMITED };
    const customer = await trx
      .selectFrom('customers')
      .select(['id', 'name', 'customer_type', 'tax_code', 'customer_code'])
      .where('tenant_id', '=', tenant.id)
      .where('customer_code', '=', input.customerCode.trim())
      .executeTakeFirst();
    const matches =
      customer !== undefined &&
      customer.customer_type === input.customerType &&
      normaliseTaxCode(customer.tax_code) === normaliseTaxCode(input.taxCode) &&
      normaliseName(customer.name) === normaliseName(input.customerName);
    if (!customer || !matches) {
      await trx
        .insertInto('association_attempts')
        .values({ tenant_id: tenant.id, user_id: userId, attempted_at: now })
        .execute();
      return { error: ASSOCIATION_MISMATCH };
    }
    const inserted = await trx
      .insertInto('customer_links')
      .values({ tenant_id: tenant.id, user_id: userId, customer_id: customer.id, created_at: now })
      .onConflict((oc) => oc.columns(['user_id', 'customer_id']).doNothing())
      .executeTakeFirst();
    const alreadyLinked = Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0;
    if (!alreadyLinked)
      await appendAudit(trx, tenant.id, actor, {
        action: 'customer.associated',
        entityType: 'customer',
        entityId: customer.id,
        summary: { customerCode: customer.customer_code, userId },
      });
    return { customerId: customer.id, alreadyLinked };
  });
  if ('error' in outcome) throw new AssociationError(outcome.error);
  return outcome;
}

/** The customers an account holds in this tenant, in the order they were associated. */
export async function listLinkedCustomers(db: TDb, tenantId: TenantId, userId: string) {
  return db
    .selectFrom('customer_links as l')
    .innerJoin('customers as c', (j) =>
      j.onRef('c.id', '=', 'l.customer_id').onRef('c.tenant_id', '=', 'l.tenant_id'),
    )
    .select(['c.id', 'c.name', 'c.customer_code', 'c.customer_type', 'l.created_at'])
    .where('l.tenant_id', '=', tenantId)
    .where('l.user_id', '=', userId)
    .orderBy('l.created_at')
    .orderBy('c.customer_code')
    .execute();
}

export type TLinkedCustomer = Awaited<ReturnType<typeof listLinkedCustomers>>[number];

/** The linked customers, each with the count of its unread documents (the association page). */
export async function listLinkedCustomersWithUnread(db: TDb, tenantId: TenantId, userId: string) {
  const linked = await listLinkedCustomers(db, tenantId, userId);
  return Promise.all(linked.map(async (c) => ({ ...c, unread: await unreadCount(db, tenantId, c.id) })));
}

/** The customer, when the account is linked to it in this tenant; undefined otherwise (→ 404). */
export async function findLinkedCustomer(db: TDb, tenantId: TenantId, userId: string, customerId: string) {
  return db
    .selectFrom('customer_links as l')
    .innerJoin('customers as c', (j) =>
      j.onRef('c.id', '=', 'l.customer_id').onRef('c.tenant_id', '=', 'l.tenant_id'),
    )
    .select(['c.id', 'c.name', 'c.customer_code', 'c.customer_type'])
    .where('l.tenant_id', '=', tenantId)
    .where('l.user_id', '=', userId)
    .where('l.customer_id', '=', customerId)
    .executeTakeFirst();
}
