import { ConflictError, ValidationError } from '../../http/errors.js';
import {
  COMPANY_STATUS,
  STAFF_STATUS,
  type TCompanyStatus,
  type TStaffStatus,
} from '../companies/company-status.js';
import type { TCompanyDecision, TStaffDecision } from './mail-templates.js';

/** The four decisions of the back office, as they appear in URLs and on buttons. */
export const DECISIONS = {
  attiva: { decision: 'activate', button: 'Attiva' },
  rifiuta: { decision: 'reject', button: 'Rifiuta' },
  sospendi: { decision: 'suspend', button: 'Sospendi' },
  riattiva: { decision: 'reactivate', button: 'Riattiva' },
} as const;

export type TDecisionSlug = keyof typeof DECISIONS;

export const DECISION_SLUGS = Object.keys(DECISIONS) as [TDecisionSlug, ...TDecisionSlug[]];

/** What a decision leaves: whom it was about (name) and their new status. */
export type TDecided<S extends string> = { name: string; status: S };

export const COMPANY_RULES: Record<
  TCompanyDecision,
  { from: readonly TCompanyStatus[]; to: TCompanyStatus; reasonRequired: boolean; action: string }
> = {
  activate: { from: ['registered'], to: 'active', reasonRequired: false, action: 'company.activated' },
  reject: {
    from: ['pending_signature', 'registered'],
    to: 'rejected',
    reasonRequired: true,
    action: 'company.rejected',
  },
  suspend: { from: ['active'], to: 'suspended', reasonRequired: true, action: 'company.suspended' },
  reactivate: { from: ['suspended'], to: 'active', reasonRequired: false, action: 'company.reactivated' },
};

export const STAFF_RULES: Record<
  TStaffDecision,
  {
    from: readonly TStaffStatus[];
    to: TStaffStatus;
    userStatus: 'active' | 'disabled';
    reasonRequired: boolean;
    needsActiveCompany: boolean;
    action: string;
  }
> = {
  activate: {
    from: ['awaiting_activation'],
    to: 'active',
    userStatus: 'active',
    reasonRequired: false,
    needsActiveCompany: true,
    action: 'staff.activated',
  },
  reject: {
    from: ['awaiting_activation'],
    to: 'rejected',
    userStatus: 'disabled',
    reasonRequired: true,
    needsActiveCompany: false,
    action: 'staff.rejected',
  },
  suspend: {
    from: ['active'],
    to: 'suspended',
    userStatus: 'disabled',
    reasonRequired: true,
    needsActiveCompany: false,
    action: 'staff.suspended',
  },
  reactivate: {
    from: ['suspended'],
    to: 'active',
    userStatus: 'active',
    reasonRequired: false,
    needsActiveCompany: true,
    action: 'staff.reactivated',
  },
};

export const MAX_REASON = 1000;

const REASON_MESSAGES: Record<TCompanyDecision, string> = {
  activate: '',
  reject: 'Indica la motivazione del rifiuto: sarà comunicata al Legale Rappresentante.',
  suspend: 'Indica la motivazione della sospensione: sarà comunicata al Legale Rappresentante.',
  reactivate: '',
};

/** The "Motivazione" of a decision: required for Rifiuta and Sospendi, optional note otherwise. */
export function readReason(
  raw: string | undefined,
  required: boolean,
  decision: TCompanyDecision,
): string | null {
  const reason = (raw ?? '').trim();
  if (required && !reason) throw new ValidationError({ reason: REASON_MESSAGES[decision] });
  if (reason.length > MAX_REASON)
    throw new ValidationError({ reason: `Al massimo ${MAX_REASON} caratteri.` });
  return reason || null;
}

const VERB: Record<TCompanyDecision, string> = {
  activate: 'attivare',
  reject: 'rifiutare',
  suspend: 'sospendere',
  reactivate: 'riattivare',
};

export function companyTransitionError(decision: TCompanyDecision, status: string): ConflictError {
  if (decision === 'activate' && status === 'pending_signature')
    return new ConflictError(
      "La ditta non può essere attivata: l'autodichiarazione non è ancora stata firmata dal Legale Rappresentante.",
    );
  const label = COMPANY_STATUS[status as TCompanyStatus] ?? status;
  return new ConflictError(`Non è possibile ${VERB[decision]} la ditta: il suo stato è «${label}».`);
}

export function staffTransitionError(decision: TStaffDecision, status: string): ConflictError {
  const label = STAFF_STATUS[status as TStaffStatus] ?? status;
  return new ConflictError(`Non è possibile ${VERB[decision]} questa persona: il suo stato è «${label}».`);
}

export function inactiveCompanyError(decision: TStaffDecision, companyStatus: string): ConflictError {
  const label = COMPANY_STATUS[companyStatus as TCompanyStatus] ?? companyStatus;
  return new ConflictError(
    `Non è possibile ${VERB[decision]} questa persona: la sua ditta non è attiva (stato «${label}»). Attiva prima la ditta.`,
  );
}
