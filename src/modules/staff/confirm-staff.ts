import type { TAppDeps } from '../../app-deps.js';
import { appendAudit, type TActor } from '../../audit/audit-log.js';
import { LinkExpiredError } from '../../http/errors.js';
import type { TTenant } from '../../tenancy/tenant.js';
import { findUserById } from '../accounts/users.js';
import { findCompanyLink, markLinkUsed } from '../companies/company-links.js';
import { getCompany } from '../companies/queries.js';
import { getStaff } from './queries.js';

export const STAFF_LINK_MESSAGES = {
  used: 'Questo collegamento è già stato usato: la registrazione del tecnico risulta già confermata.',
  expired:
    "Questo collegamento è scaduto: i collegamenti per confermare la registrazione valgono 7 giorni. Per confermarla contatta l'autorità competente.",
  unknown: 'Il collegamento non è valido. Controlla di averlo copiato per intero dalla e-mail.',
} as const;

/** Why a confirmation link does not work; no new link can be asked for (the message says whom to contact). */
const staffLinkError = (state: keyof typeof STAFF_LINK_MESSAGES) =>
  new LinkExpiredError(state, STAFF_LINK_MESSAGES[state]);

async function staffOfLink(
  deps: TAppDeps,
  tenant: TTenant,
  link: { companyId: string; staffId: string | null },
) {
  const staff = link.staffId ? await getStaff(deps.db, tenant.id, link.staffId) : undefined;
  const company = await getCompany(deps.db, tenant.id, link.companyId);
  const user = staff ? await findUserById(deps.db, tenant.id, staff.user_id) : undefined;
  if (!staff || !company || !user || staff.company_id !== company.id) throw staffLinkError('unknown');
  return { staff, company, username: user.username };
}

/** Who was registered, for the page the legal representative opens from the e-mail. */
export async function openStaffConfirmLink(deps: TAppDeps, tenant: TTenant, token: string) {
  const link = await findCompanyLink(
    deps.db,
    tenant.id,
    deps.config.appSecret,
    'confirm_staff',
    token,
    deps.now(),
  );
  if (link.state !== 'valid') throw staffLinkError(link.state);
  return staffOfLink(deps, tenant, link);
}

/**
 * "Confermo la registrazione": the legal representative confirms that they registered this person.
 * Records the time on the staff registration; the link works once.
 */
export async function confirmStaffRegistration(
  deps: TAppDeps,
  tenant: TTenant,
  token: string,
  actor: TActor,
) {
  const now = deps.now();
  return deps.db.transaction().execute(async (trx) => {
    const link = await findCompanyLink(
      trx,
      tenant.id,
      deps.config.appSecret,
      'confirm_staff',
      token,
      now,
      true,
    );
    if (link.state !== 'valid') throw staffLinkError(link.state);
    const { id: linkId, companyId, staffId } = link;
    const staff = staffId ? await getStaff(trx, tenant.id, staffId) : undefined;
    const company = await getCompany(trx, tenant.id, companyId);
    if (!staff || !company || staff.company_id !== company.id) throw staffLinkError('unknown');
    if (staff.lr_confirmed_at) throw staffLinkError('used');
    await markLinkUsed(trx, tenant.id, linkId, now);
    await trx
      .updateTable('company_staff')
      .set({ lr_confirmed_at: now, updated_at: now })
      .where('tenant_id', '=', tenant.id)
      .where('id', '=', staff.id)
      .execute();
    await appendAudit(
      trx,
      tenant.id,
      { ...actor, label: `${company.lr_full_name} (${company.lr_tax_code})` },
      {
        action: 'staff.registration_confirmed',
        entityType: 'company_staff',
        entityId: staff.id,
        summary: {
          registrationNumber: staff.registration_number,
          companyId: company.id,
          receiptHash: staff.receipt_hash,
          ip: actor.ip,
        },
      },
    );
    return { staff, company };
  });
}
