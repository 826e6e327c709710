import type { TActor } from '../../../audit/audit-log.js';
import { generateLinkToken, OTP_MESSAGES } from '../../../auth/one-time-code.js';
import { LinkExpiredError } from '../../../http/errors.js';
import type { TTenant } from '../../../tenancy/tenant.js';
import type { TAccountsDeps } from '../../accounts/deps.js';
import { findCodeByToken, findCodeOwnerByToken } from '../../accounts/one-time-codes.js';
import { requestPasswordReset } from '../../accounts/recover-password.js';
import { setNewPassword, type TNewPasswordVerdict } from '../../accounts/set-new-password.js';
import { findUserById } from '../../accounts/users.js';
import { passwordResetLinkMail, passwordSetMail } from './mail-templates.js';

/**
 * The document area's password links (seed 004): the activation link of "crea account" (24 h) and the
 * link of "Password dimenticata" (1 h) both lead to "Imposta la password". They go through the portal's
 * recovery and new-password use cases; only the links, the e-mails and the messages are the area's own.
 */
export type TPasswordLinkPurpose = 'account_activation' | 'password_reset_link';

/** The page each link opens. */
export const PASSWORD_LINK_PATHS: Record<TPasswordLinkPurpose, string> = {
  account_activation: '/area-clienti/attiva',
  password_reset_link: '/area-clienti/nuova-password',
};

export const FORGOT_PASSWORD_PATH = '/area-clienti/password-dimenticata';

/** The address of a password link, on the tenant's configured host. */
export const passwordLink = (linkBase: string, purpose: TPasswordLinkPurpose, token: string) =>
  `${linkBase}${PASSWORD_LINK_PATHS[purpose]}?token=${encodeURIComponent(token)}`;

const LINK_MESSAGES = {
  wrong: 'Il collegamento non è valido: chiedi una nuova password con «Password dimenticata».',
  expired: 'Il collegamento è scaduto: chiedi una nuova password con «Password dimenticata».',
  used: 'Il collegamento è già stato usato: se non ricordi la password usa «Password dimenticata».',
  locked: OTP_MESSAGES.locked.replace('un nuovo codice', 'una nuova password con «Password dimenticata»'),
} as const;

/** A link that no longer works: 410, with «Password dimenticata» to ask for a new one. */
function linkError(verdict: TNewPasswordVerdict): LinkExpiredError {
  const renew = { href: FORGOT_PASSWORD_PATH, label: 'Password dimenticata' };
  if (verdict === 'used') return new LinkExpiredError('used', LINK_MESSAGES.used, renew);
  if (verdict === 'expired') return new LinkExpiredError('expired', LINK_MESSAGES.expired, renew);
  if (verdict === 'locked') return new LinkExpiredError('expired', LINK_MESSAGES.locked, renew);
  return new LinkExpiredError('unknown', LINK_MESSAGES.wrong, renew);
}

/**
 * Checks a link before showing the page (nothing is consumed): throws LinkExpiredError when it is
 * unknown, expired or used, or its account is disabled.
 */
export async function openPasswordLink(
  deps: TAccountsDeps,
  tenant: TTenant,
  purpose: TPasswordLinkPurpose,
  token: string,
): Promise<{ email: string }> {
  const row = token
    ? await findCodeByToken(deps.db, tenant.id, purpose, token, deps.config.appSecret)
    : undefined;
  if (!row) throw linkError('missing');
  if (row.used_at) throw linkError('used');
  if (deps.now().getTime() >= row.expires_at.getTime()) throw linkError('expired');
  const user = await findUserById(deps.db, tenant.id, row.user_id);
  if (!user || user.status === 'disabled') throw linkError('missing');
  return { email: user.email };
}

/**
 * "Imposta la password" through the portal's setNewPassword: the link proves the e-mail, so a pending
 * account becomes active. The link works once; every other session of the account ends.
 */
export async function setPasswordWithLink(
  deps: TAccountsDeps,
  tenant: TTenant,
  purpose: TPasswordLinkPurpose,
  input: { token: string; newPassword: string },
  actor: TActor,
): Promise<void> {
  const userId = input.token
    ? await findCodeOwnerByToken(deps.db, tenant.id, purpose, input.token, deps.config.appSecret)
    : undefined;
  const verdict = await setNewPassword(
    deps,
    tenant,
    { userId, code: input.token, newPassword: input.newPassword },
    actor,
    {
      purpose,
      doneMail: (t, user) => passwordSetMail(t, user.email, user.full_name),
      auditAction: (activates) => (activates ? 'account.activated' : 'account.password_reset'),
      auditSummary: { via: purpose },
    },
  );
  if (verdict !== 'ok') throw linkError(verdict);
}

/**
 * "Password dimenticata" through the portal's requestPasswordReset: a reset link (1 hour, single use)
 * e-mailed to the account whose e-mail this is. Says nothing either way: the caller answers the same.
 */
export async function requestPasswordLink(
  deps: TAccountsDeps,
  tenant: TTenant,
  email: string,
  actor: TActor,
  linkBase: string,
): Promise<void> {
  await requestPasswordReset(deps, tenant, email, actor, {
    purpose: 'password_reset_link',
    byEmailOnly: true,
    secret: generateLinkToken,
    mail: (t, user, token) =>
      passwordResetLinkMail(
        t,
        user.email,
        user.full_name,
        passwordLink(linkBase, 'password_reset_link', token),
      ),
    auditSummary: { via: 'link' },
  });
}
