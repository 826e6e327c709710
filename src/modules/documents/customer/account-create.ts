import { randomBytes } from 'node:crypto';
import { appendAudit, type TActor } from '../../audit/audit-log.js';
import { generateLinkToken } from '../../auth/one-time-code.js';
import { ValidationError } from '../../http/errors.js';
import { enqueueMail } from '../../mail/outbox.js';
import { enqueueSms } from '../../sms/sms-outbox.js';
import type { TTenant } from '../../tenancy/tenant.js';
import type { TAccountsDeps } from '../accounts/deps.js';
import { issueCode } from '../accounts/one-time-codes.js';
import { emailTaken, insertUser, usernameTaken } from '../accounts/users.js';
import { accountActivationMail, accountCreatedSms } from './customer-mail-templates.js';

export type TCustomerAccountInput = {
  firstName: string;
  lastName: string;
  email: string;
  /** Normalised (+39…), or null. */
  mobile: string | null;
};

export const ACCOUNT_EXISTS_MESSAGE =
  'Esiste già un account con questo indirizzo e-mail: entra, oppure usa «Password dimenticata».';

/**
 * "crea account" of the document area (seed 004 § 1): the e-mail is the username. Instead of a password
 * sent by e-mail and SMS, the account waits (pending_email, unusable password) for the activation link
 * e-mailed to the address; when a mobile number is given an SMS says to read the e-mail.
 * Account, link, e-mail, SMS and audit row are stored in one transaction.
 */
export async function createCustomerAccount(
  deps: TAccountsDeps,
  tenant: TTenant,
  input: TCustomerAccountInput,
  actor: TActor,
  linkBase: string,
): Promise<{ userId: string }> {
  const email = input.email.trim();
  if ((await usernameTaken(deps.db, tenant.id, email)) || (await emailTaken(deps.db, tenant.id, email)))
    throw new ValidationError({ email: ACCOUNT_EXISTS_MESSAGE });
  // Nobody knows this password: the account can be entered only after the link sets a real one.
  const passwordHash = await deps.hasher.hash(randomBytes(32).toString('base64url'));
  const token = generateLinkToken();
  const fullName = `${input.firstName.trim()} ${input.lastName.trim()}`;
  const now = deps.now();
  return deps.db.transaction().execute(async (trx) => {
    const user = await insertUser(trx, tenant.id, {
      username: email,
      email,
      fullName,
      passwordHash,
      role: 'citizen',
      status: 'pending_email',
      mustChangePassword: false,
      emailVerified: false,
    });
    await issueCode(trx, tenant.id, user.id, 'account_activation', token, deps.config.appSecret, now);
    const link = `${linkBase}/area-clienti/attiva?token=${encodeURIComponent(token)}`;
    await enqueueMail(trx, tenant.id, accountActivationMail(tenant, email, fullName, link));
    if (input.mobile) await enqueueSms(trx, tenant.id, input.mobile, accountCreatedSms(tenant));
    await appendAudit(
      trx,
      tenant.id,
      { ...actor, label: email },
      {
        action: 'account.registered',
        entityType: 'user',
        entityId: user.id,
        summary: { username: email, email, area: 'clienti', sms: Boolean(input.mobile) },
      },
    );
    return { userId: user.id };
  });
}
