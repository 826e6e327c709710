import { appendAudit, type TActor } from '../../audit/audit-log.js';
import { generateLinkToken } from '../../auth/one-time-code.js';
import { ValidationError } from '../../http/errors.js';
import { enqueueMail } from '../../mail/outbox.js';
import type { TTenant } from '../../tenancy/tenant.js';
import { WRONG_CURRENT_PASSWORD } from './change-password.js';
import type { TAccountsDeps } from './deps.js';
import { emailChangeMail } from './mail-templates.js';
import { issueCode } from './one-time-codes.js';
import { emailTaken, findUserById, updateUser } from './users.js';

export type TProfileChange = { currentPassword: string; fullName: string; email: string };

/**
 * Every profile change needs the current password. The name changes at once; a new e-mail address
 * takes effect only when the link sent to it is opened (see confirm-email-change.ts).
 */
export async function updateProfile(
  deps: TAccountsDeps,
  tenant: TTenant,
  userId: string,
  input: TProfileChange,
  actor: TActor,
  linkBase: string,
): Promise<{ emailChangePending: boolean }> {
  const user = await findUserById(deps.db, tenant.id, userId);
  if (!user || !(await deps.hasher.verify(user.password_hash, input.currentPassword)))
    throw new ValidationError({ current_password: WRONG_CURRENT_PASSWORD });
  const newEmail = input.email.trim();
  const emailChanged = newEmail.toLowerCase() !== user.email.toLowerCase();
  if (emailChanged && (await emailTaken(deps.db, tenant.id, newEmail)))
    throw new ValidationError({ email: 'Questo indirizzo e-mail è già usato da un altro account.' });
  const token = generateLinkToken();
  await deps.db.transaction().execute(async (trx) => {
    if (input.fullName.trim() !== user.full_name) {
      await updateUser(trx, tenant.id, userId, { full_name: input.fullName.trim() });
      await appendAudit(trx, tenant.id, actor, {
        action: 'account.profile_updated',
        entityType: 'user',
        entityId: userId,
        summary: { fullName: { from: user.full_name, to: input.fullName.trim() } },
      });
    }
    if (emailChanged) {
      await issueCode(
        trx,
        tenant.id,
        userId,
        'email_change',
        token,
        deps.config.appSecret,
        deps.now(),
        newEmail,
      );
      const link = `${linkBase}/profilo/conferma-email?token=${encodeURIComponent(token)}`;
      await enqueueMail(trx, tenant.id, emailChangeMail(tenant, newEmail, input.fullName.trim(), link));
      await appendAudit(trx, tenant.id, actor, {
        action: 'account.email_change_requested',
        entityType: 'user',
        entityId: userId,
        summary: { email: { from: user.email, to: newEmail } },
      });
    }
  });
  return { emailChangePending: emailChanged };
}
