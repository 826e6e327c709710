import { appendAudit, type TActor } from '../../audit/audit-log.js';
import { generateSixDigitCode, OTP_MESSAGES } from '../../auth/one-time-code.js';
import { ValidationError } from '../../http/errors.js';
import { enqueueMail } from '../../mail/outbox.js';
import type { TTenant } from '../../tenancy/tenant.js';
import type { TAccountsDeps } from './deps.js';
import { emailVerificationMail } from './mail-templates.js';
import { consumeCode, issueCode } from './one-time-codes.js';
import { findUserById, updateUser } from './users.js';

/** The registration code proves the address: the account becomes active. */
export async function verifyEmail(
  deps: TAccountsDeps,
  tenant: TTenant,
  userId: string,
  code: string,
  actor: TActor,
): Promise<void> {
  const now = deps.now();
  const verdict = await deps.db.transaction().execute(async (trx) => {
    const user = await findUserById(trx, tenant.id, userId);
    if (!user || user.status !== 'pending_email') return 'missing' as const;
    const { verdict } = await consumeCode(
      trx,
      tenant.id,
      userId,
      'email_verification',
      code,
      deps.config.appSecret,
      now,
    );
    if (verdict === 'ok') {
      await updateUser(trx, tenant.id, userId, { status: 'active', email_verified_at: now });
      await appendAudit(
        trx,
        tenant.id,
        { ...actor, id: userId, label: user.username },
        {
          action: 'account.email_verified',
          entityType: 'user',
          entityId: userId,
          summary: { email: user.email },
        },
      );
    }
    return verdict;
  });
  if (verdict === 'ok') return;
  if (verdict === 'missing')
    throw new ValidationError({
      code: 'Nessuna registrazione in attesa di verifica: ripeti la registrazione.',
    });
  throw new ValidationError({ code: OTP_MESSAGES[verdict] });
}

export async function resendVerificationCode(
  deps: TAccountsDeps,
  tenant: TTenant,
  userId: string,
): Promise<void> {
  const user = await findUserById(deps.db, tenant.id, userId);
  if (!user || user.status !== 'pending_email') return;
  const code = generateSixDigitCode();
  await deps.db.transaction().execute(async (trx) => {
    await issueCode(trx, tenant.id, userId, 'email_verification', code, deps.config.appSecret, deps.now());
    await enqueueMail(trx, tenant.id, emailVerificationMail(tenant, user.email, user.full_name, code));
  });
}
