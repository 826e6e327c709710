import type { TAppDeps } from '../../src/app-deps.js';
import type { TActor } from '../../src/audit/audit-log.js';
import type { TDb } from '../../src/db/database.js';
import { italianToday } from '../../src/italian/dates.js';
import { insertUser } from '../../src/modules/accounts/users.js';
import { readCompanyRegistration } from '../../src/modules/companies/company-form.js';
import { registerCompany, type TCompanyUploads } from '../../src/modules/companies/register-company.js';
import { signDeclaration } from '../../src/modules/companies/sign-declaration.js';
import type { TTenant } from '../../src/tenancy/tenant.js';
import { companyForm } from './companies.js';

export const TEST_ACTOR: TActor = { id: null, label: 'test', ip: '192.0.2.10' };

/** Token of the newest link of a kind ("firma", "documenti") e-mailed to an address of a tenant. */
export async function linkTokenFromMail(db: TDb, tenant: TTenant, to: string, path: 'firma' | 'documenti') {
  const mails = await db
    .selectFrom('mail_outbox')
    .select('text_body')
    .where('tenant_id', '=', tenant.id)
    .where('to_address', '=', to)
    .orderBy('id', 'desc')
    .execute();
  for (const m of mails) {
    const found = new RegExp(`/ditte/${path}\\?token=(\\S+)`).exec(m.text_body);
    if (found) return decodeURIComponent(found[1]!);
  }
  throw new Error(`no ${path} link e-mailed to ${to}`);
}

/**
 * A company registered through the registration use case (receipt, certifications, links, e-mail),
 * optionally signed as the legal representative would ('registered').
 */
export async function registerTestCompany(
  deps: TAppDeps,
  tenant: TTenant,
  over: Record<string, string> = {},
  opts: { sign?: boolean; uploads?: TCompanyUploads } = {},
) {
  const read = readCompanyRegistration(companyForm(over), italianToday(deps.now()));
  if (!read.ok) throw new Error(`invalid test company: ${JSON.stringify(read.errors)}`);
  const { companyId, registrationNumber } = await registerCompany(
    deps,
    tenant,
    read.declaration,
    opts.uploads ?? {},
    TEST_ACTOR,
    `http://${tenant.slug}.localhost`,
  );
  if (opts.sign ?? true) {
    const token = await linkTokenFromMail(deps.db, tenant, read.declaration.lrEmail, 'firma');
    await signDeclaration(deps, tenant, token, TEST_ACTOR);
  }
  return { companyId, registrationNumber, lrEmail: read.declaration.lrEmail };
}

let staffCounter = 0;

/**
 * A staff member as the staff registration leaves it (that module is not used here): a user waiting for
 * activation with a password to change at first access, and its company_staff row; optionally some
 * certifications.
 */
export async function insertTestStaff(
  deps: TAppDeps,
  tenant: TTenant,
  companyId: string,
  o: {
    username?: string;
    fullName?: string;
    email?: string;
    taxCode?: string;
    password?: string;
    lrConfirmed?: boolean;
    certifications?: Array<{ kind: string; expiryDate: string }>;
  } = {},
) {
  staffCounter++;
  const username = o.username ?? `tecnico${staffCounter}`;
  const email = o.email ?? `${username}@example.org`;
  const fullName = o.fullName ?? `Verdi Giuseppe ${staffCounter}`;
  const password = o.password ?? 'Iniziale-1';
  const user = await insertUser(deps.db, tenant.id, {
    username,
    email,
    fullName,
    passwordHash: await deps.hasher.hash(password),
    role: 'staff_tecnico_privato',
    status: 'awaiting_activation',
    mustChangePassword: true,
    emailVerified: true,
  });
  const staff = await deps.db
    .insertInto('company_staff')
    .values({
      tenant_id: tenant.id,
      company_id: companyId,
      user_id: user.id,
      registration_number: `TE-TEST-${String(staffCounter).padStart(6, '0')}-${tenant.slug}`,
      full_name: fullName,
      tax_code: o.taxCode ?? 'BNCLCU85M41F205T',
      email,
      job_type: 'tecnico',
      user_type: 'privato',
      status: 'awaiting_activation',
      send_email_to_user: true,
      lr_confirmed_at: o.lrConfirmed ? deps.now() : null,
      receipt_hash: 'a'.repeat(64),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const c of o.certifications ?? [])
    await deps.db
      .insertInto('certifications')
      .values({
        tenant_id: tenant.id,
        company_id: companyId,
        staff_id: staff.id,
        kind: c.kind,
        reference_date: '2024-01-01',
        expiry_date: c.expiryDate,
        last_check_expiry_date: null,
      })
      .execute();
  return { staffId: staff.id, userId: user.id, username, email, fullName, password };
}
