import { appendAudit, type TActor } from '../../audit/audit-log.js';
import { generateSixDigitCode, OTP_MESSAGES } from '../../auth/one-time-code.js';
import type { TUserRow } from '../../db/schema.js';
import { ValidationError } from '../../http/errors.js';
import { enqueueMail, type TMail } from '../../mail/outbox.js';
import type { TTenant } from '../../tenancy/tenant.js';
import type { TAccountsDeps } from './deps.js';
import { passwordChangedMail, passwordResetMail } from './mail-templates.js';
import { issueCode } from './one-time-codes.js';
import { setNewPassword, type TNewPasswordFlow } from './set-new-password.js';
import { findUserByLogin } from './users.js';

/**
 * What differs between the portal's "Password dimenticata?" (a 6-digit code asked by username or e-mail)
 * and the document area's "Password dimenticata" (a link, asked by the e-mail only).
 */
export type TRecoveryFlow = {
  purpose: 'password_reset' | 'password_reset_link';
  /** The account is found by its e-mail only (otherwise by username or e-mail). */
  byEmailOnly: boolean;
  secret: () => string;
  mail: (tenant: TTenant, user: TUserRow, secret: string) => TMail;
  auditSummary?: Record<string, unknown>;
};

export const PORTAL_RECOVERY: TRecoveryFlow = {
  purpose: 'password_reset',
  byEmailOnly: false,
  secret: generateSixDigitCode,
  mail: (tenant, user, code) => passwordResetMail(tenant, user.email, user.full_name, code),
};

/** The portal's recovery code sets the password; the e-mail says it was changed. */
export const PORTAL_NEW_PASSWORD: TNewPasswordFlow = {
  purpose: 'password_reset',
  doneMail: (tenant, user) => passwordChangedMail(tenant, user.email, user.full_name),
  auditAction: () => 'account.password_reset',
};

/**
 * Step 1: e-mail a recovery code or link to an account that is not disabled. The caller answers the same
 * whether or not the account exists; this function does not say either.
 */
export async function requestPasswordReset(
  deps: TAccountsDeps,
  tenant: TTenant,
  login: string,
  actor: TActor,
  flow: TRecoveryFlow = PORTAL_RECOVERY,
): Promise<void> {
  const user = await findUserByLogin(deps.db, tenant.id, login, true);
  if (!user || user.status === 'disabled') return;
  if (flow.byEmailOnly && user.email.trim().toLowerCase() !== login.trim().toLowerCase()) return;
  const secret = flow.secret();
  await deps.db.transaction().execute(async (trx) => {
    await issueCode(trx, tenant.id, user.id, flow.purpose, secret, deps.config.appSecret, deps.now());
    await enqueueMail(trx, tenant.id, flow.mail(tenant, user, secret));
    await appendAudit(trx, tenant.id, actor, {
      action: 'account.password_reset_requested',
      entityType: 'user',
      entityId: user.id,
      ...(flow.auditSummary ? { summary: flow.auditSummary } : {}),
    });
  });
}

const INVALID = OTP_MESSAGES.wrong;

/** Step 2 on the portal: the login, the 6-digit code and a new password (see setNewPassword). */
export async function resetPassword(
  deps: TAccountsDeps,
  tenant: TTenant,
  input: { login: string; code: string; newPassword: string },
  actor: TActor,
): Promise<void> {
  const user = await findUserByLogin(deps.db, tenant.id, input.login, true);
  const verdict = await setNewPassword(
    deps,
    tenant,
    { userId: user?.id, code: input.code, newPassword: input.newPassword },
    actor,
    PORTAL_NEW_PASSWORD,
  );
  if (verdict === 'ok') return;
  throw new ValidationError({ code: verdict === 'missing' ? INVALID : OTP_MESSAGES[verdict] });
}
