import { sql } from 'kysely';
import type { TDb } from '../db/database.js';
import type { TenantId } from './tenant.js';

/** Next value of a per-tenant counter (registration and protocol numbers); gap-free within a transaction. */
export async function nextCounter(trx: TDb, tenantId: TenantId, name: string): Promise<number> {
  const row = await trx
    .insertInto('tenant_counters')
    .values({ tenant_id: tenantId, name, value: 1 })
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'name']).doUpdateSet({ value: sql`tenant_counters.value + 1` }),
    )
    .returning('value')
    .executeTakeFirstOrThrow();
  return Number(row.value);
}
