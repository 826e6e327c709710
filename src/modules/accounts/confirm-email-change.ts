import { appendAudit, type TActor } from '../../audit/audit-log.js';
import { OTP_MESSAGES } from '../../auth/one-time-code.js';
import type { TOtpVerdict } from '../../auth/one-time-code.js';
import { isUniqueViolation } from '../../db/unique-violation.js';
import { ConflictError, LinkExpiredError } from '../../http/errors.js';
import { enqueueMail } from '../../mail/outbox.js';
import type { TTenant } from '../../tenancy/tenant.js';
import type { TAccountsDeps } from './deps.js';
import { emailChangedNoticeMail } from './mail-templates.js';
import { consumeCode, findCodeOwnerByToken } from './one-time-codes.js';
import { emailTaken, findUserById, updateUser, USERS_EMAIL_INDEX } from './users.js';

const EMAIL_TAKEN = 'Questo indirizzo e-mail è già usato da un altro account.';

/** The change can be asked again from the profile. */
const RENEW = { href: '/profilo', label: 'Vai al profilo' };

/** A link that no longer works: 410, with the way back to the profile. */
function linkError(verdict: Exclude<TOtpVerdict, 'ok'> | 'missing'): LinkExpiredError {
  if (verdict === 'missing') return new LinkExpiredError('unknown', OTP_MESSAGES.wrong, RENEW);
  const state = verdict === 'used' ? 'used' : verdict === 'wrong' ? 'unknown' : 'expired';
  return new LinkExpiredError(state, OTP_MESSAGES[verdict].replace('Il codice', 'Il collegamento'), RENEW);
}

/** The link sent to the new address was opened: from now on the account uses that address. */
export async function confirmEmailChange(
  deps: TAccountsDeps,
  tenant: TTenant,
  token: string,
  actor: TActor,
): Promise<void> {
  const userId = await findCodeOwnerByToken(deps.db, tenant.id, 'email_change', token, deps.config.appSecret);
  if (!userId)
    throw new LinkExpiredError(
      'unknown',
      'Il collegamento non è valido. Richiedi di nuovo il cambio di indirizzo dal profilo.',
      RENEW,
    );
  const now = deps.now();
  let outcome;
  try {
    outcome = await deps.db.transaction().execute(async (trx) => {
      const user = await findUserById(trx, tenant.id, userId);
      const { verdict, targetEmail } = await consumeCode(
        trx,
        tenant.id,
        userId,
        'email_change',
        token,
        deps.config.appSecret,
        now,
      );
      if (!user || verdict === 'missing' || !targetEmail) return linkError('missing');
      if (verdict !== 'ok') return linkError(verdict);
      // The link is spent either way; an address taken meanwhile is a conflict, not a broken link.
      if (await emailTaken(trx, tenant.id, targetEmail)) return new ConflictError(EMAIL_TAKEN);
      await updateUser(trx, tenant.id, userId, { email: targetEmail, email_verified_at: now });
      await enqueueMail(
        trx,
        tenant.id,
        emailChangedNoticeMail(tenant, user.email, user.full_name, targetEmail),
      );
      await appendAudit(
        trx,
        tenant.id,
        { ...actor, id: userId, label: user.username },
        {
          action: 'account.email_changed',
          entityType: 'user',
          entityId: userId,
          summary: { email: { from: user.email, to: targetEmail } },
        },
      );
      return null;
    });
  } catch (err) {
    // Another account took the address between the check and the update: the same answer.
    if (isUniqueViolation(err, USERS_EMAIL_INDEX)) throw new ConflictError(EMAIL_TAKEN);
    throw err;
  }
  if (outcome) throw outcome;
}
