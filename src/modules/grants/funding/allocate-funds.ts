// Reserves money for submitted applications strictly in arrival order.
//
// Submissions only INSERT/UPDATE their own row, taking an arrival number from a sequence while holding
// the call's intake lock in SHARED mode. The allocator takes the same lock EXCLUSIVELY for an instant to
// read the highest arrival number committed so far (the horizon): at that moment no submission is in
// flight, so every lower number is either visible or rolled back for good, and funding up to the
// horizon can never skip an earlier application that commits later. The allocation itself runs with the
// call's row locked (one allocator at a time, across any number of instances) and writes the ledger.
import { sql } from 'kysely';
import { appendAudit } from '../../../audit/audit-log.js';
import type { TDb } from '../../../db/database.js';
import type { TenantId } from '../../../tenancy/tenant.js';
import { decideAllocations, type TAllocationCandidate } from './allocation-rules.js';
import { appendLedger, lockLedger, type TLedgerLock } from './ledger.js';

const BATCH = 2000;
const SYSTEM = { id: null, label: 'sistema', ip: null };

/** The advisory-lock key of a call's intake. */
export function intakeLockKey(callId: string) {
  return sql`hashtextextended(${`grant-intake:${callId}`}, 0)`;
}

/** Highest arrival number committed for the call, with no submission in flight below it. */
export async function allocationHorizon(db: TDb, tenantId: TenantId, callId: string): Promise<number | null> {
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${intakeLockKey(callId)})`.execute(trx);
    const row = await trx
      .selectFrom('grant_applications')
      .select((eb) => eb.fn.max('arrival_seq').as('max'))
      .where('tenant_id', '=', tenantId)
      .where('call_id', '=', callId)
      .executeTakeFirst();
    return row?.max == null ? null : Number(row.max);
  });
}

export type TAllocationResult = { reserved: number; partial: number; waiting: number; busy: boolean };

/**
 * One batch, inside `trx` with the ledger already locked: candidates up to `horizon` (all waiting and
 * partly funded ones have lower numbers than any pending one, so no horizon is needed for them).
 * Returns true when there may be more to do (a full batch was funded).
 */
export async function allocateBatch(
  trx: TDb,
  tenantId: TenantId,
  lock: TLedgerLock,
  horizon: number | null,
  now: Date,
  result: TAllocationResult,
): Promise<boolean> {
  // Fast path on click day: when the head of the waiting list cannot be funded, every application that
  // arrived after it waits too — one UPDATE, without reading the waiting list again on every pass.
  if (horizon !== null) {
    const head = await trx
      .selectFrom('grant_applications')
      .select(['requested_cents', 'reserved_cents'])
      .where('tenant_id', '=', tenantId)
      .where('call_id', '=', lock.callId)
      .where('funding', 'in', ['waiting', 'partial'])
      .orderBy('arrival_seq')
      .limit(1)
      .executeTakeFirst();
    const need = head ? Number(head.requested_cents) - Number(head.reserved_cents) : 0;
    if (head && need > lock.availableCents && !(lock.partialFunding && lock.availableCents > 0)) {
      const moved = await trx
        .updateTable('grant_applications')
        .set({ funding: 'waiting', updated_at: now })
        .where('tenant_id', '=', tenantId)
        .where('call_id', '=', lock.callId)
        .where('funding', '=', 'pending')
        .where('arrival_seq', '<=', horizon)
        .returning('protocol')
        .execute();
      if (moved.length > 0) {
        result.waiting += moved.length;
        await appendAudit(trx, tenantId, SYSTEM, {
          action: 'grant.funds_allocated',
          entityType: 'grant_call',
          entityId: lock.callId,
          summary: { lista_attesa: moved.map((m) => m.protocol), disponibile_dopo: lock.availableCents },
        });
      }
      return false;
    }
  }

  // Is some earlier application already waiting? Then money goes to the waiting list first.
  let q = trx
    .selectFrom('grant_applications')
    .select(['id', 'arrival_seq', 'funding', 'requested_cents', 'reserved_cents', 'protocol'])
    .where('tenant_id', '=', tenantId)
    .where('call_id', '=', lock.callId)
    .where('funding', 'in', ['pending', 'waiting', 'partial']);
  if (horizon === null) q = q.where('funding', '!=', 'pending');
  else q = q.where('arrival_seq', '<=', horizon);
  const rows = await q.orderBy('arrival_seq').limit(BATCH).execute();
  if (rows.length === 0) return false;

  const candidates: TAllocationCandidate[] = rows.map((r) => ({
    id: r.id,
    seq: Number(r.arrival_seq),
    funding: r.funding as TAllocationCandidate['funding'],
    needCents: Number(r.requested_cents) - Number(r.reserved_cents),
  }));
  const { decisions } = decideAllocations(lock.availableCents, candidates, lock.partialFunding);

  const protocolOf = new Map(rows.map((r) => [r.id, r.protocol]));
  const funded = decisions.filter((d) => d.reserveCents > 0);
  await appendLedger(
    trx,
    tenantId,
    lock,
    funded.map((d) => ({
      applicationId: d.id,
      kind: 'reserve' as const,
      deltaCents: -d.reserveCents,
      note: `Prenotazione fondi domanda ${protocolOf.get(d.id) ?? ''}`,
    })),
  );
  if (decisions.length > 0) {
    const values = sql.join(
      decisions.map((d) => sql`(${d.id}::uuid, ${d.funding}, ${d.reserveCents}::bigint)`),
    );
    await sql`
      update grant_applications a
         set funding = v.funding,
             reserved_cents = a.reserved_cents + v.add_cents,
             funded_at = case when v.add_cents > 0 then ${now} else a.funded_at end,
             updated_at = ${now}
        from (values ${values}) as v(id, funding, add_cents)
       where a.id = v.id and a.tenant_id = ${tenantId}`.execute(trx);
    result.reserved += decisions.filter((d) => d.funding === 'reserved').length;
    result.partial += decisions.filter((d) => d.funding === 'partial').length;
    result.waiting += decisions.filter((d) => d.funding === 'waiting').length;
    await appendAudit(trx, tenantId, SYSTEM, {
      action: 'grant.funds_allocated',
      entityType: 'grant_call',
      entityId: lock.callId,
      summary: {
        fondi_prenotati: funded.map((d) => [protocolOf.get(d.id), d.reserveCents]),
        lista_attesa: decisions.filter((d) => d.funding === 'waiting').map((d) => protocolOf.get(d.id)),
        disponibile_dopo: lock.availableCents,
      },
    });
  }
  // Everything after the first application that does not fit waits: mark the rest of the pending ones
  // up to the horizon in one statement instead of reading them.
  const fullyFunded = new Set(decisions.filter((d) => d.funding === 'reserved').map((d) => d.id));
  const blocked = candidates.some((c) => !fullyFunded.has(c.id));
  if (blocked && rows.length === BATCH && horizon !== null) {
    const lastSeq = candidates.at(-1)!.seq;
    const moved = await trx
      .updateTable('grant_applications')
      .set({ funding: 'waiting', updated_at: now })
      .where('tenant_id', '=', tenantId)
      .where('call_id', '=', lock.callId)
      .where('funding', '=', 'pending')
      .where('arrival_seq', '>', lastSeq)
      .where('arrival_seq', '<=', horizon)
      .executeTakeFirst();
    result.waiting += Number(moved.numUpdatedRows);
    return false;
  }
  return rows.length === BATCH && !blocked;
}

/**
 * Allocates everything submitted so far for one call. Returns busy=true when another allocator holds the
 * call (it will pick up these applications, or a later pass will).
 */
export async function allocateCall(
  db: TDb,
  tenantId: TenantId,
  callId: string,
  now: Date,
): Promise<TAllocationResult> {
  const result: TAllocationResult = { reserved: 0, partial: 0, waiting: 0, busy: false };
  const horizon = await allocationHorizon(db, tenantId, callId);
  if (horizon === null) return result;
  for (;;) {
    const more = await db.transaction().execute(async (trx) => {
      const lock = await lockLedger(trx, tenantId, callId, { skipLocked: true });
      if (!lock) {
        result.busy = true;
        return false;
      }
      return allocateBatch(trx, tenantId, lock, horizon, now, result);
    });
    if (!more) return result;
  }
}
