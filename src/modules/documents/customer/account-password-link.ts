import { appendAudit, type TActor } from '../../audit/audit-log.js';
import { generateLinkToken, hashCode, OTP_MESSAGES } from '../../auth/one-time-code.js';
import { checkPassword } from '../../auth/password-policy.js';
import { DomainError, ValidationError } from '../../http/errors.js';
import { enqueueMail } from '../../mail/outbox.js';
import type { TTenant } from '../../tenancy/tenant.js';
import type { TAccountsDeps } from '../accounts/deps.js';
import { consumeCode, findCodeOwnerByToken, issueCode } from '../accounts/one-time-codes.js';
import { endOtherSessions, findUserById, findUserByLogin, updateUser } from '../accounts/users.js';
import { passwordResetLinkMail, passwordSetMail } from './customer-mail-templates.js';

/** The two links that lead to "Imposta la password": activation (24 h) and password reset (1 h). */
export type TPasswordLinkPurpose = 'account_activation' | 'password_reset_link';

export class PasswordLinkError extends DomainError {
  override readonly status = 410;
  override readonly title = 'Collegamento non valido';
}

const LINK_MESSAGES = {
  wrong: 'Il collegamento non è valido: chiedi una nuova password con «Password dimenticata».',
  expired: 'Il collegamento è scaduto: chiedi una nuova password con «Password dimenticata».',
  used: 'Il collegamento è già stato usato: se non ricordi la password usa «Password dimenticata».',
  locked: OTP_MESSAGES.locked.replace('un nuovo codice', 'una nuova password con «Password dimenticata»'),
} as const;

/**
 * Checks a link before showing the page (nothing is consumed): throws PasswordLinkError with an
 * Italian message when it is unknown, expired, used or superseded by a newer one.
 */
export async function openPasswordLink(
  deps: TAccountsDeps,
  tenant: TTenant,
  purpose: TPasswordLinkPurpose,
  token: string,
): Promise<{ email: string }> {
  const secret = deps.config.appSecret;
  const row = token
    ? await deps.db
        .selectFrom('one_time_codes')
        .select(['user_id', 'expires_at', 'used_at', 'attempts'])
        .where('tenant_id', '=', tenant.id)
        .where('purpose', '=', purpose)
        .where('code_hash', '=', hashCode(secret, token))
        .executeTakeFirst()
    : undefined;
  if (!row) throw new PasswordLinkError(LINK_MESSAGES.wrong);
  if (row.used_at) throw new PasswordLinkError(LINK_MESSAGES.used);
  if (deps.now().getTime() >= row.expires_at.getTime()) throw new PasswordLinkError(LINK_MESSAGES.expired);
  const user = await findUserById(deps.db, tenant.id, row.user_id);
  if (!user || user.status === 'disabled') throw new PasswordLinkError(LINK_MESSAGES.wrong);
  return { email: user.email };
}

/**
 * "Imposta la password": the link proves the e-mail, so a pending account becomes active. The link
 * works once; every other session of the account ends.
 */
export async function setPasswordWithLink(
  deps: TAccountsDeps,
  tenant: TTenant,
  purpose: TPasswordLinkPurpose,
  input: { token: string; newPassword: string },
  actor: TActor,
): Promise<{ email: string }> {
  const secret = deps.config.appSecret;
  const userId = input.token
    ? await findCodeOwnerByToken(deps.db, tenant.id, purpose, input.token, secret)
    : undefined;
  if (!userId) throw new PasswordLinkError(LINK_MESSAGES.wrong);
  const errors = checkPassword(tenant.passwordPolicy, input.newPassword);
  if (errors.length > 0) throw new ValidationError({ new_password: errors.join(' ') });
  const hash = await deps.hasher.hash(input.newPassword);
  const now = deps.now();
  const result = await deps.db.transaction().execute(async (trx) => {
    const user = await findUserById(trx, tenant.id, userId);
    if (!user || user.status === 'disabled') return { error: LINK_MESSAGES.wrong };
    const { verdict } = await consumeCode(trx, tenant.id, userId, purpose, input.token, secret, now);
    if (verdict !== 'ok') return { error: LINK_MESSAGES[verdict === 'missing' ? 'wrong' : verdict] };
    const activates = user.status === 'pending_email';
    await updateUser(trx, tenant.id, userId, {
      password_hash: hash,
      must_change_password: false,
      failed_logins: 0,
      ...(activates ? { status: 'active' as const, email_verified_at: now } : {}),
    });
    await endOtherSessions(trx, tenant.id, userId, null);
    await enqueueMail(trx, tenant.id, passwordSetMail(tenant, user.email, user.full_name));
    await appendAudit(
      trx,
      tenant.id,
      { ...actor, id: userId, label: user.username },
      {
        action: activates ? 'account.activated' : 'account.password_reset',
        entityType: 'user',
        entityId: userId,
        summary: { via: purpose },
      },
    );
    return { email: user.email };
  });
  if ('error' in result) throw new PasswordLinkError(result.error);
  return result;
}

/**
 * "Password dimenticata": e-mails a reset link (1 hour, single use) when the address belongs to an
 * account that may sign in. Says nothing either way: the caller answers the same.
 */
export async function requestPasswordResetLink(
  deps: TAccountsDeps,
  tenant: TTenant,
  email: string,
  actor: TActor,
  linkBase: string,
): Promise<void> {
  const user = await findUserByLogin(deps.db, tenant.id, email, true);
  if (!user || user.email.trim().toLowerCase() !== email.trim().toLowerCase()) return;
  if (user.status !== 'active' && user.status !== 'pending_email') return;
  const token = generateLinkToken();
  await deps.db.transaction().execute(async (trx) => {
    await issueCode(trx, tenant.id, user.id, 'password_reset_link', token, deps.config.appSecret, deps.now());
    const link = `${linkBase}/area-clienti/nuova-password?token=${encodeURIComponent(token)}`;
    await enqueueMail(trx, tenant.id, passwordResetLinkMail(tenant, user.email, user.full_name, link));
    await appendAudit(trx, tenant.id, actor, {
      action: 'account.password_reset_requested',
      entityType: 'user',
      entityId: user.id,
      summary: { via: 'link' },
    });
  });
}
