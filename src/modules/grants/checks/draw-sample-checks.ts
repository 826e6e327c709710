// "Estrai il campione" (Avviso § 8): 3 % (rounded up) of the admitted applications of a call, drawn with a
// recorded seed over the population in arrival order (sample-draw.ts). Stores the draw (seed, population,
// selection) and one check to record per drawn application, with the audit row, in one transaction.
import { randomBytes } from 'node:crypto';
import type { TAppDeps } from '../../../app-deps.js';
import { appendAudit, type TActor } from '../../../audit/audit-log.js';
import type { TDb } from '../../../db/database.js';
import { ConflictError, NotFoundError, ValidationError } from '../../../http/errors.js';
import { isUuid } from '../../../http/ids.js';
import type { TenantId, TTenant } from '../../../tenancy/tenant.js';
import { lockLedger } from '../funding/ledger.js';
import { drawSampleFrom, SAMPLE_PERCENT, seedError } from './sample-check-rules.js';

/** A random seed: 16 bytes as 32 hexadecimal characters. */
export function randomSeed(): string {
  return randomBytes(16).toString('hex');
}

export type TStoredDraw = {
  id: string;
  seed: string;
  percent: number;
  /** Protocols of the admitted applications at the time of the draw, in arrival order. */
  population: string[];
  /** Drawn protocols, in the order drawn. */
  selected: string[];
  drawnBy: string;
  drawnAt: Date;
};

const json = (v: unknown): string[] => (typeof v === 'string' ? JSON.parse(v) : v) as string[];

/** The population of a draw: admitted applications (not revoked) in arrival order. */
export async function admittedPopulation(db: TDb, tenantId: TenantId, callId: string) {
  return db
    .selectFrom('grant_applications')
    .select(['id', 'protocol', 'arrival_seq'])
    .where('tenant_id', '=', tenantId)
    .where('call_id', '=', callId)
    .where('status', '=', 'admitted')
    .where('protocol', 'is not', null)
    .orderBy('arrival_seq')
    .execute();
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

export async function listDraws(db: TDb, tenantId: TenantId, callId: string): Promise<TStoredDraw[]> {
  const rows = await db
    .selectFrom('grant_sample_draws')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('call_id', '=', callId)
    .orderBy('drawn_at', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    seed: r.seed,
    percent: r.percent,
    population: json(r.population),
    selected: json(r.selected),
    drawnBy: r.drawn_by,
    drawnAt: r.drawn_at,
  }));
}

export async function getDraw(db: TDb, tenantId: TenantId, callId: string, drawId: string) {
  if (!isUuid(drawId)) throw new NotFoundError('L’estrazione richiesta non esiste.');
  const draws = await db
    .selectFrom('grant_sample_draws')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('call_id', '=', callId)
    .where('id', '=', drawId)
    .execute();
  const r = draws[0];
  if (!r) throw new NotFoundError('L’estrazione richiesta non esiste.');
  return {
    id: r.id,
    seed: r.seed,
    percent: r.percent,
    population: json(r.population),
    selected: json(r.selected),
    drawnBy: r.drawn_by,
    drawnAt: r.drawn_at,
  } satisfies TStoredDraw;
}

/** "Ripeti l'estrazione con lo stesso seme": the draw recomputed from its seed and stored population. */
export function verifyDraw(draw: TStoredDraw): { selected: string[]; matches: boolean } {
  const { selected } = drawSampleFrom(draw.seed, draw.population, draw.percent);
  return {
    selected,
    matches: selected.length === draw.selected.length && selected.every((p, i) => p === draw.selected[i]),
  };
}

/** The checks of the call's draws, with the application's protocol and applicant. */
export async function drawChecks(db: TDb, tenantId: TenantId, callId: string) {
  return db
    .selectFrom('grant_sample_checks as k')
    .innerJoin('grant_sample_draws as d', 'd.id', 'k.draw_id')
    .innerJoin('grant_applications as a', 'a.id', 'k.application_id')
    .select([
      'k.draw_id',
      'k.application_id',
      'k.outcome',
      'k.note',
      'k.recorded_at',
      'a.protocol',
      'a.arrival_seq',
      'a.status',
      'a.data',
    ])
    .where('k.tenant_id', '=', tenantId)
    .where('d.call_id', '=', callId)
    .orderBy('a.arrival_seq')
    .execute();
}
