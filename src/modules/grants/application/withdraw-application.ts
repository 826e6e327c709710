// "Ritira la domanda": the applicant gives up (Avviso § 9, "rinunci volontariamente al contributo").
// In one transaction: the status, the money reserved back to the ledger and on to the first waiting
// applications (releaseFunds), the audit row and the confirmation e-mail.
import { appendAudit, type TActor } from '../../../audit/audit-log.js';
import type { TDb } from '../../../db/database.js';
import { ConflictError, NotFoundError } from '../../../http/errors.js';
import { enqueueMail } from '../../../mail/outbox.js';
import type { TTenant } from '../../../tenancy/tenant.js';
import { lockLedger } from '../funding/ledger.js';
import { releaseFunds } from '../funding/release-funds.js';
import { applicantName } from './allegato-a/answers.js';
import { applicationWithdrawnMail } from './application-mails.js';
import { applicationFromRow, STATUS_LABELS, type TApplication } from './queries.js';

const NOT_WITHDRAWABLE = new Set(['withdrawn', 'rejected', 'revoked']);

/** Why the application cannot be withdrawn, or undefined when it can. */
export function withdrawalRefusal(
  a: Pick<TApplication, 'status' | 'arrivalSeq' | 'paidAt'>,
  inPaymentOrder = false,
): string | undefined {
  if (a.arrivalSeq === null) return 'La domanda non è ancora stata inviata: non c’è nulla da ritirare.';
  if (a.paidAt) return 'Il contributo è già stato pagato: la domanda non può più essere ritirata.';
  if (inPaymentOrder)
    return 'Il contributo è già in un ordine di pagamento: per rinunciare contatta l’ufficio, che procederà alla revoca.';
  if (NOT_WITHDRAWABLE.has(a.status))
    return `La domanda non può essere ritirata: il suo stato è «${STATUS_LABELS[a.status]}».`;
  return undefined;
}

export async function withdrawApplication(
  db: TDb,
  input: { tenant: TTenant; userId: string; applicationId: string; now: Date; actor: TActor },
): Promise<{ application: TApplication; released: boolean; fundedOthers: number }> {
  const { tenant, userId, applicationId, now } = input;
  return db.transaction().execute(async (trx) => {
    const callOf = await trx
      .selectFrom('grant_applications as a')
      .innerJoin('grant_calls as c', 'c.id', 'a.call_id')
      .select(['a.call_id', 'c.title'])
      .where('a.tenant_id', '=', tenant.id)
      .where('a.user_id', '=', userId)
      .where('a.id', '=', applicationId)
      .executeTakeFirst();
    if (!callOf) throw new NotFoundError('La domanda richiesta non esiste.');
    // The call's ledger first, as the allocator does: it cannot be deciding this application meanwhile.
    await lockLedger(trx, tenant.id, callOf.call_id);
    const row = await trx
      .selectFrom('grant_applications')
      .selectAll()
      .where('tenant_id', '=', tenant.id)
      .where('id', '=', applicationId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const before = applicationFromRow(row);
    const inOrder = await trx
      .selectFrom('grant_payment_items')
      .select('order_id')
      .where('tenant_id', '=', tenant.id)
      .where('application_id', '=', applicationId)
      .executeTakeFirst();
    const refusal = withdrawalRefusal(before, Boolean(inOrder));
    if (refusal) throw new ConflictError(refusal);
    const hadMoney = before.reservedCents > 0;
    // The funding state changes before the release, so the released money cannot come back to it.
    await trx
      .updateTable('grant_applications')
      .set({
        status: 'withdrawn',
        withdrawn_at: now,
        funding: hadMoney ? 'released' : 'none',
        updated_at: now,
      })
      .where('tenant_id', '=', tenant.id)
      .where('id', '=', applicationId)
      .execute();
    let fundedOthers = 0;
    if (hadMoney) {
      const r = await releaseFunds(trx, {
        tenantId: tenant.id,
        callId: before.callId,
        applicationId,
        note: 'Domanda ritirata dal richiedente',
        now,
      });
      fundedOthers = r.reserved + r.partial;
    }
    await appendAudit(trx, tenant.id, input.actor, {
      action: 'grant.application_withdrawn',
      entityType: 'grant_application',
      entityId: applicationId,
      summary: {
        protocol: before.protocol,
        statoPrecedente: before.status,
        fondiRilasciati: before.reservedCents,
        domandeFinanziate: fundedOthers,
      },
    });
    const to = (before.answers.email ?? '').trim();
    if (to)
      await enqueueMail(
        trx,
        tenant.id,
        applicationWithdrawnMail(tenant, {
          to,
          applicantName: applicantName(before.answers),
          protocol: before.protocol ?? '',
          callTitle: callOf.title,
          at: now,
          released: hadMoney,
        }),
      );
    const after = await trx
      .selectFrom('grant_applications')
      .selectAll()
      .where('tenant_id', '=', tenant.id)
      .where('id', '=', applicationId)
      .executeTakeFirstOrThrow();
    return { application: applicationFromRow(after), released: hadMoney, fundedOthers };
  });
}
