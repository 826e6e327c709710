// "Estrai il campione" (Avviso § 8): 3 % (rounded up) of the admitted applications of a call, drawn with a
// recorded seed over the population in arrival order (sample-check-rules.ts). Stores the draw (seed,
// population, selection) and one sample check to record per drawn application, with the audit row, in one
// transaction.
import { randomBytes } from 'node:crypto';
import type { TAppDeps } from '../../../app-deps.js';
import { appendAudit, type TActor } from '../../../audit/audit-log.js';
import { ConflictError, NotFoundError, ValidationError } from '../../../http/errors.js';
import type { TTenant } from '../../../tenancy/tenant.js';
import { lockLedger } from '../funding/ledger.js';
import { admittedPopulation, type TStoredDraw } from './queries.js';
import { drawSampleFrom, SAMPLE_PERCENT, seedError } from './sample-check-rules.js';

/** A random seed: 16 bytes as 32 hexadecimal characters. */
export function randomSeed(): string {
  return randomBytes(16).toString('hex');
}

export async function drawSample(
  deps: Pick<TAppDeps, 'db' | 'now'>,
  tenant: TTenant,
  callId: string,
  rawSeed: string | undefined,
  actor: TActor,
): Promise<TStoredDraw> {
  const typed = (rawSeed ?? '').trim();
  const seed = typed === '' ? randomSeed() : typed;
  const err = seedError(seed);
  if (err) throw new ValidationError({ seed: err });
  const now = deps.now();
  return deps.db.transaction().execute(async (trx) => {
    // The call's row lock: no decision changes the population while it is read.
    const lock = await lockLedger(trx, tenant.id, callId);
    if (!lock) throw new NotFoundError('Il bando richiesto non esiste.');
    const rows = await admittedPopulation(trx, tenant.id, callId);
    if (rows.length === 0)
      throw new ConflictError('Nessuna domanda ammessa su questo bando: non c’è nulla da estrarre.');
    const population = rows.map((r) => r.protocol!);
    const { selected } = drawSampleFrom(seed, population, SAMPLE_PERCENT);
    const draw = await trx
      .insertInto('grant_sample_draws')
      .values({
        tenant_id: tenant.id,
        call_id: callId,
        seed,
        percent: SAMPLE_PERCENT,
        population: JSON.stringify(population),
        selected: JSON.stringify(selected),
        drawn_by: actor.label,
        drawn_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const idOf = new Map(rows.map((r) => [r.protocol!, r.id]));
    await trx
      .insertInto('grant_sample_checks')
      .values(selected.map((p) => ({ draw_id: draw.id, tenant_id: tenant.id, application_id: idOf.get(p)! })))
      .execute();
    await appendAudit(trx, tenant.id, actor, {
      action: 'grant.sample_drawn',
      entityType: 'grant_call',
      entityId: callId,
      summary: {
        seme: seed,
        percentuale: SAMPLE_PERCENT,
        popolazione: population.length,
        estratte: selected,
      },
    });
    return {
      id: draw.id,
      seed,
      percent: SAMPLE_PERCENT,
      population,
      selected,
      drawnBy: actor.label,
      drawnAt: now,
    };
  });
}
