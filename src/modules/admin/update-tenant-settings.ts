import { z } from 'zod';
import { appendAudit, type TActor } from '../../audit/audit-log.js';
import { PASSWORD_POLICY_IDS, type TPasswordPolicyId } from '../../auth/password-policy.js';
import type { TDb } from '../../db/database.js';
import { emailField, requiredText } from '../../http/zod-fields.js';
import type { TenantId } from '../../tenancy/tenant.js';
import { parseFormOrThrow } from '../../http/forms.js';

export const ZTenantSettings = z.object({
  name: requiredText("Inserisci il nome dell'ente.", 200),
  activation_email: emailField("Inserisci l'indirizzo e-mail per le attivazioni."),
  support_phone: z.string().trim().max(40, 'Al massimo 40 caratteri.').default(''),
  support_hours: z.string().trim().max(120, 'Al massimo 120 caratteri.').default(''),
  password_policy: z.enum(PASSWORD_POLICY_IDS as [TPasswordPolicyId, ...TPasswordPolicyId[]], {
    error: 'Scegli la regola per le password.',
  }),
});

export type TTenantSettings = {
  name: string;
  activationEmail: string;
  supportPhone: string | null;
  supportHours: string | null;
  passwordPolicy: TPasswordPolicyId;
};

/** The settings as the form sends them; one Italian message per field in a ValidationError. */
export function readTenantSettings(values: Record<string, string>): TTenantSettings {
  const d = parseFormOrThrow(ZTenantSettings, values);
  return {
    name: d.name,
    activationEmail: d.activation_email,
    supportPhone: d.support_phone || null,
    supportHours: d.support_hours || null,
    passwordPolicy: d.password_policy,
  };
}

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
