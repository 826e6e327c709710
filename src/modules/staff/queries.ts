import type { TDb } from '../../db/database.js';
import type { TenantId } from '../../tenancy/tenant.js';

/** Queries on company staff; every one takes the tenant. */

export async function getStaff(db: TDb, tenantId: TenantId, staffId: string) {
  return db
    .selectFrom('company_staff')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', staffId)
    .executeTakeFirst();
}

/** A registration of the same person for the same company that is still alive (not rejected). */
export async function findLiveStaffRegistration(
  db: TDb,
  tenantId: TenantId,
  companyId: string,
  taxCode: string,
) {
  return db
    .selectFrom('company_staff')
    .select(['id', 'registration_number'])
    .where('tenant_id', '=', tenantId)
    .where('company_id', '=', companyId)
    .where('tax_code', '=', taxCode)
    .where('status', '<>', 'rejected')
    .executeTakeFirst();
}

export async function staffCertifications(db: TDb, tenantId: TenantId, staffId: string) {
  return db
    .selectFrom('certifications')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('staff_id', '=', staffId)
    .execute();
}
