import { appendAudit, type TActor } from '../../audit/audit-log.js';
import { checkPassword } from '../../auth/password-policy.js';
import type { TRole } from '../../auth/permissions.js';
import { ValidationError } from '../../http/errors.js';
import type { TTenant } from '../../tenancy/tenant.js';
import type { TAccountsDeps } from './deps.js';
import { emailTaken, insertUser, usernameTaken } from './users.js';

export type TStaffAccount = {
  username: string;
  email: string;
  fullName: string;
  initialPassword: string;
  role: TRole;
  /** Demo accounts only: skip the first-access change. */
  mustChangePassword?: boolean;
};

/**
 * An account created by someone else (a tenant administrator, the command line): the creator sets an
 * initial password and hands it over; at first access the user must change it.
 */
export async function createStaffAccount(
  deps: TAccountsDeps,
  tenant: TTenant,
  input: TStaffAccount,
  actor: TActor,
): Promise<{ userId: string }> {
  const errors: Record<string, string> = {};
  const pw = checkPassword(tenant.passwordPolicy, input.initialPassword);
  if (pw.length > 0) errors.initial_password = pw.join(' ');
  if (await usernameTaken(deps.db, tenant.id, input.username))
    errors.username = 'Nome utente già in uso: scegline un altro.';
  if (await emailTaken(deps.db, tenant.id, input.email))
    errors.email = 'Esiste già un account con questo indirizzo e-mail.';
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  const hash = await deps.hasher.hash(input.initialPassword);
  return deps.db.transaction().execute(async (trx) => {
    const user = await insertUser(trx, tenant.id, {
      username: input.username,
      email: input.email,
      fullName: input.fullName,
      passwordHash: hash,
      role: input.role,
      status: 'active',
      mustChangePassword: input.mustChangePassword ?? true,
      emailVerified: true,
    });
    await appendAudit(trx, tenant.id, actor, {
      action: 'account.created_by_staff',
      entityType: 'user',
      entityId: user.id,
      summary: { username: user.username, role: input.role },
    });
    return { userId: user.id };
  });
}
