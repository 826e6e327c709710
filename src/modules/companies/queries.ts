import type { TDb } from '../../db/database.js';
import type { TenantId } from '../../tenancy/tenant.js';

/** Queries on companies; every one takes the tenant. */

export async function findCompanyByVat(db: TDb, tenantId: TenantId, vatNumber: string) {
  return db
    .selectFrom('companies')
    .select(['id', 'status'])
    .where('tenant_id', '=', tenantId)
    .where('vat_number', '=', vatNumber)
    .executeTakeFirst();
}

export async function getCompany(db: TDb, tenantId: TenantId, companyId: string) {
  return db
    .selectFrom('companies')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', companyId)
    .executeTakeFirst();
}

export async function companyCertifications(db: TDb, tenantId: TenantId, companyId: string) {
  return db
    .selectFrom('certifications')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('company_id', '=', companyId)
    .where('staff_id', 'is', null)
    .execute();
}

/** Companies whose self-declaration is signed (staff can be registered for them), for "Selezionare la ditta". */
export async function listSignedCompanies(db: TDb, tenantId: TenantId) {
  return db
    .selectFrom('companies')
    .select(['id', 'business_name', 'vat_number', 'municipality_name'])
    .where('tenant_id', '=', tenantId)
    .where('status', 'in', ['registered', 'active'])
    .orderBy('business_name')
    .execute();
}

/**
 * Certifications joined with their company and, for staff, their person; rejected companies and staff are
 * left out. Across every tenant (hence `unsafe`): callers add the tenant unless they mean all of them, and
 * the dates and the columns.
 */
export function unsafeLiveCertifications(db: TDb) {
  return db
    .selectFrom('certifications as k')
    .innerJoin('companies as c', (j) =>
      j.onRef('c.id', '=', 'k.company_id').onRef('c.tenant_id', '=', 'k.tenant_id'),
    )
    .leftJoin('company_staff as s', (j) =>
      j.onRef('s.id', '=', 'k.staff_id').onRef('s.tenant_id', '=', 'k.tenant_id'),
    )
    .where('c.status', '<>', 'rejected')
    .where((eb) => eb.or([eb('k.staff_id', 'is', null), eb('s.status', '<>', 'rejected')]));
}
