import type { TConfig } from '../../config.js';
import type { TDb } from '../../db/database.js';
import { addDays, daysBetween, italianToday } from '../../italian/dates.js';
import { enqueueMail } from '../../mail/outbox.js';
import type { TenantId, TTenant } from '../../tenancy/tenant.js';
import { getTenant } from '../../tenancy/tenants.js';
import { CERTIFICATION_LABELS } from './certifications.js';
import { issueCompanyLink } from './company-links.js';
import { certificationExpiryMail } from './mail-templates.js';
import { unsafeLiveCertifications } from './queries.js';
import { tenantBaseUrl } from '../../tenancy/tenant.js';

export type TExpiryWarning = '30d' | 'day';

/** The '30d' warning goes out this many days before the expiry (or at the first run after, if missed). */
export const WARN_DAYS_BEFORE = 30;
/** The 'day' warning is still sent this many days after the expiry if the job did not run on the day. */
export const LATE_DAYS_AFTER = 7;

export type TDueWarning = {
  tenantId: TenantId;
  certificationId: string;
  warning: TExpiryWarning;
  kind: string;
  expiryDate: string;
  companyId: string;
  businessName: string;
  registrationNumber: string;
  lrFullName: string;
  lrEmail: string;
  staffId: string | null;
  staffFullName: string | null;
  staffEmail: string | null;
};

/**
 * Across every tenant: certifications owed a warning on `today` and not yet warned for their current
 * expiry date. '30d' for an expiry in the next 30 days (after today), 'day' for an expiry today or in
 * the last 7 days. Companies and staff that were rejected are left out.
 */
export async function unsafeListDueCertificationWarnings(db: TDb, today: string): Promise<TDueWarning[]> {
  const select = (warning: TExpiryWarning, from: string, to: string) =>
    unsafeLiveCertifications(db)
      .select([
        'k.tenant_id',
        'k.id',
        'k.kind',
        'k.expiry_date',
        'k.staff_id',
        'c.id as company_id',
        'c.business_name',
        'c.registration_number',
        'c.lr_full_name',
        'c.lr_email',
        's.full_name as staff_full_name',
        's.email as staff_email',
      ])
      .where('k.expiry_date', '>=', from)
      .where('k.expiry_date', '<=', to)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('certification_warnings as w')
              .select('w.certification_id')
              .whereRef('w.certification_id', '=', 'k.id')
              .whereRef('w.due_on', '=', 'k.expiry_date')
              .where('w.warning', '=', warning),
          ),
        ),
      )
      .orderBy('k.expiry_date')
      .orderBy('k.id')
      .execute();
  const [soon, due] = await Promise.all([
    select('30d', addDays(today, 1), addDays(today, WARN_DAYS_BEFORE)),
    select('day', addDays(today, -LATE_DAYS_AFTER), today),
  ]);
  const toWarning = (warning: TExpiryWarning) => (r: (typeof soon)[number]) => ({
    tenantId: r.tenant_id,
    certificationId: r.id,
    warning,
    kind: r.kind,
    expiryDate: r.expiry_date,
    companyId: r.company_id,
    businessName: r.business_name,
    registrationNumber: r.registration_number,
    lrFullName: r.lr_full_name,
    lrEmail: r.lr_email,
    staffId: r.staff_id,
    staffFullName: r.staff_full_name,
    staffEmail: r.staff_email,
  });
  return [...soon.map(toWarning('30d')), ...due.map(toWarning('day'))];
}

export type TExpiryReport = { warnings: number; mails: number };

/**
 * The daily expiry job, for every tenant: e-mails the legal representative (and, for a staff member's
 * certification, the person) 30 days before a certification expires and on the day it expires. Each
 * warning is recorded in certification_warnings in the same transaction as its e-mails, with
 * INSERT … ON CONFLICT DO NOTHING: a second run the same day, or another instance running at the same
 * time, finds the row and sends nothing. A run after some downtime catches up (see the query above).
 */
export async function sendExpiryWarnings(db: TDb, config: TConfig, now: Date): Promise<TExpiryReport> {
  const today = italianToday(now);
  const due = await unsafeListDueCertificationWarnings(db, today);
  const tenants = new Map<TenantId, TTenant>();
  const report: TExpiryReport = { warnings: 0, mails: 0 };
  for (const w of due) {
    let tenant = tenants.get(w.tenantId);
    if (!tenant) {
      tenant = await getTenant(db, w.tenantId);
      tenants.set(w.tenantId, tenant);
    }
    const t = tenant;
    const mails = await db.transaction().execute(async (trx) => {
      const claimed = await trx
        .insertInto('certification_warnings')
        .values({
          certification_id: w.certificationId,
          warning: w.warning,
          due_on: w.expiryDate,
          tenant_id: w.tenantId,
          sent_at: now,
        })
        .onConflict((oc) => oc.columns(['certification_id', 'warning', 'due_on']).doNothing())
        .returning('certification_id')
        .executeTakeFirst();
      if (!claimed) return 0; // already warned, by an earlier run or by another instance right now
      const token = await issueCompanyLink(
        trx,
        w.tenantId,
        config.appSecret,
        { companyId: w.companyId, purpose: 'documents' },
        now,
      );
      const documentsLink = `${tenantBaseUrl(config, t)}/ditte/documenti?token=${encodeURIComponent(token)}`;
      const common = {
        warning: w.warning,
        certificationLabel: CERTIFICATION_LABELS[w.kind] ?? w.kind,
        expiryDate: w.expiryDate,
        daysLeft: daysBetween(today, w.expiryDate),
      };
      const company = `ditta ${w.businessName} (registrazione n. ${w.registrationNumber})`;
      const sent = new Set<string>();
      const send = async (mail: Parameters<typeof certificationExpiryMail>[1]) => {
        const key = mail.to.trim().toLowerCase();
        if (sent.has(key)) return;
        sent.add(key);
        await enqueueMail(trx, w.tenantId, certificationExpiryMail(t, mail));
      };
      // The legal representative first: when he registered himself as staff, he gets one e-mail, with the link.
      await send({
        ...common,
        to: w.lrEmail,
        greeting: `Gentile ${w.lrFullName}`,
        owner: w.staffId ? `di ${w.staffFullName ?? ''}, personale della ${company},` : `della ${company}`,
        documentsLink,
      });
      if (w.staffId && w.staffEmail)
        await send({
          ...common,
          to: w.staffEmail,
          greeting: `Gentile ${w.staffFullName ?? ''}`.trim(),
          owner: `intestata a te come personale della ${company}`,
          documentsLink: null,
        });
      return sent.size;
    });
    if (mails > 0) {
      report.warnings++;
      report.mails += mails;
    }
  }
  return report;
}
