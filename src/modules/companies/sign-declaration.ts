import type { TAppDeps } from '../../app-deps.js';
import { appendAudit, type TActor } from '../../audit/audit-log.js';
import { LinkExpiredError, type TLinkState } from '../../http/errors.js';
import { enqueueMail } from '../../mail/outbox.js';
import type { TTenant } from '../../tenancy/tenant.js';
import { findCompanyLink, issueCompanyLink, markLinkUsed } from './company-links.js';
import { declarationHash } from './declaration-receipt.js';
import { companySignedMail, newSigningLinkMail } from './mail-templates.js';
import { getCompany } from './queries.js';

export const SIGNING_LINK_MESSAGES = {
  used: "Questo collegamento è già stato usato: l'autodichiarazione risulta già firmata oppure è stato chiesto un nuovo collegamento.",
  expired: 'Questo collegamento è scaduto: i collegamenti per la firma valgono 7 giorni.',
  unknown: 'Il collegamento non è valido. Controlla di averlo copiato per intero dalla e-mail.',
} as const;

/** The page where a new signing link can be asked for, from a used or expired one. */
export const resendSigningLinkHref = (token: string) =>
  `/ditte/firma/nuovo-link?token=${encodeURIComponent(token)}`;

/**
 * Why a signing link does not work. From a used or expired link the legal representative can ask for a new
 * one (it goes to their address only); an unknown link offers nothing.
 */
function signingLinkError(state: TLinkState, token: string): LinkExpiredError {
  return new LinkExpiredError(
    state,
    SIGNING_LINK_MESSAGES[state],
    state === 'unknown' ? undefined : { href: resendSigningLinkHref(token), label: 'Invia un nuovo link' },
  );
}

/** The company a valid signing link points to (for the page that shows the declaration). */
export async function openSigningLink(deps: TAppDeps, tenant: TTenant, token: string) {
  const link = await findCompanyLink(deps.db, tenant.id, deps.config.appSecret, 'sign', token, deps.now());
  if (link.state !== 'valid') throw signingLinkError(link.state, token);
  const company = await getCompany(deps.db, tenant.id, link.companyId);
  if (!company) throw signingLinkError('unknown', token);
  return company;
}

/**
 * "Firma e conferma": records time, IP and the receipt's hash, and moves the company to "registrata".
 * The link works once.
 */
export async function signDeclaration(deps: TAppDeps, tenant: TTenant, token: string, actor: TActor) {
  const now = deps.now();
  return deps.db.transaction().execute(async (trx) => {
    const link = await findCompanyLink(trx, tenant.id, deps.config.appSecret, 'sign', token, now, true);
    if (link.state !== 'valid') throw signingLinkError(link.state, token);
    const { id: linkId, companyId } = link;
    const company = await getCompany(trx, tenant.id, companyId);
    if (!company || company.status !== 'pending_signature') throw signingLinkError('used', token);
    // What is signed is what was declared: the stored sections must still give the receipt's hash.
    const hash = declarationHash(
      company.registration_number,
      company.created_at,
      company.declaration_sections,
    );
    if (hash !== company.receipt_hash)
      throw new Error(`company ${companyId}: declaration does not match its receipt hash`);
    await markLinkUsed(trx, tenant.id, linkId, now);
    await trx
      .updateTable('companies')
      .set({
        status: 'registered',
        signed_at: now,
        signed_ip: actor.ip,
        signed_receipt_hash: company.receipt_hash,
        updated_at: now,
      })
      .where('tenant_id', '=', tenant.id)
      .where('id', '=', companyId)
      .execute();
    await enqueueMail(
      trx,
      tenant.id,
      companySignedMail(tenant, {
        to: company.lr_email,
        lrFullName: company.lr_full_name,
        businessName: company.business_name,
        registrationNumber: company.registration_number,
      }),
    );
    await appendAudit(
      trx,
      tenant.id,
      { ...actor, label: `${company.lr_full_name} (${company.lr_tax_code})` },
      {
        action: 'company.declaration_signed',
        entityType: 'company',
        entityId: companyId,
        summary: {
          registrationNumber: company.registration_number,
          receiptHash: company.receipt_hash,
          ip: actor.ip,
        },
      },
    );
    return company;
  });
}

/**
 * "Invia un nuovo link": for a used or expired signing link of a company still waiting for signature,
 * e-mails a new one to the legal representative (never to anyone else) and retires the old ones.
 */
export async function resendSigningLink(
  deps: TAppDeps,
  tenant: TTenant,
  oldToken: string,
  actor: TActor,
  linkBase: string,
) {
  const now = deps.now();
  const link = await findCompanyLink(deps.db, tenant.id, deps.config.appSecret, 'sign', oldToken, now);
  if (link.state === 'unknown') return false;
  const company = await getCompany(deps.db, tenant.id, link.companyId);
  if (!company || company.status !== 'pending_signature') return false;
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('company_links')
      .set({ used_at: now })
      .where('tenant_id', '=', tenant.id)
      .where('company_id', '=', company.id)
      .where('purpose', '=', 'sign')
      .where('used_at', 'is', null)
      .execute();
    const token = await issueCompanyLink(
      trx,
      tenant.id,
      deps.config.appSecret,
      { companyId: company.id, purpose: 'sign' },
      now,
    );
    await enqueueMail(
      trx,
      tenant.id,
      newSigningLinkMail(tenant, {
        to: company.lr_email,
        lrFullName: company.lr_full_name,
        businessName: company.business_name,
        registrationNumber: company.registration_number,
        signLink: `${linkBase}/ditte/firma?token=${encodeURIComponent(token)}`,
      }),
    );
    await appendAudit(trx, tenant.id, actor, {
      action: 'company.signing_link_resent',
      entityType: 'company',
      entityId: company.id,
    });
  });
  return true;
}
