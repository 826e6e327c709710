import { z } from 'zod';
import { generateLinkToken, hashCode } from '../../auth/one-time-code.js';
import type { TDb } from '../../db/database.js';
import type { TenantId } from '../../tenancy/tenant.js';

/** Links e-mailed to the legal representative. Only the token's hash is stored. */
export const LINK_RULES = {
  sign: { days: 7, singleUse: true },
  confirm_staff: { days: 7, singleUse: true },
  documents: { days: 30, singleUse: false },
} as const;

/** `?token=…` of an e-mailed link; a missing token is an unknown link (410), not a bad request. */
export const ZLinkTokenQuery = z.object({ token: z.string().default('') });

export type TLinkPurpose = keyof typeof LINK_RULES;

export async function issueCompanyLink(
  trx: TDb,
  tenantId: TenantId,
  secret: string,
  link: { companyId: string; staffId?: string | null; purpose: TLinkPurpose },
  now: Date,
): Promise<string> {
  const token = generateLinkToken();
  await trx
    .insertInto('company_links')
    .values({
      tenant_id: tenantId,
      company_id: link.companyId,
      staff_id: link.staffId ?? null,
      purpose: link.purpose,
      token_hash: hashCode(secret, token),
      expires_at: new Date(now.getTime() + LINK_RULES[link.purpose].days * 86_400_000),
    })
    .execute();
  return token;
}

/** A link found by its token: valid, or used/expired (known, with its company), or unknown. */
export type TCompanyLink = {
  id: string;
  companyId: string;
  staffId: string | null;
  state: 'valid' | 'used' | 'expired';
};

/** Looks a token up (locking the row when called in a transaction that will consume it). */
export async function findCompanyLink(
  db: TDb,
  tenantId: TenantId,
  secret: string,
  purpose: TLinkPurpose,
  token: string,
  now: Date,
  forUpdate = false,
): Promise<TCompanyLink | { state: 'unknown' }> {
  let q = db
    .selectFrom('company_links')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('purpose', '=', purpose)
    .where('token_hash', '=', hashCode(secret, token));
  if (forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) return { state: 'unknown' };
  const state: TCompanyLink['state'] =
    LINK_RULES[purpose].singleUse && row.used_at
      ? 'used'
      : row.expires_at.getTime() < now.getTime()
        ? 'expired'
        : 'valid';
  return { id: row.id, companyId: row.company_id, staffId: row.staff_id, state };
}

export async function markLinkUsed(trx: TDb, tenantId: TenantId, linkId: string, now: Date): Promise<void> {
  await trx
    .updateTable('company_links')
    .set({ used_at: now })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', linkId)
    .execute();
}
