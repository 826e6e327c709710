import { appendAudit, type TActor } from '../../audit/audit-log.js';
import { OTP_MESSAGES } from '../../auth/one-time-code.js';
import { DomainError } from '../../http/errors.js';
import { enqueueMail } from '../../mail/outbox.js';
import type { TTenant } from '../../tenancy/tenant.js';
import type { TAccountsDeps } from './deps.js';
import { emailChangedNoticeMail } from './mail-templates.js';
import { consumeCode, findCodeOwnerByToken } from './one-time-codes.js';
import { emailTaken, findUserById, updateUser } from './users.js';

class EmailLinkError extends DomainError {
  override readonly title = 'Collegamento non valido';
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
    throw new EmailLinkError(
      'Il collegamento non è valido. Richiedi di nuovo il cambio di indirizzo dal profilo.',
    );
  const now = deps.now();
  const error = await deps.db.transaction().execute(async (trx) => {
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
    if (!user || verdict === 'missing' || !targetEmail) return OTP_MESSAGES.wrong;
    if (verdict !== 'ok') return OTP_MESSAGES[verdict].replace('Il codice', 'Il collegamento');
    if (await emailTaken(trx, tenant.id, targetEmail))
      return 'Questo indirizzo e-mail è già usato da un altro account.';
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
  if (error) throw new EmailLinkError(error);
}
