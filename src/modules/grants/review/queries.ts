// Reads for the officers' pages: calls with counts, the queue in arrival order, an application's files and
// history, the checklist of its last decision. Every query takes the tenant.
import { sql } from 'kysely';
import type { TDb } from '../../../db/database.js';
import type { TenantId } from '../../../tenancy/tenant.js';
import { applicantSortName, storedAnswers } from '../application/allegato-a/answers.js';
import { FUNDING_LABELS, STATUS_LABELS, type TApplicationStatus } from '../application/queries.js';
import { listCalls } from '../calls/queries.js';
import type { TFundingState } from '../funding/allocation-rules.js';

export const QUEUE_LIMIT = 500;

/** Statuses an officer filters by (drafts are never shown). */
export const OFFICE_STATUSES: Partial<Record<TApplicationStatus, string>> = Object.fromEntries(
  Object.entries(STATUS_LABELS).filter(([k]) => k !== 'draft'),
);
export const OFFICE_FUNDING: Record<TFundingState, string> = { ...FUNDING_LABELS, none: 'Nessun fondo' };

export async function callsWithCounts(db: TDb, tenantId: TenantId) {
  const calls = await listCalls(db, tenantId, { publishedOnly: false });
  const counts = await db
    .selectFrom('grant_applications')
    .select([
      'call_id',
      sql<number>`count(*)::int`.as('total'),
      sql<number>`(count(*) filter (where status = 'submitted'))::int`.as('to_review'),
      sql<number>`(count(*) filter (where status = 'integration_requested'))::int`.as('integration'),
      sql<number>`(count(*) filter (where status = 'admitted'))::int`.as('admitted'),
      sql<number>`(count(*) filter (where status = 'rejected'))::int`.as('rejected'),
      sql<number>`(count(*) filter (where funding = 'waiting'))::int`.as('waiting'),
    ])
    .where('tenant_id', '=', tenantId)
    .where('arrival_seq', 'is not', null)
    .groupBy('call_id')
    .execute();
  const byCall = new Map(counts.map((c) => [c.call_id, c]));
  return calls.map((call) => {
    const c = byCall.get(call.id);
    return {
      call,
      total: c?.total ?? 0,
      toReview: c?.to_review ?? 0,
      integration: c?.integration ?? 0,
      admitted: c?.admitted ?? 0,
      rejected: c?.rejected ?? 0,
      waiting: c?.waiting ?? 0,
    };
  });
}

export type TQueueFilter = { status: string | null; funding: string | null; q: string };

export type TQueueRow = {
  id: string;
  seq: number;
  protocol: string;
  submittedAt: Date;
  applicant: string;
  taxCode: string;
  requestedCents: number;
  reservedCents: number;
  status: TApplicationStatus;
  funding: TFundingState;
  integrationDueAt: Date | null;
  paidAt: Date | null;
};

/** Submitted applications of a call in arrival order, filtered; at most QUEUE_LIMIT (`more` when cut). */
export async function searchQueue(
  db: TDb,
  tenantId: TenantId,
  callId: string,
  f: TQueueFilter,
): Promise<{ rows: TQueueRow[]; more: boolean }> {
  let q = db
    .selectFrom('grant_applications')
    .select([
      'id',
      'arrival_seq',
      'protocol',
      'submitted_at',
      'data',
      'applicant_cf',
      'requested_cents',
      'reserved_cents',
      'status',
      'funding',
      'integration_due_at',
      'paid_at',
    ])
    .where('tenant_id', '=', tenantId)
    .where('call_id', '=', callId)
    .where('arrival_seq', 'is not', null);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.funding) q = q.where('funding', '=', f.funding);
  const text = f.q.trim();
  if (text) {
    const like = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) =>
      eb.or([
        eb('protocol', 'ilike', like),
        eb('applicant_cf', 'ilike', like),
        eb(sql<string>`(data->>'last_name') || ' ' || (data->>'first_name')`, 'ilike', like),
        eb(sql<string>`(data->>'first_name') || ' ' || (data->>'last_name')`, 'ilike', like),
      ]),
    );
  }
  const rows = await q
    .orderBy('arrival_seq')
    .limit(QUEUE_LIMIT + 1)
    .execute();
  return {
    more: rows.length > QUEUE_LIMIT,
    rows: rows.slice(0, QUEUE_LIMIT).map((r) => {
      return {
        id: r.id,
        seq: Number(r.arrival_seq),
        protocol: r.protocol ?? '',
        submittedAt: r.submitted_at!,
        applicant: applicantSortName(storedAnswers(r.data)),
        taxCode: r.applicant_cf ?? '',
        requestedCents: Number(r.requested_cents ?? 0),
        reservedCents: Number(r.reserved_cents),
        status: r.status as TApplicationStatus,
        funding: r.funding as TFundingState,
        integrationDueAt: r.integration_due_at,
        paidAt: r.paid_at,
      };
    }),
  };
}

