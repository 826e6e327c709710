import type { TAppDeps } from '../../app-deps.js';
import { appendAudit, type TActor } from '../../audit/audit-log.js';
import { staffRole } from '../../auth/permissions.js';
import { isUniqueViolation } from '../../db/unique-violation.js';
import { ValidationError } from '../../http/errors.js';
import { enqueueMail } from '../../mail/outbox.js';
import { nextCounter } from '../../tenancy/counters.js';
import type { TTenant } from '../../tenancy/tenant.js';
import { emailTaken, insertUser, usernameTaken } from '../accounts/users.js';
import { issueCompanyLink } from '../companies/company-links.js';
import { getCompany } from '../companies/queries.js';
import { staffRegisteredLrMail, staffRegisteredUserMail } from './mail-templates.js';
import { findLiveStaffRegistration } from './queries.js';
import { COMPANY_MISMATCH_MESSAGE, readStaffRegistration, type TStaffDeclaration } from './staff-form.js';
import {
  renderStaffReceipt,
  staffReceiptHash,
  staffRoleLabel,
  type TStaffReceiptData,
} from './staff-receipt.js';

export const USERNAME_TAKEN_MESSAGE = 'Nome utente già in uso: scegline un altro.';
export const EMAIL_TAKEN_MESSAGE =
  'Esiste già un account con questo indirizzo e-mail: ogni utente deve avere un indirizzo personale.';

/** The company a staff member can be registered for: signed, of this tenant, and represented by this person. */
async function companyRepresentedBy(deps: TAppDeps, tenant: TTenant, companyId: string, lrTaxCode: string) {
  const company = await getCompany(deps.db, tenant.id, companyId);
  if (!company || !['registered', 'active'].includes(company.status)) return undefined;
  return company.lr_tax_code === lrTaxCode ? company : undefined;
}

/** "Registra" as the form sends it: section 2.2 read with the tenant's password policy, then registered. */
export async function submitStaffRegistration(
  deps: TAppDeps,
  tenant: TTenant,
  values: Record<string, string>,
  actor: TActor,
  linkBase: string,
) {
  const read = readStaffRegistration(values, tenant.passwordPolicy);
  if (!read.ok) throw new ValidationError(read.errors);
  const registered = await registerStaff(deps, tenant, read.declaration, actor, linkBase);
  return { ...registered, userMailed: read.declaration.sendEmailToUser };
}

/**
 * "Registra" (seed 000 § 2.2–2.3): in one transaction, the user account (waiting for the authority's
 * activation, password to change at first access), the staff registration with its number and receipt
 * hash, its certifications, the receipt e-mailed to the company's legal representative with a single-use
 * link to confirm, and — only when asked — an e-mail to the user with the username and the way to set a
 * password (never the password).
 */
