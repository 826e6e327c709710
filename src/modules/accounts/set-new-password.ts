import { appendAudit, type TActor } from '../../audit/audit-log.js';
import type { TOtpPurpose, TOtpVerdict } from '../../auth/one-time-code.js';
import { checkPassword } from '../../auth/password-policy.js';
import type { TUserRow } from '../../db/schema.js';
import { ValidationError } from '../../http/errors.js';
import { enqueueMail, type TMail } from '../../mail/outbox.js';
import type { TTenant } from '../../tenancy/tenant.js';
import type { TAccountsDeps } from './deps.js';
import { consumeCode } from './one-time-codes.js';
import { endOtherSessions, findUserById, updateUser } from './users.js';

/**
 * What differs when a proven code or link sets a password: the code's purpose (the portal's 6-digit
 * recovery code, the document area's activation and reset links), the e-mail that confirms it and what
 * the audit row says.
 */
export type TNewPasswordFlow = {
  purpose: TOtpPurpose;
  doneMail: (tenant: TTenant, user: TUserRow) => TMail;
  /** The audit action; `activates` when the account was waiting for its address to be proven. */
  auditAction: (activates: boolean) => string;
  auditSummary?: Record<string, unknown>;
};

/** Why nothing changed: the code's verdict, or 'missing' (no such account or code, or a disabled account). */
export type TNewPasswordVerdict = Exclude<TOtpVerdict, 'ok'> | 'missing';

/**
 * The one use case that sets a new password with a one-time code or link (portal recovery, document-area
 * activation and reset). The password must follow the tenant's policy (ValidationError on new_password).
 * The code works once; it proves the e-mail, so a pending account becomes active; every session of the
 * account ends; the notice is e-mailed and the change audited, in one transaction. Returns 'ok' or why not.
 */
export async function setNewPassword(
  deps: TAccountsDeps,
  tenant: TTenant,
  input: { userId: string | undefined; code: string; newPassword: string },
  actor: TActor,
  flow: TNewPasswordFlow,
): Promise<'ok' | TNewPasswordVerdict> {
  const errors = checkPassword(tenant.passwordPolicy, input.newPassword);
  if (errors.length > 0) throw new ValidationError({ new_password: errors.join(' ') });
  const userId = input.userId;
  if (!userId || !input.code) return 'missing';
  const hash = await deps.hasher.hash(input.newPassword);
  const now = deps.now();
  return deps.db.transaction().execute(async (trx) => {
    const user = await findUserById(trx, tenant.id, userId);
    if (!user || user.status === 'disabled') return 'missing';
    const { verdict } = await consumeCode(
      trx,
      tenant.id,
      userId,
      flow.purpose,
      input.code,
      deps.config.appSecret,
      now,
    );
    if (verdict !== 'ok') return verdict;
    const activates = user.status === 'pending_email';
    await updateUser(trx, tenant.id, userId, {
      password_hash: hash,
      must_change_password: false,
      failed_logins: 0,
      ...(activates ? { status: 'active' as const, email_verified_at: now } : {}),
    });
    await endOtherSessions(trx, tenant.id, userId, null);
    await enqueueMail(trx, tenant.id, flow.doneMail(tenant, user));
    await appendAudit(
      trx,
      tenant.id,
      { ...actor, id: userId, label: user.username },
      {
        action: flow.auditAction(activates),
        entityType: 'user',
        entityId: userId,
        ...(flow.auditSummary ? { summary: flow.auditSummary } : {}),
      },
    );
    return 'ok';
  });
}
