import { sql } from 'kysely';
import type { TRole } from '../../auth/permissions.js';
import type { TDb } from '../../db/database.js';
import type { TUserRow } from '../../db/schema.js';
import type { TenantId } from '../../tenancy/tenant.js';

/** Queries on accounts. Every one takes the tenant: the same username in two tenants is two accounts. */

/** pending_email: registered, code not yet entered; awaiting_activation: waits for the authority (company staff). */
export type TUserStatus = 'pending_email' | 'awaiting_activation' | 'active' | 'disabled';

/** How the pages name an account's status. */
export const USER_STATUS_LABELS: Record<TUserStatus, string> = {
  pending_email: 'In attesa di verifica e-mail',
  awaiting_activation: 'In attesa di attivazione',
  active: 'Attivo',
  disabled: 'Disattivato',
};

export const userStatusLabel = (status: string): string =>
  USER_STATUS_LABELS[status as TUserStatus] ?? status;

export async function findUserById(
  db: TDb,
  tenantId: TenantId,
  userId: string,
): Promise<TUserRow | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', userId)
    .executeTakeFirst();
}

/** By username, or by e-mail when `byEmail` (the tenant allows login by e-mail). Case-insensitive. */
export async function findUserByLogin(
  db: TDb,
  tenantId: TenantId,
  login: string,
  byEmail: boolean,
): Promise<TUserRow | undefined> {
  const key = login.trim().toLowerCase();
  return db
    .selectFrom('users')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where((eb) =>
      byEmail
        ? eb.or([eb(sql`lower(username)`, '=', key), eb(sql`lower(email)`, '=', key)])
        : eb(sql`lower(username)`, '=', key),
    )
    .orderBy(sql`lower(username) = ${key}`, 'desc')
    .executeTakeFirst();
}

/** The unique indexes of users (migration 0001): one username and one e-mail per tenant, whatever the case. */
export const USERS_USERNAME_INDEX = 'users_tenant_username_uq';
export const USERS_EMAIL_INDEX = 'users_tenant_email_uq';

export async function usernameTaken(db: TDb, tenantId: TenantId, username: string): Promise<boolean> {
  const row = await db
    .selectFrom('users')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where(sql`lower(username)`, '=', username.trim().toLowerCase())
    .executeTakeFirst();
  return Boolean(row);
}

export async function emailTaken(db: TDb, tenantId: TenantId, email: string): Promise<boolean> {
  const row = await db
    .selectFrom('users')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where(sql`lower(email)`, '=', email.trim().toLowerCase())
    .executeTakeFirst();
  return Boolean(row);
}

export type TNewAccount = {
  username: string;
  email: string;
  fullName: string;
  passwordHash: string;
  role: TRole;
  status: TUserStatus;
  mustChangePassword: boolean;
  emailVerified: boolean;
};

export async function insertUser(db: TDb, tenantId: TenantId, a: TNewAccount): Promise<TUserRow> {
  return db
    .insertInto('users')
    .values({
      tenant_id: tenantId,
      username: a.username.trim(),
      email: a.email.trim(),
      full_name: a.fullName.trim(),
      password_hash: a.passwordHash,
      role: a.role,
      status: a.status,
      must_change_password: a.mustChangePassword,
      email_verified_at: a.emailVerified ? new Date() : null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateUser(
  db: TDb,
  tenantId: TenantId,
  userId: string,
  changes: Partial<{
    email: string;
    full_name: string;
    password_hash: string;
    status: TUserStatus;
    must_change_password: boolean;
    failed_logins: number;
    email_verified_at: Date;
    last_login_at: Date;
  }>,
): Promise<void> {
  await db
    .updateTable('users')
    .set({ ...changes, updated_at: new Date() })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', userId)
    .execute();
}

export async function recordFailedLogin(db: TDb, tenantId: TenantId, userId: string): Promise<number> {
  const row = await db
    .updateTable('users')
    .set({ failed_logins: sql`failed_logins + 1` })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', userId)
    .returning('failed_logins')
    .executeTakeFirstOrThrow();
  return row.failed_logins;
}

export async function listUsers(db: TDb, tenantId: TenantId) {
  return db
    .selectFrom('users')
    .select(['id', 'username', 'email', 'full_name', 'role', 'status', 'must_change_password', 'created_at'])
    .where('tenant_id', '=', tenantId)
    .orderBy('created_at', 'desc')
    .execute();
}

/** Ends every session of a user but the current one (after a password change or recovery). */
export async function endOtherSessions(
  db: TDb,
  tenantId: TenantId,
  userId: string,
  keepSid: string | null,
): Promise<void> {
  let q = db.deleteFrom('sessions').where('tenant_id', '=', tenantId).where('user_id', '=', userId);
  if (keepSid) q = q.where('sid', '<>', keepSid);
  await q.execute();
}

/** Failed logins for a name that matches no account (see log-in.ts). */
export async function unknownLoginFailures(db: TDb, tenantId: TenantId, login: string): Promise<number> {
  const row = await db
    .selectFrom('unknown_login_failures')
    .select('failures')
    .where('tenant_id', '=', tenantId)
    .where('login_key', '=', login.trim().toLowerCase())
    .executeTakeFirst();
  return row?.failures ?? 0;
}

export async function recordUnknownLoginFailure(db: TDb, tenantId: TenantId, login: string): Promise<number> {
  const row = await db
    .insertInto('unknown_login_failures')
    .values({ tenant_id: tenantId, login_key: login.trim().toLowerCase(), failures: 1 })
    .onConflict((oc) =>
      oc
        .columns(['tenant_id', 'login_key'])
        .doUpdateSet({ failures: sql`unknown_login_failures.failures + 1`, updated_at: new Date() }),
    )
    .returning('failures')
    .executeTakeFirstOrThrow();
  return row.failures;
}

/** Maintenance across every tenant: forgets failures of unknown names after a day. */
export async function unsafePurgeUnknownLoginFailures(db: TDb, olderThan: Date): Promise<void> {
  await db.deleteFrom('unknown_login_failures').where('updated_at', '<', olderThan).execute();
}
