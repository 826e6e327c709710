import { sql } from 'kysely';
import type { TDb } from '../../db/database.js';
import { addDays } from '../../italian/dates.js';
import type { TenantId } from '../../tenancy/tenant.js';
import { findUserById } from '../accounts/users.js';
import { listCompanyDocuments } from '../companies/company-documents.js';
import { companyCertifications, getCompany, unsafeLiveCertifications } from '../companies/queries.js';
import { getStaff, staffCertifications } from '../staff/queries.js';

/** Read side of the back office. Every query takes the tenant. */

export const LIST_LIMIT = 200;

/** A LIKE pattern that matches `text` anywhere, with its wildcards taken literally. */
const contains = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** What a queue is filtered by: free text and a status (null: any). */
export type TQueueSearch = { q: string; status: string | null };
export type TCompanySearch = TQueueSearch;

/** The free text as two LIKE patterns: `like` as typed, `compact` without spaces (for codes); null when empty. */
function searchPatterns(text: string) {
  const q = text.trim();
  return q ? { like: contains(q), compact: contains(q.replace(/\s+/g, '')) } : null;
}

/** The first LIST_LIMIT rows, and whether there are more. */
async function firstRows<O>(query: { limit(n: number): { execute(): Promise<O[]> } }) {
  const rows = await query.limit(LIST_LIMIT + 1).execute();
  return { rows: rows.slice(0, LIST_LIMIT), more: rows.length > LIST_LIMIT };
}

/** Companies by ragione sociale, partita IVA, codice fiscale (ditta or LR), LR's name, and status. */
export async function searchCompanies(db: TDb, tenantId: TenantId, s: TCompanySearch) {
  let query = db
    .selectFrom('companies as c')
    .select([
      'c.id',
      'c.registration_number',
      'c.business_name',
      'c.vat_number',
      'c.company_tax_code',
      'c.lr_full_name',
      'c.lr_tax_code',
      'c.municipality_name',
      'c.status',
      'c.signed_at',
      'c.created_at',
    ])
    .select((eb) =>
      eb
        .selectFrom('company_documents as d')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('d.company_id', '=', 'c.id')
        .where('d.tenant_id', '=', tenantId)
        .as('documents'),
    )
    .where('c.tenant_id', '=', tenantId);
  if (s.status) query = query.where('c.status', '=', s.status);
  const p = searchPatterns(s.q);
  if (p) {
    const { like, compact } = p;
    query = query.where((eb) =>
      eb.or([
        eb('c.business_name', 'ilike', like),
        eb('c.lr_full_name', 'ilike', like),
        eb('c.vat_number', 'ilike', compact),
        eb('c.company_tax_code', 'ilike', compact),
        eb('c.lr_tax_code', 'ilike', compact),
        eb('c.registration_number', 'ilike', compact),
      ]),
    );
  }
  return firstRows(query.orderBy('c.created_at', 'asc').orderBy('c.registration_number'));
}

export type TStaffSearch = TQueueSearch;

/** Company staff by name, codice fiscale, e-mail, registration number or company, and status. */
export async function searchStaff(db: TDb, tenantId: TenantId, s: TStaffSearch) {
  let query = db
    .selectFrom('company_staff as s')
    .innerJoin('companies as c', (j) =>
      j.onRef('c.id', '=', 's.company_id').onRef('c.tenant_id', '=', 's.tenant_id'),
    )
    .select([
      's.id',
      's.registration_number',
      's.full_name',
      's.tax_code',
      's.email',
      's.job_type',
      's.user_type',
      's.status',
      's.lr_confirmed_at',
      's.created_at',
      'c.id as company_id',
      'c.business_name',
      'c.status as company_status',
    ])
    .where('s.tenant_id', '=', tenantId);
  if (s.status) query = query.where('s.status', '=', s.status);
  const p = searchPatterns(s.q);
  if (p) {
    const { like, compact } = p;
    query = query.where((eb) =>
      eb.or([
        eb('s.full_name', 'ilike', like),
        eb('s.email', 'ilike', like),
        eb('s.tax_code', 'ilike', compact),
        eb('s.registration_number', 'ilike', compact),
        eb('c.business_name', 'ilike', like),
        eb('c.vat_number', 'ilike', compact),
      ]),
    );
  }
  return firstRows(query.orderBy('s.created_at', 'asc').orderBy('s.registration_number'));
}

export async function companyStaff(db: TDb, tenantId: TenantId, companyId: string) {
  return db
    .selectFrom('company_staff')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('company_id', '=', companyId)
    .orderBy('full_name')
    .execute();
}

/**
 * Certifications of companies and staff that expire within `days` days of `today` or have already
 * expired, soonest first. Rejected companies and staff are left out.
 */
export async function upcomingExpiries(db: TDb, tenantId: TenantId, today: string, days = 30) {
  return unsafeLiveCertifications(db)
    .select([
      'k.id',
      'k.kind',
      'k.expiry_date',
      'k.staff_id',
      'c.id as company_id',
      'c.business_name',
      'c.registration_number',
      'c.status as company_status',
      's.full_name as staff_name',
      's.status as staff_status',
    ])
    .where('k.tenant_id', '=', tenantId)
    .where('k.expiry_date', '<=', addDays(today, days))
    .orderBy('k.expiry_date', 'asc')
    .orderBy('c.business_name')
    .orderBy(sql`coalesce(${sql.ref('s.full_name')}, '')`)
    .limit(1000)
    .execute();
}

/** Name and size of some stored files of the tenant (for download links). */
export async function fileInfos(db: TDb, tenantId: TenantId, ids: ReadonlyArray<string | null>) {
  const wanted = ids.filter((id): id is string => id !== null);
  if (wanted.length === 0) return new Map<string, { id: string; filename: string; size_bytes: number }>();
  const rows = await db
    .selectFrom('stored_files')
    .select(['id', 'filename', 'size_bytes'])
    .where('tenant_id', '=', tenantId)
    .where('id', 'in', wanted)
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

/** Everything the officer's page of a company shows; undefined when the tenant has no such company. */
export async function companyReview(db: TDb, tenantId: TenantId, companyId: string) {
  const company = await getCompany(db, tenantId, companyId);
  if (!company) return undefined;
  const [certifications, documents, staff, files] = await Promise.all([
    companyCertifications(db, tenantId, companyId),
    listCompanyDocuments(db, tenantId, companyId),
    companyStaff(db, tenantId, companyId),
    fileInfos(db, tenantId, [
      company.chamber_certificate_file_id,
      company.insurance_policy_file_id,
      company.receipt_file_id,
    ]),
  ]);
  const file = (id: string | null) => (id ? files.get(id) : undefined);
  return {
    company,
    certifications,
    documents,
    staff,
    files: {
      chamberCertificate: file(company.chamber_certificate_file_id),
      insurancePolicy: file(company.insurance_policy_file_id),
      receipt: file(company.receipt_file_id),
    },
  };
}

/** Everything the officer's page of a staff member shows; undefined when the tenant has no such person. */
export async function staffReview(db: TDb, tenantId: TenantId, staffId: string) {
  const staff = await getStaff(db, tenantId, staffId);
  if (!staff) return undefined;
  const [company, account, certifications] = await Promise.all([
    getCompany(db, tenantId, staff.company_id),
    findUserById(db, tenantId, staff.user_id),
    staffCertifications(db, tenantId, staffId),
  ]);
  return company ? { staff, company, account, certifications } : undefined;
}
