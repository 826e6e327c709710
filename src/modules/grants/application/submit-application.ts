// "Invia": the application becomes an acknowledged submission in one short transaction.
// The commit is the acknowledgement: protocol number, arrival time (server clock, ms) and arrival
// sequence are stored with the answers. Funds are reserved afterwards by the allocator, in arrival order.
import { randomInt } from 'node:crypto';
import { sql } from 'kysely';
import type { TDb } from '../../../db/database.js';
import type { TGrantApplicationRow, TGrantCallRow } from '../../../db/schema.js';
import { isUniqueViolation } from '../../../db/unique-violation.js';
import { ConflictError, DomainError, NotFoundError } from '../../../http/errors.js';
import { formatDateTime } from '../../../italian/dates.js';
import type { TenantId } from '../../../tenancy/tenant.js';
import { callFromRow, callPhase, type TGrantCall } from '../calls/call.js';
import { intakeLockKey } from '../funding/allocate-funds.js';
import { propertyKey } from './allegato-a/answers.js';
import { assessApplication } from './allegato-a/completeness.js';
import { applicationFromRow, getApplicationForUser, type TApplication } from './queries.js';

/** Incomplete or ineligible application: the summary page lists the messages and links to the step. */
export class ApplicationIncompleteError extends DomainError {
  override readonly status = 422;
  override readonly title = 'Domanda incompleta o non ammissibile';
  override readonly code = 'grant-application-incomplete';
  constructor(
    readonly fieldErrors: Record<string, string>,
    readonly stepOfError: Record<string, number>,
  ) {
    super(Object.values(fieldErrors).join(' '));
  }
}

/** One application per applicant and per property on a call, whichever submit arrives second. */
export class DuplicateApplicationError extends ConflictError {
  override readonly code = 'grant-application-duplicate';
}

export type TSubmitted = { application: TApplication; alreadySubmitted: boolean };

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A 12-character verification code in three groups, e.g. "K7QM-2XHD-9PRA". */
export function newVerificationCode(): string {
  let s = '';
  for (let i = 0; i < 12; i++) s += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8)}`;
}

export function assertCallOpen(call: TGrantCall, now: Date): void {
  const phase = callPhase(call, now);
  if (phase === 'not_yet_open')
    throw new ConflictError(
      `Il bando apre il ${formatDateTime(call.opensAt)}: puoi preparare e salvare la domanda, ma "Invia" funziona dall'apertura.`,
    );
  if (phase === 'closed')
    throw new ConflictError(
      `Il bando è chiuso dal ${formatDateTime(call.closesAt)}: non è più possibile inviare domande.`,
    );
}

/**
 * The application with its call and attachment counts in one query: "Invia" is the busiest request of
 * click day, so it reads once and writes once.
 */
async function loadForSubmit(db: TDb, tenantId: TenantId, userId: string, applicationId: string) {
  const r = await sql<{
    app: TGrantApplicationRow;
    call: TGrantCallRow;
    files: Record<string, number> | null;
  }>`
    select to_jsonb(a) as app, to_jsonb(c) as call,
           (select jsonb_object_agg(kind, n) from (
              select kind, count(*)::int as n from grant_application_files f
               where f.tenant_id = a.tenant_id and f.application_id = a.id group by kind) k) as files
      from grant_applications a
      join grant_calls c on c.id = a.call_id and c.tenant_id = a.tenant_id
     where a.id = ${applicationId} and a.tenant_id = ${tenantId} and a.user_id = ${userId}`.execute(db);
  const row = r.rows[0];
  if (!row) return undefined;
  const revive = <T extends object>(o: T, keys: string[]): T => {
    const out = { ...o } as Record<string, unknown>;
    for (const k of keys) if (typeof out[k] === 'string') out[k] = new Date(out[k] as string);
    return out as T;
  };
  return {
    app: applicationFromRow(
      revive(row.app, [
        'submitted_at',
        'funded_at',
        'receipt_sent_at',
        'integration_requested_at',
        'integration_due_at',
        'integration_answered_at',
        'decided_at',
        'withdrawn_at',
        'revoked_at',
        'paid_at',
        'created_at',
        'updated_at',
      ]),
    ),
    call: callFromRow(revive(row.call, ['opens_at', 'closes_at', 'created_at', 'updated_at'])),
    files: row.files ?? {},
  };
}

export async function submitApplication(
  db: TDb,
  input: { tenantId: TenantId; userId: string; applicationId: string; now: Date },
): Promise<TSubmitted> {
  const { tenantId, userId, applicationId, now } = input;
  const loaded = await loadForSubmit(db, tenantId, userId, applicationId);
  if (!loaded) throw new NotFoundError('La domanda richiesta non esiste.');
  const { app, call } = loaded;
  // A repeated submit (double click, retry after a timeout) returns the same receipt.
  if (app.arrivalSeq !== null) return { application: app, alreadySubmitted: true };
  assertCallOpen(call, now);

  const complete = assessApplication(call, app.data, loaded.files);
  if (!complete.ok) throw new ApplicationIncompleteError(complete.errors, complete.stepOfError);
  const { answers } = complete;

  try {
    // One statement, so one implicit transaction and one round trip: the CTE `l` takes the call's intake
    // lock in shared mode BEFORE `s` draws the arrival number (s reads from l; both are volatile, so
    // PostgreSQL neither inlines nor reorders them); the lock is held until this statement commits.
    // See allocate-funds.ts for why that lets the allocator fund strictly in arrival order.
    const r = await sql<TGrantApplicationRow>`
      with l as (select pg_advisory_xact_lock_shared(${intakeLockKey(call.id)}) as locked),
           s as (select nextval('grant_arrival_seq') as seq from l)
      update grant_applications
         set arrival_seq = s.seq,
             protocol = ${call.protocolPrefix} || '-' || lpad(s.seq::text, 7, '0'),
             status = 'submitted',
             funding = 'pending',
             submitted_at = ${now},
             applicant_cf = ${answers.tax_code},
             property_key = ${propertyKey(answers)},
             requested_cents = ${complete.requestedCents},
             verification_code = ${newVerificationCode()},
             updated_at = ${now}
        from s
       where id = ${applicationId} and tenant_id = ${tenantId} and user_id = ${userId}
         and arrival_seq is null
      returning grant_applications.*`.execute(db);
    const stored = r.rows[0];
    if (stored) return { application: applicationFromRow(stored), alreadySubmitted: false };
    // A concurrent submit of the same application won: return its receipt.
    return {
      application: await getApplicationForUser(db, tenantId, userId, applicationId),
      alreadySubmitted: true,
    };
  } catch (err) {
    if (isUniqueViolation(err, 'grant_apps_call_cf_uq'))
      throw new DuplicateApplicationError(
        `Per il codice fiscale ${answers.tax_code} è già stata inviata una domanda su questo bando: è ammessa una sola domanda per richiedente.`,
      );
    if (isUniqueViolation(err, 'grant_apps_call_property_uq'))
      throw new DuplicateApplicationError(
        'Per questo immobile (stessi Comune e dati catastali) è già stata inviata una domanda su questo bando: è ammessa una sola domanda per immobile.',
      );
    throw err;
  }
}
