// "Invia": the application becomes an acknowledged submission in one short transaction.
// The commit is the acknowledgement: protocol number, arrival time (server clock, ms) and arrival
// sequence are stored with the answers. Funds are reserved afterwards by the allocator, in arrival order.
import { randomInt } from 'node:crypto';
import { sql } from 'kysely';
import type { TDb } from '../../db/database.js';
import { ConflictError, DomainError, NotFoundError } from '../../http/errors.js';
import type { TenantId } from '../../tenancy/tenant.js';
import { intakeLockKey } from './allocate-funds.js';
import { checkApplicationComplete, propertyKey, type TApplicationValues } from './application-data.js';
import { callPhase, formatDateTime, type TGrantCall } from './call.js';
import {
  applicationFromRow,
  attachmentCounts,
  getApplicationForUser,
  type TApplication,
} from './applications-queries.js';
import type { TGrantApplicationRow } from '../../db/schema.js';
import { getCall } from './calls-queries.js';

/** Incomplete or ineligible application: the summary page lists the messages and links to the step. */
export class ApplicationIncompleteError extends DomainError {
  override readonly status = 422;
  override readonly title = 'Domanda incompleta o non ammissibile';
  constructor(
    readonly fieldErrors: Record<string, string>,
    readonly stepOfError: Record<string, number>,
  ) {
    super(Object.values(fieldErrors).join(' '));
  }
}

export class DuplicateApplicationError extends ConflictError {}

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

export async function submitApplication(
  db: TDb,
  input: { tenantId: TenantId; userId: string; applicationId: string; now: Date },
): Promise<TSubmitted> {
  const { tenantId, userId, applicationId, now } = input;
  const app = await getApplicationForUser(db, tenantId, userId, applicationId);
  // A repeated submit (double click, retry after a timeout) returns the same receipt.
  if (app.arrivalSeq !== null) return { application: app, alreadySubmitted: true };
  const call = await getCall(db, tenantId, app.callId);
  assertCallOpen(call, now);

  const counts = await attachmentCounts(db, tenantId, applicationId);
  const complete = checkApplicationComplete(call, app.data, counts);
  if (!complete.ok) throw new ApplicationIncompleteError(complete.errors, complete.stepOfError);
  const data: TApplicationValues = app.data;

  try {
    const stored = await db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock_shared(${intakeLockKey(call.id)})`.execute(trx);
      const r = await sql<TGrantApplicationRow>`
        with s as (select nextval('grant_arrival_seq') as seq)
        update grant_applications
           set arrival_seq = s.seq,
               protocol = ${call.protocolPrefix} || '-' || lpad(s.seq::text, 7, '0'),
               status = 'submitted',
               funding = 'pending',
               submitted_at = ${now},
               applicant_cf = ${data.tax_code ?? ''},
               property_key = ${propertyKey(data)},
               requested_cents = ${complete.requestedCents},
               verification_code = ${newVerificationCode()},
               updated_at = ${now}
          from s
         where id = ${applicationId} and tenant_id = ${tenantId} and user_id = ${userId}
           and arrival_seq is null
        returning grant_applications.*`.execute(trx);
      return r.rows[0];
    });
    if (stored) return { application: applicationFromRow(stored), alreadySubmitted: false };
    // A concurrent submit of the same application won: return its receipt.
    return {
      application: await getApplicationForUser(db, tenantId, userId, applicationId),
      alreadySubmitted: true,
    };
  } catch (err) {
    const e = err as { code?: string; constraint?: string };
    if (e.code === '23505' && e.constraint === 'grant_apps_call_cf_uq')
      throw new DuplicateApplicationError(
        `Per il codice fiscale ${data.tax_code} è già stata inviata una domanda su questo bando: è ammessa una sola domanda per richiedente.`,
      );
    if (e.code === '23505' && e.constraint === 'grant_apps_call_property_uq')
      throw new DuplicateApplicationError(
        'Per questo immobile (stessi Comune e dati catastali) è già stata inviata una domanda su questo bando: è ammessa una sola domanda per immobile.',
      );
    throw err;
  }
}

/** For callers that only hold an id that may not exist in this tenant. */
export function notFound(): never {
  throw new NotFoundError('La domanda richiesta non esiste.');
}
