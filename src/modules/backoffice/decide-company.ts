import type { TAppDeps } from '../../app-deps.js';
import { appendAudit, type TActor } from '../../audit/audit-log.js';
import { NotFoundError } from '../../http/errors.js';
import { enqueueMail } from '../../mail/outbox.js';
import type { TTenant } from '../../tenancy/tenant.js';
import type { TCompanyStatus } from '../companies/company-status.js';
import { COMPANY_RULES, companyTransitionError, readReason, type TDecided } from './decisions.js';
import { companyDecisionMail, type TCompanyDecision } from './mail-templates.js';

/**
 * Attiva / Rifiuta / Sospendi / Riattiva a company. In one transaction: the status change (the row
 * locked, so two officers cannot decide at once), the e-mail to the legal representative and the audit
 * row. A company is activated only once its self-declaration is signed ('registered'). While a company
 * is suspended the accounts of its active staff are disabled, and enabled again when it is reactivated.
 * Returns the company's name and new status.
 */
export async function decideCompany(
  deps: TAppDeps,
  tenant: TTenant,
  companyId: string,
  decision: TCompanyDecision,
  rawReason: string | undefined,
  actor: TActor,
): Promise<TDecided<TCompanyStatus>> {
  const rule = COMPANY_RULES[decision];
  const reason = readReason(rawReason, rule.reasonRequired, decision);
  const now = deps.now();
  return deps.db.transaction().execute(async (trx) => {
    const company = await trx
      .selectFrom('companies')
      .selectAll()
      .where('tenant_id', '=', tenant.id)
      .where('id', '=', companyId)
      .forUpdate()
      .executeTakeFirst();
    if (!company) throw new NotFoundError();
    if (!(rule.from as readonly string[]).includes(company.status))
      throw companyTransitionError(decision, company.status);
    await trx
      .updateTable('companies')
      .set({ status: rule.to, decision_reason: reason, updated_at: now })
      .where('tenant_id', '=', tenant.id)
      .where('id', '=', company.id)
      .execute();
    if (decision === 'suspend' || decision === 'reactivate') {
      const staffUsers = trx
        .selectFrom('company_staff')
        .select('user_id')
        .where('tenant_id', '=', tenant.id)
        .where('company_id', '=', company.id)
        .where('status', '=', 'active');
      await trx
        .updateTable('users')
        .set({ status: decision === 'suspend' ? 'disabled' : 'active', updated_at: now })
        .where('tenant_id', '=', tenant.id)
        .where('id', 'in', staffUsers)
        .execute();
    }
    await enqueueMail(
      trx,
      tenant.id,
      companyDecisionMail(tenant, decision, {
        to: company.lr_email,
        lrFullName: company.lr_full_name,
        businessName: company.business_name,
        registrationNumber: company.registration_number,
        reason,
      }),
    );
    await appendAudit(trx, tenant.id, actor, {
      action: rule.action,
      entityType: 'company',
      entityId: company.id,
      summary: {
        registrationNumber: company.registration_number,
        businessName: company.business_name,
        vatNumber: company.vat_number,
        from: company.status,
        to: rule.to,
        reason,
      },
    });
    return { name: company.business_name, status: rule.to };
  });
}
