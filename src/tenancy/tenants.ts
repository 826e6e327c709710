import type { TPasswordPolicyId } from '../auth/password-policy.js';
import type { TDb } from '../db/database.js';
import { type TenantId, type TTenant, toTenant } from './tenant.js';

export type TNewTenant = {
  slug: string;
  name: string;
  activationEmail: string;
  supportPhone?: string | null;
  supportHours?: string | null;
  logoUrl?: string | null;
  privacyUrl?: string | null;
  passwordPolicy: TPasswordPolicyId;
};

export async function findTenantBySlug(db: TDb, slug: string): Promise<TTenant | undefined> {
  const row = await db.selectFrom('tenants').selectAll().where('slug', '=', slug).executeTakeFirst();
  return row ? toTenant(row) : undefined;
}

export async function getTenant(db: TDb, tenantId: TenantId): Promise<TTenant> {
  return toTenant(
    await db.selectFrom('tenants').selectAll().where('id', '=', tenantId).executeTakeFirstOrThrow(),
  );
}

export async function listTenants(db: TDb): Promise<TTenant[]> {
  const rows = await db.selectFrom('tenants').selectAll().orderBy('slug').execute();
  return rows.map(toTenant);
}

export async function insertTenant(db: TDb, t: TNewTenant): Promise<TTenant> {
  const row = await db
    .insertInto('tenants')
    .values({
      slug: t.slug,
      name: t.name,
      activation_email: t.activationEmail,
      support_phone: t.supportPhone ?? null,
      support_hours: t.supportHours ?? null,
      logo_url: t.logoUrl ?? null,
      privacy_url: t.privacyUrl ?? null,
      password_policy: t.passwordPolicy,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toTenant(row);
}
