import { ROLES } from '../../auth/permissions.js';
import type { TTenant } from '../../tenancy/tenant.js';
import { STAFF_CERTIFICATIONS } from '../companies/certifications.js';
import {
  certificationsSection,
  declarationHash,
  renderDeclarationReceipt,
} from '../companies/declaration-receipt.js';
import { JOB_TYPES, STAFF_LABELS as L, type TStaffDeclaration, USER_TYPES } from './staff-form.js';

export type TStaffReceiptData = {
  registrationNumber: string;
  submittedAt: Date;
  company: { businessName: string; vatNumber: string };
  /** Everything declared but the password, which never leaves the form. */
  declaration: Omit<TStaffDeclaration, 'password'>;
};

/** "Tecnico (Privato)": the role the two choices give. */
export function staffRoleLabel(jobType: keyof typeof JOB_TYPES, userType: keyof typeof USER_TYPES): string {
  return ROLES[`staff_${jobType}_${userType}`].label;
}

/** The sections of the receipt, in the order and with the labels of section 2.2. No password. */
export function staffReceiptSections(r: TStaffReceiptData) {
  const d = r.declaration;
  return [
    {
      title: 'Il sottoscritto',
      rows: [
        [L.lr_full_name, d.lrFullName],
        [L.lr_tax_code, d.lrTaxCode],
      ],
    },
    {
      title: 'in qualità di Rappresentante Legale della Ditta',
      rows: [
        ['Ragione sociale', r.company.businessName],
        ['P.IVA', r.company.vatNumber],
      ],
    },
    {
      title: 'DICHIARA per il dipendente',
      rows: [
        [L.staff_full_name, d.staffFullName],
        [L.staff_tax_code, d.staffTaxCode],
      ],
    },
    {
      title: "i seguenti dati di registrazione dell'utente Tecnico/Amministrativo",
      rows: [
        [L.user_email, d.email],
        [L.job_type, JOB_TYPES[d.jobType].explanation],
        [L.user_type, USER_TYPES[d.userType].explanation],
        [L.username, d.username],
        [L.send_email_to_user, d.sendEmailToUser ? 'Sì' : 'No'],
      ],
    },
    certificationsSection(STAFF_CERTIFICATIONS, d.certifications),
  ] as const;
}

export function staffReceiptHash(r: TStaffReceiptData): string {
  return declarationHash(r.registrationNumber, r.submittedAt, staffReceiptSections(r));
}

export async function renderStaffReceipt(
  tenant: TTenant,
  r: TStaffReceiptData,
  hash: string,
): Promise<Buffer> {
  return renderDeclarationReceipt({
    tenant,
    heading: `Ricevuta di registrazione Tecnico / Amministrativo n. ${r.registrationNumber}`,
    submittedAt: r.submittedAt,
    sections: staffReceiptSections(r),
    notes: [
      'Le credenziali (Nome Utente e Password) sono state create dal Legale Rappresentante; la password non è riportata in questa ricevuta. Al primo accesso sarà richiesta la modifica della password.',
      `L'utente potrà accedere solo dopo l'attivazione da parte dell'autorità competente: per l'attivazione contattare l'indirizzo e-mail ${tenant.activationEmail}.`,
    ],
    hash,
  });
}
