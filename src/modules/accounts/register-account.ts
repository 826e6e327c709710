import { randomBytes } from 'node:crypto';
import { appendAudit, type TActor } from '../../audit/audit-log.js';
import { generateSixDigitCode } from '../../auth/one-time-code.js';
import { checkPassword } from '../../auth/password-policy.js';
import type { TUserRow } from '../../db/schema.js';
import { isUniqueViolation } from '../../db/unique-violation.js';
import { ValidationError } from '../../http/errors.js';
import { enqueueMail, type TMail } from '../../mail/outbox.js';
import { enqueueSms } from '../../sms/sms-outbox.js';
import type { TTenant } from '../../tenancy/tenant.js';
import type { TAccountsDeps } from './deps.js';
import { emailVerificationMail } from './mail-templates.js';
import { issueCode } from './one-time-codes.js';
import { emailTaken, insertUser, USERS_EMAIL_INDEX, USERS_USERNAME_INDEX, usernameTaken } from './users.js';

export type TRegistration = {
  fullName: string;
  email: string;
  username: string;
  /** The chosen password; null when the user chooses it later, through the link that proves the address. */
  password: string | null;
};

/** Where a duplicate username or e-mail is reported (form field) and with which Italian message. */
export type TDuplicateMessages = Record<'username' | 'email', { field: string; message: string }>;

/**
 * What differs between the portal's registration and the document area's "crea account": how the address
 * is proven (a 6-digit code to type, or an activation link), what a duplicate is called, an optional SMS.
 * Everything else (rules, one transaction, the race on the unique indexes) is the same.
 */
export type TSignUpFlow = {
  proof: {
    purpose: 'email_verification' | 'account_activation';
    secret: () => string;
    mail: (tenant: TTenant, user: TUserRow, secret: string) => TMail;
  };
  duplicates: TDuplicateMessages;
  sms?: { to: string; text: string };
  /** Added to the summary of the audit row. */
  auditSummary?: Record<string, unknown>;
};

/** The portal's registration: a chosen username and password, a 6-digit code e-mailed to prove the address. */
export const PORTAL_SIGN_UP: TSignUpFlow = {
  proof: {
    purpose: 'email_verification',
    secret: generateSixDigitCode,
    mail: (tenant, user, code) => emailVerificationMail(tenant, user.email, user.full_name, code),
  },
  duplicates: {
    username: { field: 'username', message: 'Nome utente già in uso: scegline un altro.' },
    email: {
      field: 'email',
      message: 'Esiste già un account con questo indirizzo e-mail: accedi o recupera la password.',
    },
  },
};

/** Which unique index a failed insert hit, if it was a duplicate account. */
function duplicateOf(err: unknown): 'username' | 'email' | undefined {
  if (isUniqueViolation(err, USERS_USERNAME_INDEX)) return 'username';
  if (isUniqueViolation(err, USERS_EMAIL_INDEX)) return 'email';
  return undefined;
}

/**
 * A citizen registers: the account waits (pending_email) for the code or link e-mailed to prove the
 * address. Account, code, e-mail, SMS and audit row are stored in one transaction. A username or e-mail
 * already used in the tenant is refused with the flow's message — also when a concurrent registration
 * takes it between the check and the insert (the unique index decides).
 */
export async function registerAccount(
  deps: TAccountsDeps,
  tenant: TTenant,
  input: TRegistration,
  actor: TActor,
  flow: TSignUpFlow = PORTAL_SIGN_UP,
): Promise<{ userId: string }> {
  const dup = flow.duplicates;
  const errors: Record<string, string> = {};
  if (input.password !== null) {
    const passwordErrors = checkPassword(tenant.passwordPolicy, input.password);
    if (passwordErrors.length > 0) errors.password = passwordErrors.join(' ');
  }
  if (await usernameTaken(deps.db, tenant.id, input.username))
    errors[dup.username.field] ??= dup.username.message;
  if (await emailTaken(deps.db, tenant.id, input.email)) errors[dup.email.field] ??= dup.email.message;
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);

  // Without a chosen password nobody knows this one: the account is entered only after the link sets one.
  const passwordHash = await deps.hasher.hash(input.password ?? randomBytes(32).toString('base64url'));
  const secret = flow.proof.secret();
  const now = deps.now();
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const user = await insertUser(trx, tenant.id, {
        username: input.username,
        email: input.email,
        fullName: input.fullName,
        passwordHash,
        role: 'citizen',
        status: 'pending_email',
        mustChangePassword: false,
        emailVerified: false,
      });
      await issueCode(trx, tenant.id, user.id, flow.proof.purpose, secret, deps.config.appSecret, now);
      await enqueueMail(trx, tenant.id, flow.proof.mail(tenant, user, secret));
      if (flow.sms) await enqueueSms(trx, tenant.id, flow.sms.to, flow.sms.text);
      await appendAudit(
        trx,
        tenant.id,
        { ...actor, label: user.username },
        {
          action: 'account.registered',
          entityType: 'user',
          entityId: user.id,
          summary: { username: user.username, email: user.email, ...flow.auditSummary },
        },
      );
      return { userId: user.id };
    });
  } catch (err) {
    const which = duplicateOf(err);
    if (which) throw new ValidationError({ [dup[which].field]: dup[which].message });
    throw err;
  }
}