/** The files of an application (both phases), with name and size. */
export async function applicationFiles(db: TDb, tenantId: TenantId, applicationId: string) {
  return db
    .selectFrom('grant_application_files as g')
    .innerJoin('stored_files as f', 'f.id', 'g.file_id')
    .select([
      'g.id',
      'g.kind',
      'g.phase',
      'g.created_at',
      'f.id as file_id',
      'f.filename',
      'f.size_bytes',
      'f.content_type',
    ])
    .where('g.tenant_id', '=', tenantId)
    .where('g.application_id', '=', applicationId)
    .orderBy('g.created_at')
    .execute();
}

/** One attachment of the application (404 otherwise), with its content. */
export async function applicationFile(db: TDb, tenantId: TenantId, applicationId: string, fileId: string) {
  return db
    .selectFrom('grant_application_files as g')
    .innerJoin('stored_files as f', 'f.id', 'g.file_id')
    .select(['f.filename', 'f.content_type', 'f.content'])
    .where('g.tenant_id', '=', tenantId)
    .where('f.tenant_id', '=', tenantId)
    .where('g.application_id', '=', applicationId)
    .where('f.id', '=', fileId)
    .executeTakeFirst();
}

/** The audit trail of an application, oldest first. */
export async function applicationHistory(db: TDb, tenantId: TenantId, applicationId: string) {
  return db
    .selectFrom('audit_log')
    .select(['seq', 'action', 'actor_label', 'created_at', 'summary'])
    .where('tenant_id', '=', tenantId)
    .where('entity_type', '=', 'grant_application')
    .where('entity_id', '=', applicationId)
    .orderBy('seq')
    .execute();
}

export const HISTORY_LABELS: Record<string, string> = {
  'grant.application_submitted': 'Domanda inviata',
  'grant.integration_requested': 'Integrazione richiesta',
  'grant.integration_answered': 'Integrazione inviata dal richiedente',
  'grant.integration_expired': 'Termine per l’integrazione scaduto',
  'grant.application_admitted': 'Ammessa',
  'grant.application_admitted_reduced': 'Ammessa con importo ridotto',
  'grant.application_rejected': 'Non ammessa',
  'grant.grant_revoked': 'Contributo revocato',
  'grant.sample_check_recorded': 'Esito del controllo a campione',
  'grant.recovery_collected': 'Somma recuperata',
  'grant.application_withdrawn': 'Ritirata dal richiedente',
};

/** The checklist stored with the last decision (audit summary), if any. */
export function lastChecklist(
  history: ReadonlyArray<{ action: string; summary: unknown }>,
): { verificati: string[]; non_verificati: string[] } | undefined {
  for (let i = history.length - 1; i >= 0; i--) {
    const h = history[i]!;
    const s = (typeof h.summary === 'string' ? JSON.parse(h.summary) : h.summary) as {
      checklist?: { verificati: string[]; non_verificati: string[] };
    };
    if (s?.checklist) return s.checklist;
  }
  return undefined;
}

/** Money paid and revoked that the beneficiary has not given back yet (undefined when none). */
export async function openRecoveryCents(
  db: TDb,
  tenantId: TenantId,
  applicationId: string,
): Promise<number | undefined> {
  const row = await db
    .selectFrom('grant_recoveries')
    .select((eb) => eb.fn.sum<number>('amount_cents').as('cents'))
    .where('tenant_id', '=', tenantId)
    .where('application_id', '=', applicationId)
    .where('recovered_at', 'is', null)
    .executeTakeFirst();
  return row?.cents ? Number(row.cents) : undefined;
}
