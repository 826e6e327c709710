import type { TAppDeps } from '../../app-deps.js';
import { appendAudit, type TActor } from '../../audit/audit-log.js';
import { NotFoundError } from '../../http/errors.js';
import { enqueueMail } from '../../mail/outbox.js';
import type { TTenant } from '../../tenancy/tenant.js';
import { findUserById, updateUser } from '../accounts/users.js';
import type { TStaffStatus } from '../companies/company-status.js';
import {
  inactiveCompanyError,
  readReason,
  STAFF_RULES,
  staffTransitionError,
  type TDecided,
} from './decisions.js';
import { staffDecisionMail, type TStaffDecision } from './mail-templates.js';

/**
 * Attiva / Rifiuta / Sospendi / Riattiva a staff member (seed 000 § 2.3, "per l'attivazione contattare
 * l'autorità competente"). Activation opens the account (users.status 'active'; the first-access password
 * change stays required), rejection and suspension close it. A person is activated only when the
 * company is active. In one transaction with the e-mails to the legal representative and the person,
 * and the audit row. Returns the person's name and new status.
 */
export async function decideStaff(
  deps: TAppDeps,
  tenant: TTenant,
  staffId: string,
  decision: TStaffDecision,
  rawReason: string | undefined,
  actor: TActor,
  linkBase: string,
): Promise<TDecided<TStaffStatus>> {
  const rule = STAFF_RULES[decision];
  const reason = readReason(rawReason, rule.reasonRequired, decision);
  const now = deps.now();
  return deps.db.transaction().execute(async (trx) => {
    const found = await trx
      .selectFrom('company_staff')
      .select(['company_id'])
      .where('tenant_id', '=', tenant.id)
      .where('id', '=', staffId)
      .executeTakeFirst();
    if (!found) throw new NotFoundError();
    // Company first, then the person: the same order as a company decision, so the two never deadlock.
    const company = await trx
      .selectFrom('companies')
      .selectAll()
      .where('tenant_id', '=', tenant.id)
      .where('id', '=', found.company_id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const staff = await trx
      .selectFrom('company_staff')
      .selectAll()
      .where('tenant_id', '=', tenant.id)
      .where('id', '=', staffId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (!(rule.from as readonly string[]).includes(staff.status))
      throw staffTransitionError(decision, staff.status);
    if (rule.needsActiveCompany && company.status !== 'active')
      throw inactiveCompanyError(decision, company.status);
    const user = await findUserById(trx, tenant.id, staff.user_id);
    if (!user) throw new Error(`company_staff ${staff.id}: user ${staff.user_id} not found`);

    await trx
      .updateTable('company_staff')
      .set({ status: rule.to, decision_reason: reason, updated_at: now })
      .where('tenant_id', '=', tenant.id)
      .where('id', '=', staff.id)
      .execute();
    await updateUser(trx, tenant.id, user.id, { status: rule.userStatus });

    const common = {
      staffFullName: staff.full_name,
      staffRegistrationNumber: staff.registration_number,
      businessName: company.business_name,
      username: user.username,
      loginLink: `${linkBase}/accesso`,
      reason,
    };
    const samePerson = staff.email.trim().toLowerCase() === company.lr_email.trim().toLowerCase();
    if (!samePerson)
      await enqueueMail(
        trx,
        tenant.id,
        staffDecisionMail(tenant, decision, {
          ...common,
          to: company.lr_email,
          greeting: `Gentile ${company.lr_full_name}`,
          toPerson: false,
        }),
      );
    await enqueueMail(
      trx,
      tenant.id,
      staffDecisionMail(tenant, decision, {
        ...common,
        to: staff.email,
        greeting: `Gentile ${staff.full_name}`,
        toPerson: true,
      }),
    );
    await appendAudit(trx, tenant.id, actor, {
      action: rule.action,
      entityType: 'company_staff',
      entityId: staff.id,
      summary: {
        registrationNumber: staff.registration_number,
        fullName: staff.full_name,
        taxCode: staff.tax_code,
        companyId: company.id,
        businessName: company.business_name,
        userId: user.id,
        from: staff.status,
        to: rule.to,
        reason,
      },
    });
    return { name: staff.full_name, status: rule.to };
  });
}
