import { appendAudit, type TActor } from '../../audit/audit-log.js';
import { generateSixDigitCode, OTP_MESSAGES } from '../../auth/one-time-code.js';
import { checkPassword } from '../../auth/password-policy.js';
import { ValidationError } from '../../http/errors.js';
import { enqueueMail } from '../../mail/outbox.js';
import type { TTenant } from '../../tenancy/tenant.js';
import type { TAccountsDeps } from './deps.js';
import { passwordChangedMail, passwordResetMail } from './mail-templates.js';
import { consumeCode, issueCode } from './one-time-codes.js';
import { endOtherSessions, findUserByLogin, updateUser } from './users.js';

/**
 * Step 1: e-mail a recovery code. The caller answers the same whether or not the account exists;
 * this function does not say either.
 */
export async function requestPasswordReset(
  deps: TAccountsDeps,
  tenant: TTenant,
  login: string,
  actor: TActor,
): Promise<void> {
  const user = await findUserByLogin(deps.db, tenant.id, login, true);
  if (!user || user.status === 'disabled') return;
  const code = generateSixDigitCode();
  await deps.db.transaction().execute(async (trx) => {
    await issueCode(trx, tenant.id, user.id, 'password_reset', code, deps.config.appSecret, deps.now());
    await enqueueMail(trx, tenant.id, passwordResetMail(tenant, user.email, user.full_name, code));
    await appendAudit(trx, tenant.id, actor, {
      action: 'account.password_reset_requested',
      entityType: 'user',
      entityId: user.id,
    });
  });
}

const INVALID = OTP_MESSAGES.wrong;

/** Step 2: the code and a new password. Proves the e-mail too, so a pending account becomes active. */
export async function resetPassword(
  deps: TAccountsDeps,
  tenant: TTenant,
  input: { login: string; code: string; newPassword: string },
  actor: TActor,
): Promise<void> {
  const errors = checkPassword(tenant.passwordPolicy, input.newPassword);
  if (errors.length > 0) throw new ValidationError({ new_password: errors.join(' ') });
  const user = await findUserByLogin(deps.db, tenant.id, input.login, true);
  if (!user || user.status === 'disabled') throw new ValidationError({ code: INVALID });
  const hash = await deps.hasher.hash(input.newPassword);
  const now = deps.now();
  const verdict = await deps.db.transaction().execute(async (trx) => {
    const { verdict } = await consumeCode(
      trx,
      tenant.id,
      user.id,
      'password_reset',
      input.code,
      deps.config.appSecret,
      now,
    );
    if (verdict !== 'ok') return verdict;
    await updateUser(trx, tenant.id, user.id, {
      password_hash: hash,
      must_change_password: false,
      failed_logins: 0,
      ...(user.status === 'pending_email' ? { status: 'active' as const, email_verified_at: now } : {}),
    });
    await endOtherSessions(trx, tenant.id, user.id, null);
    await enqueueMail(trx, tenant.id, passwordChangedMail(tenant, user.email, user.full_name));
    await appendAudit(
      trx,
      tenant.id,
      { ...actor, id: user.id, label: user.username },
      {
        action: 'account.password_reset',
        entityType: 'user',
        entityId: user.id,
      },
    );
    return verdict;
  });
  if (verdict === 'ok') return;
  throw new ValidationError({ code: verdict === 'missing' ? INVALID : OTP_MESSAGES[verdict] });
}