export async function registerStaff(
  deps: TAppDeps,
  tenant: TTenant,
  declaration: TStaffDeclaration,
  actor: TActor,
  linkBase: string,
): Promise<{ staffId: string; userId: string; registrationNumber: string }> {
  const d = declaration;
  const company = await companyRepresentedBy(deps, tenant, d.companyId, d.lrTaxCode);
  if (!company) throw new ValidationError({ company_id: COMPANY_MISMATCH_MESSAGE });
  const errors: Record<string, string> = {};
  if (await usernameTaken(deps.db, tenant.id, d.username)) errors.username = USERNAME_TAKEN_MESSAGE;
  if (await emailTaken(deps.db, tenant.id, d.email)) errors.user_email = EMAIL_TAKEN_MESSAGE;
  const existing = await findLiveStaffRegistration(deps.db, tenant.id, company.id, d.staffTaxCode);
  if (existing)
    errors.staff_tax_code = `Questo dipendente risulta già registrato per la ditta selezionata (registrazione n. ${existing.registration_number}).`;
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);

  const role = staffRole(d.jobType, d.userType);
  const roleLabel = staffRoleLabel(d.jobType, d.userType);
  const passwordHash = await deps.hasher.hash(d.password);
  const { password: _never, ...declared } = d;
  const now = deps.now();
  const year = now.getUTCFullYear();
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const user = await insertUser(trx, tenant.id, {
        username: d.username,
        email: d.email,
        fullName: d.staffFullName,
        passwordHash,
        role,
        status: 'awaiting_activation',
        mustChangePassword: true,
        emailVerified: false,
      });
      const n = await nextCounter(trx, tenant.id, `staff:${year}`);
      const registrationNumber = `TE-${year}-${String(n).padStart(6, '0')}`;
      const receipt: TStaffReceiptData = {
        registrationNumber,
        submittedAt: now,
        company: { businessName: company.business_name, vatNumber: company.vat_number },
        declaration: declared,
      };
      const hash = staffReceiptHash(receipt);
      const pdf = await renderStaffReceipt(tenant, receipt, hash);
      const staff = await trx
        .insertInto('company_staff')
        .values({
          tenant_id: tenant.id,
          company_id: company.id,
          user_id: user.id,
          registration_number: registrationNumber,
          full_name: d.staffFullName,
          tax_code: d.staffTaxCode,
          email: d.email,
          job_type: d.jobType,
          user_type: d.userType,
          status: 'awaiting_activation',
          send_email_to_user: d.sendEmailToUser,
          receipt_hash: hash,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const c of d.certifications) {
        await trx
          .insertInto('certifications')
          .values({
            tenant_id: tenant.id,
            company_id: company.id,
            staff_id: staff.id,
            kind: c.kind,
            reference_date: c.referenceDate,
            expiry_date: c.expiryDate,
            last_check_expiry_date: c.lastCheckExpiryDate,
          })
          .execute();
      }
      const link = (purpose: 'confirm_staff' | 'documents') =>
        issueCompanyLink(
          trx,
          tenant.id,
          deps.config.appSecret,
          { companyId: company.id, staffId: staff.id, purpose },
          now,
        );
      const confirmToken = await link('confirm_staff');
      const documentsToken = await link('documents');
      await enqueueMail(
        trx,
        tenant.id,
        staffRegisteredLrMail(tenant, {
          to: company.lr_email,
          lrFullName: company.lr_full_name,
          businessName: company.business_name,
          registrationNumber,
          staffFullName: d.staffFullName,
          staffTaxCode: d.staffTaxCode,
          roleLabel,
          username: user.username,
          userEmail: d.email,
          sentToUser: d.sendEmailToUser,
          confirmLink: `${linkBase}/ditte/conferma-tecnico?token=${encodeURIComponent(confirmToken)}`,
          documentsLink: `${linkBase}/ditte/documenti?token=${encodeURIComponent(documentsToken)}`,
          receipt: pdf,
        }),
      );
      if (d.sendEmailToUser) {
        await enqueueMail(
          trx,
          tenant.id,
          staffRegisteredUserMail(tenant, {
            to: d.email,
            staffFullName: d.staffFullName,
            businessName: company.business_name,
            registrationNumber,
            roleLabel,
            username: user.username,
            recoveryLink: `${linkBase}/password/recupero?login=${encodeURIComponent(user.username)}`,
            receipt: pdf,
          }),
        );
      }
      await appendAudit(
        trx,
        tenant.id,
        { ...actor, label: `${d.lrFullName} (${d.lrTaxCode})` },
        {
          action: 'staff.registered',
          entityType: 'company_staff',
          entityId: staff.id,
          summary: {
            registrationNumber,
            companyId: company.id,
            userId: user.id,
            username: user.username,
            role,
            taxCode: d.staffTaxCode,
            sendEmailToUser: d.sendEmailToUser,
            receiptHash: hash,
          },
        },
      );
      return { staffId: staff.id, userId: user.id, registrationNumber };
    });
  } catch (err) {
    // Two registrations with the same username or e-mail at once: the unique indexes decide, with the
    // messages of the check above.
    if (isUniqueViolation(err, 'users_tenant_username_uq'))
      throw new ValidationError({ username: USERNAME_TAKEN_MESSAGE });
    if (isUniqueViolation(err, 'users_tenant_email_uq'))
      throw new ValidationError({ user_email: EMAIL_TAKEN_MESSAGE });
    throw err;
  }
}
