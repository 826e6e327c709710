import { appendAudit, type TActor } from '../../audit/audit-log.js';
import type { TPasswordPolicyId } from '../../auth/password-policy.js';
import type { TDb } from '../../db/database.js';
import type { TenantId } from '../../tenancy/tenant.js';

export type TTenantSettings = {
  name: string;
  activationEmail: string;
  supportPhone: string | null;
  supportHours: string | null;
  passwordPolicy: TPasswordPolicyId;
};

/** A tenant administrator edits the ente's name, contacts and password policy. */
export async function updateTenantSettings(
  db: TDb,
  tenantId: TenantId,
  s: TTenantSettings,
  actor: TActor,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('tenants')
      .set({
        name: s.name,
        activation_email: s.activationEmail,
        support_phone: s.supportPhone,
        support_hours: s.supportHours,
        password_policy: s.passwordPolicy,
      })
      .where('id', '=', tenantId)
      .execute();
    await appendAudit(trx, tenantId, actor, {
      action: 'tenant.settings_updated',
      entityType: 'tenant',
      entityId: tenantId,
      summary: { ...s },
    });
  });
}
