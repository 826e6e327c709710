// The outcome of a sample check (Avviso § 8): "regolare" or "irregolare" with a note. Grave irregularities
// lead to revocation (§ 9), which the officer starts from the application's page.
import type { TAppDeps } from '../../../app-deps.js';
import { appendAudit, type TActor } from '../../../audit/audit-log.js';
import { NotFoundError, ValidationError } from '../../../http/errors.js';
import type { TTenant } from '../../../tenancy/tenant.js';
import { MAX_NOTE } from '../review/decision-rules.js';

export const SAMPLE_OUTCOMES = { regular: 'Regolare', irregular: 'Irregolare' } as const;
export type TSampleOutcome = keyof typeof SAMPLE_OUTCOMES;
export const CHECK_LABELS: Record<string, string> = { pending: 'Da verificare', ...SAMPLE_OUTCOMES };

export async function recordSampleOutcome(
  deps: Pick<TAppDeps, 'db' | 'now'>,
  tenant: TTenant,
  input: {
    callId: string;
    drawId: string;
    applicationId: string;
    outcome: string | undefined;
    note: string | undefined;
  },
  actor: TActor,
): Promise<void> {
  const outcome = input.outcome ?? '';
  const note = (input.note ?? '').trim();
  const errors: Record<string, string> = {};
  if (!Object.hasOwn(SAMPLE_OUTCOMES, outcome))
    errors.outcome = 'Scegli l’esito del controllo: regolare o irregolare.';
  if (outcome === 'irregular' && !note) errors.note = 'Descrivi l’irregolarità riscontrata.';
  if (note.length > MAX_NOTE) errors.note = `Al massimo ${MAX_NOTE} caratteri.`;
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  const now = deps.now();
  await deps.db.transaction().execute(async (trx) => {
    const check = await trx
      .selectFrom('grant_sample_checks as k')
      .innerJoin('grant_sample_draws as d', 'd.id', 'k.draw_id')
      .innerJoin('grant_applications as a', 'a.id', 'k.application_id')
      .select(['k.outcome', 'a.protocol'])
      .where('k.tenant_id', '=', tenant.id)
      .where('d.call_id', '=', input.callId)
      .where('k.draw_id', '=', input.drawId)
      .where('k.application_id', '=', input.applicationId)
      .forUpdate('k')
      .executeTakeFirst();
    if (!check) throw new NotFoundError('Il controllo richiesto non esiste.');
    await trx
      .updateTable('grant_sample_checks')
      .set({ outcome, note, recorded_at: now })
      .where('tenant_id', '=', tenant.id)
      .where('draw_id', '=', input.drawId)
      .where('application_id', '=', input.applicationId)
      .execute();
    await appendAudit(trx, tenant.id, actor, {
      action: 'grant.sample_check_recorded',
      entityType: 'grant_application',
      entityId: input.applicationId,
      summary: { protocollo: check.protocol, esito_precedente: check.outcome, esito: outcome, nota: note },
    });
  });
}
