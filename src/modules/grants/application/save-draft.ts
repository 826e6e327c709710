// The citizen's draft of Allegato A: one per call and account, created on first visit, saved step by
// step ("Salva e continua" stores the validated values, "Salva bozza" what was typed). A submitted
// application (arrival_seq set) is never changed here.
import { sql } from 'kysely';
import { appendAudit, type TActor } from '../../../audit/audit-log.js';
import type { TDb } from '../../../db/database.js';
import { ConflictError } from '../../../http/errors.js';
import type { TenantId } from '../../../tenancy/tenant.js';
import type { TGrantCall } from '../calls/call.js';
import { type TApplicationDraft } from './allegato-a/allegato-a.js';
import { readStep, stepFields, WIZARD_STEPS } from './allegato-a/steps.js';
import { applicationFromRow, type TApplication } from './queries.js';

export class ApplicationAlreadySubmittedError extends ConflictError {
  override readonly code = 'grant-application-already-submitted';
  constructor() {
    super('La domanda è già stata inviata: non può più essere modificata.');
  }
}

/**
 * The account's current application on the call (a withdrawn one does not count), created (empty, with the
 * account's e-mail) if there is none.
 */
export async function findOrCreateDraft(
  db: TDb,
  input: { tenantId: TenantId; userId: string; callId: string; email: string; now: Date; actor: TActor },
): Promise<{ application: TApplication; created: boolean }> {
  return db.transaction().execute(async (trx) => {
    const inserted = await sql<{ id: string }>`
      insert into grant_applications (tenant_id, call_id, user_id, data, step, created_at, updated_at)
      values (${input.tenantId}, ${input.callId}, ${input.userId},
              ${JSON.stringify({ email: input.email })}::jsonb, 1, ${input.now}, ${input.now})
      on conflict (call_id, user_id) where status <> 'withdrawn' do nothing
      returning id`.execute(trx);
    const created = inserted.rows.length > 0;
    if (created)
      await appendAudit(trx, input.tenantId, input.actor, {
        action: 'grant.application_draft_created',
        entityType: 'grant_application',
        entityId: inserted.rows[0]!.id,
        summary: { callId: input.callId },
      });
    const row = await trx
      .selectFrom('grant_applications')
      .selectAll()
      .where('tenant_id', '=', input.tenantId)
      .where('user_id', '=', input.userId)
      .where('call_id', '=', input.callId)
      .where('status', '<>', 'withdrawn')
      .executeTakeFirstOrThrow();
    return { application: applicationFromRow(row), created };
  });
}

/**
 * Stores the fields of one step into the draft (merged over what is there). `validated` is true for
 * "Salva e continua" (the values are the normalised ones and the furthest step reached moves on).
 */
export async function saveStep(
  db: TDb,
  input: {
    tenantId: TenantId;
    userId: string;
    applicationId: string;
    stepNo: number;
    values: TApplicationDraft;
    validated: boolean;
    now: Date;
    actor: TActor;
  },
): Promise<void> {
  const step = WIZARD_STEPS[input.stepNo - 1];
  if (!step) throw new Error(`no step ${input.stepNo}`);
  const own: TApplicationDraft = {};
  for (const f of stepFields(step)) own[f] = String(input.values[f] ?? '').slice(0, 500);
  await db.transaction().execute(async (trx) => {
    const r = await sql<{ id: string }>`
      update grant_applications
         set data = data || ${JSON.stringify(own)}::jsonb,
             step = ${input.validated ? sql`greatest(step, ${input.stepNo + 1})` : sql`step`},
             updated_at = ${input.now}
       where id = ${input.applicationId} and tenant_id = ${input.tenantId} and user_id = ${input.userId}
         and arrival_seq is null
      returning id`.execute(trx);
    if (r.rows.length === 0) throw new ApplicationAlreadySubmittedError();
    await appendAudit(trx, input.tenantId, input.actor, {
      action: input.validated ? 'grant.application_step_saved' : 'grant.application_draft_saved',
      entityType: 'grant_application',
      entityId: input.applicationId,
      summary: { step: input.stepNo },
    });
  });
}

/**
 * Where to resume: the first of steps 1–4 whose answers do not pass, then the attachments (5) while a
 * required one is missing, else the summary (6).
 */
export function firstIncompleteStep(
  call: TGrantCall,
  data: TApplicationDraft,
  attachments: Record<string, number>,
): number {
  for (const step of WIZARD_STEPS) {
    if (!step.schema) continue;
    if (!readStep(step, data).ok) return step.n;
  }
  if (call.rules.attachments.some((a) => a.required && !(attachments[a.kind] ?? 0))) return 5;
  return 6;
}

/** The address of a wizard step. */
export function stepPath(applicationId: string, n: number): string {
  if (n === 5) return `/domande/${applicationId}/allegati`;
  if (n >= 6) return `/domande/${applicationId}/riepilogo`;
  return `/domande/${applicationId}/passo/${n}`;
}
