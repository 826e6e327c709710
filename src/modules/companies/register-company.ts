import type { TAppDeps } from '../../app-deps.js';
import { appendAudit, type TActor } from '../../audit/audit-log.js';
import { isUniqueViolation } from '../../db/unique-violation.js';
import { storeFile } from '../../files/stored-files.js';
import { ValidationError } from '../../http/errors.js';
import { italianToday } from '../../italian/dates.js';
import { enqueueMail } from '../../mail/outbox.js';
import { nextCounter } from '../../tenancy/counters.js';
import type { TTenant } from '../../tenancy/tenant.js';
import { readCompanyRegistration, type TCompanyDeclaration } from './company-form.js';
import { issueCompanyLink } from './company-links.js';
import {
  companyReceiptHash,
  companyReceiptSections,
  renderCompanyReceipt,
  type TCompanyReceiptData,
} from './company-receipt.js';
import { companyRegisteredMail } from './mail-templates.js';
import type { TPdfUpload } from './pdf-uploads.js';
import { findCompanyByVat } from './queries.js';

export const DUPLICATE_VAT_MESSAGE =
  "Esiste già una registrazione con questa partita IVA presso l'ente. Se non hai ricevuto l'e-mail per firmare, contatta l'ente.";

export type TCompanyUploads = { chamberCertificate?: TPdfUpload; insurancePolicy?: TPdfUpload };

/** The file fields of the registration form. */
export const COMPANY_UPLOAD_FIELDS = ['chamber_certificate', 'insurance_policy'] as const;

/**
 * "Registra" as the form sends it: the fields (section 1.3) and the PDF uploads already checked, with
 * their messages. Every problem is one ValidationError with a message per field.
 */
export async function submitCompanyRegistration(
  deps: TAppDeps,
  tenant: TTenant,
  values: Record<string, string>,
  uploads: { files: Record<string, TPdfUpload>; errors: Record<string, string> },
  actor: TActor,
  linkBase: string,
) {
  const read = readCompanyRegistration(values, italianToday(deps.now()));
  const errors = { ...(read.ok ? {} : read.errors), ...uploads.errors };
  if (!read.ok || Object.keys(errors).length > 0) throw new ValidationError(errors);
  const files: TCompanyUploads = {};
  if (uploads.files.chamber_certificate) files.chamberCertificate = uploads.files.chamber_certificate;
  if (uploads.files.insurance_policy) files.insurancePolicy = uploads.files.insurance_policy;
  const registered = await registerCompany(deps, tenant, read.declaration, files, actor, linkBase);
  return { ...registered, lrEmail: read.declaration.lrEmail };
}

/**
 * "Registra" (seed 000 § 1.3–1.4): stores the self-declaration with its registration number, receipt
 * PDF and hash, uploads and certifications, and e-mails the receipt with the single-use signing link,
 * all in one transaction. No credentials are created.
 */
export async function registerCompany(
  deps: TAppDeps,
  tenant: TTenant,
  declaration: TCompanyDeclaration,
  uploads: TCompanyUploads,
  actor: TActor,
  linkBase: string,
): Promise<{ companyId: string; registrationNumber: string }> {
  if (await findCompanyByVat(deps.db, tenant.id, declaration.vatNumber))
    throw new ValidationError({ vat_number: DUPLICATE_VAT_MESSAGE });
  const now = deps.now();
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const n = await nextCounter(trx, tenant.id, `companies:${now.getUTCFullYear()}`);
      const registrationNumber = `DM-${now.getUTCFullYear()}-${String(n).padStart(6, '0')}`;
      const receipt: TCompanyReceiptData = {
        registrationNumber,
        submittedAt: now,
        declaration,
        attachments: {
          chamberCertificate: uploads.chamberCertificate?.filename ?? null,
          insurancePolicy: uploads.insurancePolicy?.filename ?? null,
        },
      };
      const hash = companyReceiptHash(receipt);
      const pdf = await renderCompanyReceipt(tenant, receipt, hash);
      const store = (u: TCompanyUploads['chamberCertificate']) =>
        u
          ? storeFile(trx, tenant.id, {
              filename: u.filename,
              contentType: u.contentType,
              content: u.content,
            })
          : null;
      const receiptFileId = await storeFile(trx, tenant.id, {
        filename: `ricevuta-${registrationNumber}.pdf`,
        contentType: 'application/pdf',
        content: pdf,
      });
      const d = declaration;
      const company = await trx
        .insertInto('companies')
        .values({
          tenant_id: tenant.id,
          registration_number: registrationNumber,
          status: 'pending_signature',
          lr_full_name: d.lrFullName,
          lr_tax_code: d.lrTaxCode,
          lr_email: d.lrEmail,
          business_name: d.businessName,
          vat_number: d.vatNumber,
          company_tax_code: d.companyTaxCode,
          company_email: d.companyEmail,
          pec: d.pec,
          municipality_istat: d.municipality.istat,
          municipality_name: d.municipality.name,
          cap: d.cap,
          street: d.street,
          street_number: d.streetNumber,
          phone: d.phone,
          fax: d.fax,
          mobile: d.mobile,
          sdi_code: d.sdiCode,
          cciaa_number: d.cciaaNumber,
          cciaa_municipality: d.cciaaMunicipality.name,
          rea_number: d.reaNumber,
          rea_municipality: d.reaMunicipality.name,
          activity_start_date: d.activityStartDate,
          chamber_certificate_file_id: await store(uploads.chamberCertificate),
          insurance_policy_file_id: await store(uploads.insurancePolicy),
          receipt_file_id: receiptFileId,
          receipt_hash: hash,
          declaration_sections: JSON.stringify(companyReceiptSections(receipt)),
          privacy_accepted_at: now,
          created_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const c of d.certifications) {
        await trx
          .insertInto('certifications')
          .values({
            tenant_id: tenant.id,
            company_id: company.id,
            kind: c.kind,
            reference_date: c.referenceDate,
            expiry_date: c.expiryDate,
            last_check_expiry_date: c.lastCheckExpiryDate,
          })
          .execute();
      }
      const signToken = await issueCompanyLink(
        trx,
        tenant.id,
        deps.config.appSecret,
        { companyId: company.id, purpose: 'sign' },
        now,
      );
      const docsToken = await issueCompanyLink(
        trx,
        tenant.id,
        deps.config.appSecret,
        { companyId: company.id, purpose: 'documents' },
        now,
      );
      await enqueueMail(
        trx,
        tenant.id,
        companyRegisteredMail(tenant, {
          to: d.lrEmail,
          lrFullName: d.lrFullName,
          businessName: d.businessName,
          registrationNumber,
          signLink: `${linkBase}/ditte/firma?token=${encodeURIComponent(signToken)}`,
          documentsLink: `${linkBase}/ditte/documenti?token=${encodeURIComponent(docsToken)}`,
          receipt: pdf,
        }),
      );
      await appendAudit(
        trx,
        tenant.id,
        { ...actor, label: `${d.lrFullName} (${d.lrTaxCode})` },
        {
          action: 'company.registered',
          entityType: 'company',
          entityId: company.id,
          summary: {
            registrationNumber,
            vatNumber: d.vatNumber,
            businessName: d.businessName,
            receiptHash: hash,
          },
        },
      );
      return { companyId: company.id, registrationNumber };
    });
  } catch (err) {
    // Two registrations of the same partita IVA at once: the unique index decides, with the same message.
    if (isUniqueViolation(err, 'companies_tenant_vat_uq'))
      throw new ValidationError({ vat_number: DUPLICATE_VAT_MESSAGE });
    throw err;
  }
}
