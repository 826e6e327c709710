import { appendAudit, type TActor } from '../../audit/audit-log.js';
import { generateSixDigitCode } from '../../auth/one-time-code.js';
import { checkPassword } from '../../auth/password-policy.js';
import { ValidationError } from '../../http/errors.js';
import { enqueueMail } from '../../mail/outbox.js';
import type { TenantId, TTenant } from '../../tenancy/tenant.js';
import type { TAccountsDeps } from './deps.js';
import { emailVerificationMail } from './mail-templates.js';
import { issueCode } from './one-time-codes.js';
import { emailTaken, insertUser, usernameTaken } from './users.js';

export type TRegistration = { fullName: string; email: string; username: string; password: string };

/**
 * A citizen registers: the account waits for the 6-digit code e-mailed to prove the address.
 * Account, code, e-mail and audit row are stored in one transaction.
 */
export async function registerAccount(
  deps: TAccountsDeps,
  tenant: TTenant,
  input: TRegistration,
  actor: TActor,
): Promise<{ userId: string }> {
  const tenantId: TenantId = tenant.id;
  const errors: Record<string, string> = {};
  const passwordErrors = checkPassword(tenant.passwordPolicy, input.password);
  if (passwordErrors.length > 0) errors.password = passwordErrors.join(' ');
  if (await usernameTaken(deps.db, tenantId, input.username))
    errors.username = 'Nome utente già in uso: scegline un altro.';
  if (await emailTaken(deps.db, tenantId, input.email))
    errors.email = 'Esiste già un account con questo indirizzo e-mail: accedi o recupera la password.';
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);

  const passwordHash = await deps.hasher.hash(input.password);
  const code = generateSixDigitCode();
  const now = deps.now();
  return deps.db.transaction().execute(async (trx) => {
    const user = await insertUser(trx, tenantId, {
      username: input.username,
      email: input.email,
      fullName: input.fullName,
      passwordHash,
      role: 'citizen',
      status: 'pending_email',
      mustChangePassword: false,
      emailVerified: false,
    });
    await issueCode(trx, tenantId, user.id, 'email_verification', code, deps.config.appSecret, now);
    await enqueueMail(trx, tenantId, emailVerificationMail(tenant, user.email, user.full_name, code));
    await appendAudit(
      trx,
      tenantId,
      { ...actor, label: user.username },
      {
        action: 'account.registered',
        entityType: 'user',
        entityId: user.id,
        summary: { username: user.username, email: user.email },
      },
    );
    return { userId: user.id };
  });
}
