import type { TActor } from '../../../audit/audit-log.js';
import { generateLinkToken } from '../../../auth/one-time-code.js';
import type { TTenant } from '../../../tenancy/tenant.js';
import type { TAccountsDeps } from '../../accounts/deps.js';
import { registerAccount } from '../../accounts/register-account.js';
import { accountActivationMail, accountCreatedSms } from './mail-templates.js';
import { passwordLink } from './password-links.js';

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
 * "crea account" of the document area (seed 004 § 1), through the portal's registerAccount: the e-mail is
 * the username. Instead of a password sent by e-mail and SMS, the account waits (pending_email, no usable
 * password) for the activation link e-mailed to the address; when a mobile number is given an SMS says to
 * read the e-mail. A duplicate username or e-mail, caught before the insert or by the unique index under a
 * race, is one message on the e-mail field.
 */
export async function createCustomerAccount(
  deps: TAccountsDeps,
  tenant: TTenant,
  input: TCustomerAccountInput,
  actor: TActor,
  linkBase: string,
): Promise<{ userId: string }> {
  const email = input.email.trim();
  const exists = { field: 'email', message: ACCOUNT_EXISTS_MESSAGE };
  return registerAccount(
    deps,
    tenant,
    {
      fullName: `${input.firstName.trim()} ${input.lastName.trim()}`,
      email,
      username: email,
      password: null,
    },
    actor,
    {
      proof: {
        purpose: 'account_activation',
        secret: generateLinkToken,
        mail: (t, user, token) =>
          accountActivationMail(
            t,
            user.email,
            user.full_name,
            passwordLink(linkBase, 'account_activation', token),
          ),
      },
      duplicates: { username: exists, email: exists },
      ...(input.mobile ? { sms: { to: input.mobile, text: accountCreatedSms(tenant) } } : {}),
      auditSummary: { area: 'clienti', sms: Boolean(input.mobile) },
    },
  );
}
