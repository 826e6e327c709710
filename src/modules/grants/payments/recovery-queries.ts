// Reading revocations and recoveries: what was revoked on a call, and the money paid that must come back.
import type { TDb } from '../../../db/database.js';
import type { TenantId } from '../../../tenancy/tenant.js';
import { applicantSortName, storedAnswers } from '../application/allegato-a/answers.js';

/** Recoveries of the tenant (optionally of one call), newest first, with protocol and applicant. */
export async function listRecoveries(db: TDb, tenantId: TenantId, callId?: string) {
  let q = db
    .selectFrom('grant_recoveries as r')
    .innerJoin('grant_applications as a', 'a.id', 'r.application_id')
    .innerJoin('grant_calls as c', 'c.id', 'a.call_id')
    .select([
      'r.id',
      'r.application_id',
      'r.amount_cents',
      'r.reason',
      'r.created_at',
      'r.recovered_at',
      'a.protocol',
      'a.data',
      'c.title as call_title',
      'c.id as call_id',
    ])
    .where('r.tenant_id', '=', tenantId);
  if (callId) q = q.where('a.call_id', '=', callId);
  const rows = await q.orderBy('r.created_at', 'desc').execute();
  return rows.map(({ data, ...r }) => ({
    ...r,
    amount_cents: Number(r.amount_cents),
    applicant: applicantSortName(storedAnswers(data)),
  }));
}

/** Revoked applications of a call, newest first. */
export async function revokedApplications(db: TDb, tenantId: TenantId, callId: string) {
  const rows = await db
    .selectFrom('grant_applications')
    .select(['id', 'protocol', 'revoked_at', 'revocation_reason', 'paid_at'])
    .where('tenant_id', '=', tenantId)
    .where('call_id', '=', callId)
    .where('status', '=', 'revoked')
    .orderBy('revoked_at', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    protocol: r.protocol ?? '',
    revokedAt: r.revoked_at ?? new Date(0),
    reason: r.revocation_reason ?? '',
    paid: r.paid_at !== null,
  }));
}
