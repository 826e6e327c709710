import {
  checkOneTimeCode,
  expiryFor,
  hashCode,
  type TOtpPurpose,
  type TOtpVerdict,
} from '../../auth/one-time-code.js';
import type { TDb } from '../../db/database.js';
import type { TenantId } from '../../tenancy/tenant.js';

/** Stores a new code for (user, purpose); earlier unused codes of the same purpose stop working. */
export async function issueCode(
  trx: TDb,
  tenantId: TenantId,
  userId: string,
  purpose: TOtpPurpose,
  code: string,
  secret: string,
  now: Date,
  targetEmail: string | null = null,
): Promise<void> {
  await trx
    .updateTable('one_time_codes')
    .set({ used_at: now })
    .where('tenant_id', '=', tenantId)
    .where('user_id', '=', userId)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .execute();
  await trx
    .insertInto('one_time_codes')
    .values({
      tenant_id: tenantId,
      user_id: userId,
      purpose,
      code_hash: hashCode(secret, code),
      target_email: targetEmail,
      expires_at: expiryFor(purpose, now),
    })
    .execute();
}

/**
 * Checks the latest code of (user, purpose). A wrong try counts as an attempt; the right one is
 * consumed, so it works once. Runs in the caller's transaction, with the row locked.
 */
export async function consumeCode(
  trx: TDb,
  tenantId: TenantId,
  userId: string,
  purpose: TOtpPurpose,
  submitted: string,
  secret: string,
  now: Date,
): Promise<{ verdict: TOtpVerdict | 'missing'; targetEmail: string | null }> {
  const row = await trx
    .selectFrom('one_time_codes')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('user_id', '=', userId)
    .where('purpose', '=', purpose)
    .orderBy('created_at', 'desc')
    .limit(1)
    .forUpdate()
    .executeTakeFirst();
  if (!row) return { verdict: 'missing', targetEmail: null };
  const verdict = checkOneTimeCode(
    purpose,
    { expiresAt: row.expires_at, usedAt: row.used_at, attempts: row.attempts, codeHash: row.code_hash },
    secret,
    submitted,
    now,
  );
  if (verdict === 'ok') {
    await trx
      .updateTable('one_time_codes')
      .set({ used_at: now })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', row.id)
      .execute();
  } else if (verdict === 'wrong') {
    await trx
      .updateTable('one_time_codes')
      .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
      .where('tenant_id', '=', tenantId)
      .where('id', '=', row.id)
      .execute();
  }
  return { verdict, targetEmail: row.target_email };
}

/** The code a link token belongs to (links carry no user id), whether or not it is still valid. */
export async function findCodeByToken(
  db: TDb,
  tenantId: TenantId,
  purpose: TOtpPurpose,
  token: string,
  secret: string,
) {
  return db
    .selectFrom('one_time_codes')
    .select(['user_id', 'expires_at', 'used_at'])
    .where('tenant_id', '=', tenantId)
    .where('purpose', '=', purpose)
    .where('code_hash', '=', hashCode(secret, token))
    .executeTakeFirst();
}

/** Finds the user a link token was issued to. */
export async function findCodeOwnerByToken(
  db: TDb,
  tenantId: TenantId,
  purpose: TOtpPurpose,
  token: string,
  secret: string,
): Promise<string | undefined> {
  return (await findCodeByToken(db, tenantId, purpose, token, secret))?.user_id;
}
