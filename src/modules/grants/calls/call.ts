// A grant call as the application sees it: the row's columns (budget, dates, partial funding) plus the
// rules the eligibility functions read. One place for "is the call open" and its attachments.
import type { TGrantCallRow } from '../../../db/schema.js';
import type { TenantId } from '../../../tenancy/tenant.js';
import type { TCall } from './call-rules.js';

/** The six attachments of Allegato A, "ALLEGA". */
export const ATTACHMENT_KINDS = [
  'environmental_certificate',
  'conformity_declaration',
  'plant_booklet',
  'gse_contract_sheet',
  'identity_document',
  'invoices',
] as const;
export type TAttachmentKind = (typeof ATTACHMENT_KINDS)[number];

export interface TAttachmentRule {
  kind: TAttachmentKind;
  label: string;
  required: boolean;
  /** Several files allowed (invoices). */
  multiple: boolean;
}

export const DEFAULT_ATTACHMENTS: readonly TAttachmentRule[] = [
  {
    kind: 'environmental_certificate',
    label:
      'Certificazione ambientale ai sensi del DM 186/2017 del generatore a biomassa comprovante una classificazione pari almeno a 5 stelle',
    required: true,
    multiple: false,
  },
  {
    kind: 'conformity_declaration',
    label:
      "Dichiarazione di conformità dell'impianto rilasciata dall'installatore ai sensi del DM 37/08 da cui si evinca anche la conformità dei contenuti alla norma UNI 10683",
    required: true,
    multiple: false,
  },
  {
    kind: 'plant_booklet',
    label: "Libretto d'impianto (frontespizio, sezioni 1 e 4)",
    required: true,
    multiple: false,
  },
  {
    kind: 'gse_contract_sheet',
    label:
      '"Scheda contratto" rilasciata dal GSE, in formato pdf, dalla quale si evinca l\'importo di contributo concesso dal GSE',
    required: true,
    multiple: false,
  },
  {
    kind: 'identity_document',
    label: 'Copia del documento di identità in corso di validità',
    required: true,
    multiple: false,
  },
  {
    kind: 'invoices',
    label: "Copia delle fatture versate per la realizzazione dell'intervento",
    required: true,
    multiple: true,
  },
];

/** The treasury account payment orders debit (SEPA debtor). */
export interface TTreasuryAccount {
  name: string;
  iban: string;
  bic: string;
}

/** What `grant_calls.rules` holds. */
export type TCallRules = Omit<
  TCall,
  'id' | 'title' | 'budgetCents' | 'opensAt' | 'closesAt' | 'partialFundingOfLastApplication'
> & {
  attachments: readonly TAttachmentRule[];
  /** Unset: the payments page warns that demonstration values are used. */
  treasury?: TTreasuryAccount;
};

/** What an administrator sets for a call (the call form, the seed data). */
export interface TCallInput {
  code: string;
  protocolPrefix: string;
  title: string;
  summary: string;
  howToApply: string;
  published: boolean;
  budgetCents: number;
  opensAt: Date;
  closesAt: Date;
  partialFunding: boolean;
  rules: TCallRules;
}

export interface TGrantCall extends TCallInput {
  id: string;
  tenantId: TenantId;
  /** The rules in the shape the eligibility functions take. */
  eligibility: TCall;
}

/** What the call form edits, from a stored call. */
export function callInputOf(c: TGrantCall): TCallInput {
  const { id: _id, tenantId: _tenantId, eligibility: _eligibility, ...input } = c;
  return input;
}

/** The columns of `grant_calls` for a call's data (insert and update alike). */
export function callColumns(input: TCallInput) {
  return {
    code: input.code,
    protocol_prefix: input.protocolPrefix,
    title: input.title,
    summary: input.summary,
    how_to_apply: input.howToApply,
    published: input.published,
    budget_cents: input.budgetCents,
    opens_at: input.opensAt,
    closes_at: input.closesAt,
    partial_funding: input.partialFunding,
    rules: JSON.stringify(input.rules),
  };
}

export function callFromRow(row: TGrantCallRow): TGrantCall {
  const rules = (typeof row.rules === 'string' ? JSON.parse(row.rules) : row.rules) as TCallRules;
  const opensAt = new Date(row.opens_at);
  const closesAt = new Date(row.closes_at);
  return {
    id: row.id,
    tenantId: row.tenant_id,
    code: row.code,
    protocolPrefix: row.protocol_prefix,
    title: row.title,
    summary: row.summary,
    howToApply: row.how_to_apply,
    published: row.published,
    budgetCents: Number(row.budget_cents),
    opensAt,
    closesAt,
    partialFunding: row.partial_funding,
    rules,
    eligibility: {
      ...rules,
      id: row.id,
      title: row.title,
      budgetCents: Number(row.budget_cents),
      opensAt: opensAt.toISOString(),
      closesAt: closesAt.toISOString(),
      partialFundingOfLastApplication: row.partial_funding,
    },
  };
}

/** The rules part of a TCall (the seed data), for storing a call. */
export function rulesOf(
  call: TCall,
  attachments: readonly TAttachmentRule[] = DEFAULT_ATTACHMENTS,
): TCallRules {
  const {
    id: _id,
    title: _title,
    budgetCents: _b,
    opensAt: _o,
    closesAt: _c,
    partialFundingOfLastApplication: _p,
    ...rules
  } = call;
  return { ...rules, attachments };
}

export type TCallPhase = 'not_yet_open' | 'open' | 'closed';

/** Submissions are accepted from the opening instant to the closing instant, both included. */
export function callPhase(call: Pick<TGrantCall, 'opensAt' | 'closesAt'>, now: Date): TCallPhase {
  if (now.getTime() < call.opensAt.getTime()) return 'not_yet_open';
  if (now.getTime() > call.closesAt.getTime()) return 'closed';
  return 'open';
}
