// Reading applications. Every query takes the tenant; citizens' reads also take their user id.
import { sql } from 'kysely';
import type { TDb } from '../../../db/database.js';
import type { TGrantApplicationRow } from '../../../db/schema.js';
import { NotFoundError } from '../../../http/errors.js';
import type { TenantId } from '../../../tenancy/tenant.js';
import type { TFundingState } from '../funding/allocation-rules.js';
import type { TApplicationDraft, TDraftAnswers } from './allegato-a/allegato-a.js';
import { draftAnswers, readDraft } from './allegato-a/answers.js';

export type TApplicationStatus =
  'draft' | 'submitted' | 'integration_requested' | 'admitted' | 'rejected' | 'withdrawn' | 'revoked';

export const STATUS_LABELS: Record<TApplicationStatus, string> = {
  draft: 'Bozza',
  submitted: 'Inviata, in istruttoria',
  integration_requested: 'Integrazione richiesta',
  admitted: 'Ammessa',
  rejected: 'Non ammessa',
  withdrawn: 'Ritirata dal richiedente',
  revoked: 'Contributo revocato',
};

export const FUNDING_LABELS: Record<TFundingState, string> = {
  none: '—',
  pending: 'In attesa di assegnazione dei fondi',
  reserved: 'Fondi prenotati',
  partial: 'Fondi prenotati in parte',
  waiting: "In lista d'attesa",
  released: 'Fondi rilasciati',
};

export interface TApplication {
  id: string;
  tenantId: TenantId;
  callId: string;
  userId: string;
  status: TApplicationStatus;
  funding: TFundingState;
  /** What was typed in each field of Allegato A, as stored (the forms show it again). */
  data: TApplicationDraft;
  /** The valid answers as typed values, read once from `data`. */
  answers: TDraftAnswers;
  step: number;
  protocol: string | null;
  arrivalSeq: number | null;
  submittedAt: Date | null;
  verificationCode: string | null;
  requestedCents: number | null;
  reservedCents: number;
  fundedAt: Date | null;
  receiptSentAt: Date | null;
  integrationMessage: string | null;
  integrationRequestedAt: Date | null;
  integrationDueAt: Date | null;
  integrationAnsweredAt: Date | null;
  decidedAt: Date | null;
  decisionReason: string | null;
  withdrawnAt: Date | null;
  revokedAt: Date | null;
  revocationReason: string | null;
  paidAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export function applicationFromRow(r: TGrantApplicationRow): TApplication {
  const data = readDraft(r.data);
  return {
    id: r.id,
    tenantId: r.tenant_id,
    callId: r.call_id,
    userId: r.user_id,
    status: r.status as TApplicationStatus,
    funding: r.funding as TFundingState,
    data,
    answers: draftAnswers(data),
    step: r.step,
    protocol: r.protocol,
    arrivalSeq: r.arrival_seq === null ? null : Number(r.arrival_seq),
    submittedAt: r.submitted_at,
    verificationCode: r.verification_code,
    requestedCents: r.requested_cents === null ? null : Number(r.requested_cents),
    reservedCents: Number(r.reserved_cents),
    fundedAt: r.funded_at,
    receiptSentAt: r.receipt_sent_at,
    integrationMessage: r.integration_message,
    integrationRequestedAt: r.integration_requested_at,
    integrationDueAt: r.integration_due_at,
    integrationAnsweredAt: r.integration_answered_at,
    decidedAt: r.decided_at,
    decisionReason: r.decision_reason,
    withdrawnAt: r.withdrawn_at,
    revokedAt: r.revoked_at,
    revocationReason: r.revocation_reason,
    paidAt: r.paid_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** One application of the tenant; with `userId`, only if it is that citizen's (404 otherwise). */
async function loadApplication(db: TDb, tenantId: TenantId, applicationId: string, userId?: string) {
  let q = db
    .selectFrom('grant_applications')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', applicationId);
  if (userId !== undefined) q = q.where('user_id', '=', userId);
  const row = await q.executeTakeFirst();
  if (!row) throw new NotFoundError('La domanda richiesta non esiste.');
  return applicationFromRow(row);
}

/** The citizen's own application (404 for anyone else's, or another tenant's). */
export function getApplicationForUser(
  db: TDb,
  tenantId: TenantId,
  userId: string,
  applicationId: string,
): Promise<TApplication> {
  return loadApplication(db, tenantId, applicationId, userId);
}

/** The citizen's current application on a call, if any (at most one; withdrawn ones do not count). */
export async function findApplicationOfUser(
  db: TDb,
  tenantId: TenantId,
  userId: string,
  callId: string,
): Promise<TApplication | undefined> {
  const row = await db
    .selectFrom('grant_applications')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('user_id', '=', userId)
    .where('call_id', '=', callId)
    .where('status', '<>', 'withdrawn')
    .executeTakeFirst();
  return row ? applicationFromRow(row) : undefined;
}

/** Any application of the tenant, for officers. */
export function getApplication(db: TDb, tenantId: TenantId, applicationId: string): Promise<TApplication> {
  return loadApplication(db, tenantId, applicationId);
}

/** Files attached, by kind. */
export async function attachmentCounts(
  db: TDb,
  tenantId: TenantId,
  applicationId: string,
): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('grant_application_files')
    .select(['kind', sql<number>`count(*)::int`.as('n')])
    .where('tenant_id', '=', tenantId)
    .where('application_id', '=', applicationId)
    .groupBy('kind')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.kind, r.n]));
}

/** A receipt looked up by its verification code on the public page: no personal data. */
export async function findByVerificationCode(
  db: TDb,
  tenantId: TenantId,
  code: string,
): Promise<
  { protocol: string; callTitle: string; submittedAt: Date | null; status: TApplicationStatus } | undefined
> {
  const normal = code
    .trim()
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '');
  if (normal.length !== 12) return undefined;
  const formatted = `${normal.slice(0, 4)}-${normal.slice(4, 8)}-${normal.slice(8)}`;
  const row = await db
    .selectFrom('grant_applications as a')
    .innerJoin('grant_calls as c', 'c.id', 'a.call_id')
    .select(['a.protocol', 'a.submitted_at', 'a.status', 'c.title as call_title'])
    .where('a.tenant_id', '=', tenantId)
    .where('a.verification_code', '=', formatted)
    .executeTakeFirst();
  if (!row?.protocol) return undefined;
  return {
    protocol: row.protocol,
    callTitle: row.call_title,
    submittedAt: row.submitted_at,
    status: row.status as TApplicationStatus,
  };
}

/** The citizen's applications of every call, newest first (the "Le mie domande" list). */
export async function listApplicationsOfUser(db: TDb, tenantId: TenantId, userId: string) {
  const rows = await db
    .selectFrom('grant_applications as a')
    .innerJoin('grant_calls as c', 'c.id', 'a.call_id')
    .selectAll('a')
    .select('c.title as call_title')
    .where('a.tenant_id', '=', tenantId)
    .where('a.user_id', '=', userId)
    .orderBy('a.created_at', 'desc')
    .execute();
  return rows.map((r) => {
    const a = applicationFromRow(r);
    return {
      id: a.id,
      callTitle: r.call_title,
      protocol: a.protocol,
      status: a.status,
      funding: a.funding,
      submittedAt: a.submittedAt,
    };
  });
}
