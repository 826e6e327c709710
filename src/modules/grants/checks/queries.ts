// Reading the sample checks of a call: the population a draw is made from, the draws, and the checks
// with the application's protocol and applicant. Every query takes the tenant.
import type { TDb } from '../../../db/database.js';
import { NotFoundError } from '../../../http/errors.js';
import type { TenantId } from '../../../tenancy/tenant.js';
import { applicantSortName, storedAnswers } from '../application/allegato-a/answers.js';

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

/** One drawn application and what its check found. */
export type TCheckRow = {
  draw_id: string;
  application_id: string;
  outcome: string;
  note: string;
  recorded_at: Date | null;
  protocol: string | null;
  applicant: string;
};

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

/** The checks of the call's draws, with the application's protocol and applicant. */
export async function drawChecks(db: TDb, tenantId: TenantId, callId: string): Promise<TCheckRow[]> {
  const rows = await db
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
  return rows.map((c) => {
    return {
      draw_id: c.draw_id,
      application_id: c.application_id,
      outcome: c.outcome,
      note: c.note,
      recorded_at: c.recorded_at,
      protocol: c.protocol,
      applicant: applicantSortName(storedAnswers(c.data)),
    };
  });
}
