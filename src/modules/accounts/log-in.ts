import { appendAudit, type TActor } from '../../audit/audit-log.js';
import type { TUserRow } from '../../db/schema.js';
import type { TTenant } from '../../tenancy/tenant.js';
import type { TAccountsDeps } from './deps.js';
import {
  findUserByLogin,
  recordFailedLogin,
  recordUnknownLoginFailure,
  unknownLoginFailures,
  updateUser,
} from './users.js';

export type TLoginResult =
  | { kind: 'ok'; user: TUserRow }
  | { kind: 'invalid' }
  | { kind: 'check_code_required' }
  | { kind: 'pending_email'; userId: string }
  | { kind: 'awaiting_activation' }
  | { kind: 'disabled' };

export const LOGIN_MESSAGES = {
  invalid: 'Nome utente o password non corretti.',
  check_code_required:
    'Per la sicurezza del tuo account, dopo troppi tentativi non riusciti devi inserire anche il codice di controllo.',
  disabled: "L'account non è attivo. Per informazioni contatta l'ente.",
  awaiting_activation:
    "L'account non è ancora stato attivato dall'autorità competente: per l'attivazione contatta l'indirizzo e-mail indicato dall'ente.",
} as const;

/**
 * Login by username (or e-mail where the tenant allows it). After `loginFailuresBeforeCheck` failures
 * the account also needs the check code; a success resets the count. The answer for a wrong password
 * and an unknown user is the same.
 */
export async function logIn(
  deps: TAccountsDeps,
  tenant: TTenant,
  input: { login: string; password: string; checkCodeValid: boolean },
  actor: TActor,
): Promise<TLoginResult> {
  const limit = deps.config.loginFailuresBeforeCheck;
  const user = await findUserByLogin(deps.db, tenant.id, input.login, tenant.loginByEmail);
  if (!user) {
    // Same answers, in the same order, as for an existing account: nobody can tell which names exist.
    if ((await unknownLoginFailures(deps.db, tenant.id, input.login)) >= limit && !input.checkCodeValid)
      return { kind: 'check_code_required' };
    await deps.hasher.verifyDummy(input.password);
    const failures = await recordUnknownLoginFailure(deps.db, tenant.id, input.login);
    return failures >= limit ? { kind: 'check_code_required' } : { kind: 'invalid' };
  }
  if (user.failed_logins >= limit && !input.checkCodeValid) {
    return { kind: 'check_code_required' };
  }
  const ok = await deps.hasher.verify(user.password_hash, input.password);
  if (!ok) {
    const failures = await recordFailedLogin(deps.db, tenant.id, user.id);
    if (failures === limit) {
      await deps.db.transaction().execute((trx) =>
        appendAudit(trx, tenant.id, actor, {
          action: 'account.check_code_required',
          entityType: 'user',
          entityId: user.id,
          summary: { failedLogins: failures },
        }),
      );
    }
    return failures >= limit ? { kind: 'check_code_required' } : { kind: 'invalid' };
  }
  if (user.status === 'pending_email') return { kind: 'pending_email', userId: user.id };
  if (user.status === 'awaiting_activation') return { kind: 'awaiting_activation' };
  if (user.status !== 'active') return { kind: 'disabled' };
  // A login changes no data the authority decides on: it is recorded on the account (last_login_at) and in
  // the request log, not in the audit trail, so a login storm does not queue on the tenant's audit lock.
  await updateUser(deps.db, tenant.id, user.id, { failed_logins: 0, last_login_at: deps.now() });
  return { kind: 'ok', user };
}
