import { appendAudit, type TActor } from '../../audit/audit-log.js';
import { checkPassword } from '../../auth/password-policy.js';
import { ValidationError } from '../../http/errors.js';
import { enqueueMail } from '../../mail/outbox.js';
import type { TTenant } from '../../tenancy/tenant.js';
import type { TAccountsDeps } from './deps.js';
import { passwordChangedMail } from './mail-templates.js';
import { endOtherSessions, findUserById, updateUser } from './users.js';

export const WRONG_CURRENT_PASSWORD = 'La password attuale non è corretta.';

/**
 * Changes the password of a signed-in user, who must give the current one (also at first access,
 * when the account was created by someone else). Other sessions of the user end.
 */
export async function changePassword(
  deps: TAccountsDeps,
  tenant: TTenant,
  userId: string,
  input: { currentPassword: string; newPassword: string },
  actor: TActor,
  currentSid: string | null,
): Promise<void> {
  const user = await findUserById(deps.db, tenant.id, userId);
  if (!user) throw new ValidationError({ current_password: WRONG_CURRENT_PASSWORD });
  if (!(await deps.hasher.verify(user.password_hash, input.currentPassword)))
    throw new ValidationError({ current_password: WRONG_CURRENT_PASSWORD });
  const errors = checkPassword(tenant.passwordPolicy, input.newPassword);
  if (input.newPassword === input.currentPassword)
    errors.push('La nuova password deve essere diversa da quella attuale.');
  if (errors.length > 0) throw new ValidationError({ new_password: errors.join(' ') });
  const hash = await deps.hasher.hash(input.newPassword);
  await deps.db.transaction().execute(async (trx) => {
    await updateUser(trx, tenant.id, userId, { password_hash: hash, must_change_password: false });
    await endOtherSessions(trx, tenant.id, userId, currentSid);
    await enqueueMail(trx, tenant.id, passwordChangedMail(tenant, user.email, user.full_name));
    await appendAudit(trx, tenant.id, actor, {
      action: user.must_change_password
        ? 'account.first_access_password_changed'
        : 'account.password_changed',
      entityType: 'user',
      entityId: userId,
    });
  });
}
