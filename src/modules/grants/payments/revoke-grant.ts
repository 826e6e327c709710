// "Revoca il contributo" (Avviso § 9, and § 8 after grave irregularities). In one transaction with the
// call's ledger locked: money reserved and not yet paid returns to the budget through releaseFunds (and on
// to the waiting list in arrival order); money already paid cannot return to the budget and becomes a
// recovery to collect (grant_recoveries). An unpaid application leaves any open payment order.
import type { TAppDeps } from '../../../app-deps.js';
import { appendAudit, type TActor } from '../../../audit/audit-log.js';
import { ConflictError, ValidationError } from '../../../http/errors.js';
import { enqueueMail } from '../../../mail/outbox.js';
import type { TTenant } from '../../../tenancy/tenant.js';
import { applicantName } from '../application/allegato-a/answers.js';
import { applicationFromRow, type TApplication } from '../application/queries.js';
import { releaseFunds } from '../funding/release-funds.js';
import { lockApplication } from '../review/decide-application.js';
import { MAX_NOTE, revocationEffect, revocationRefusal } from '../review/decision-rules.js';
import { revokedMail } from './payment-mails.js';

export type TRevocationOutcome = {
  application: TApplication;
  releasedCents: number;
  recoveryCents: number;
  fundedOthers: number;
};

export async function revokeGrant(
  deps: Pick<TAppDeps, 'db' | 'now'>,
  tenant: TTenant,
  applicationId: string,
  rawReason: string | undefined,
  actor: TActor,
): Promise<TRevocationOutcome> {
  const reason = (rawReason ?? '').trim();
  if (!reason)
    throw new ValidationError({
      reason: 'Indica la motivazione della revoca: sarà comunicata al beneficiario.',
    });
  if (reason.length > MAX_NOTE) throw new ValidationError({ reason: `Al massimo ${MAX_NOTE} caratteri.` });
  const now = deps.now();
  return deps.db.transaction().execute(async (trx) => {
    const { app, callTitle } = await lockApplication(trx, tenant.id, applicationId);
    const refusal = revocationRefusal(app);
    if (refusal) throw new ConflictError(refusal);
    const item = await trx
      .selectFrom('grant_payment_items as i')
      .innerJoin('grant_payment_orders as o', 'o.id', 'i.order_id')
      .select(['i.order_id', 'i.amount_cents', 'o.status', 'o.number'])
      .where('i.tenant_id', '=', tenant.id)
      .where('i.application_id', '=', app.id)
      .executeTakeFirst();
    const paidCents = item && app.paidAt ? Number(item.amount_cents) : app.reservedCents;
    const effect = revocationEffect(app, paidCents);

    // Not yet paid but in an open order: out of the order, so it is never transferred.
    if (item && !app.paidAt && item.status === 'open') {
      await trx
        .deleteFrom('grant_payment_items')
        .where('tenant_id', '=', tenant.id)
        .where('order_id', '=', item.order_id)
        .where('application_id', '=', app.id)
        .execute();
      const left = await trx
        .selectFrom('grant_payment_items')
        .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('amount_cents').as('total')])
        .where('tenant_id', '=', tenant.id)
        .where('order_id', '=', item.order_id)
        .executeTakeFirstOrThrow();
      await trx
        .updateTable('grant_payment_orders')
        .set({
          total_cents: Number(left.total ?? 0),
          status: Number(left.n) === 0 ? 'cancelled' : 'open',
        })
        .where('tenant_id', '=', tenant.id)
        .where('id', '=', item.order_id)
        .execute();
    }

    await trx
      .updateTable('grant_applications')
      .set({
        status: 'revoked',
        revoked_at: now,
        revocation_reason: reason,
        funding: effect.releaseCents > 0 ? 'released' : app.funding,
        updated_at: now,
      })
      .where('tenant_id', '=', tenant.id)
      .where('id', '=', app.id)
      .execute();
    let fundedOthers = 0;
    if (effect.releaseCents > 0) {
      const r = await releaseFunds(trx, {
        tenantId: tenant.id,
        callId: app.callId,
        applicationId: app.id,
        cents: effect.releaseCents,
        note: 'Contributo revocato prima del pagamento',
        now,
      });
      fundedOthers = r.reserved + r.partial;
    }
    if (effect.recoverCents > 0)
      await trx
        .insertInto('grant_recoveries')
        .values({
          tenant_id: tenant.id,
          application_id: app.id,
          amount_cents: effect.recoverCents,
          reason,
          created_at: now,
        })
        .execute();
    await appendAudit(trx, tenant.id, actor, {
      action: 'grant.grant_revoked',
      entityType: 'grant_application',
      entityId: app.id,
      summary: {
        protocollo: app.protocol,
        motivazione: reason,
        pagata: app.paidAt !== null,
        rilasciato: effect.releaseCents,
        da_recuperare: effect.recoverCents,
        tolta_da_ordine: item && !app.paidAt && item.status === 'open' ? item.number : undefined,
      },
    });
    const to = (app.answers.email ?? '').trim();
    if (to)
      await enqueueMail(
        trx,
        tenant.id,
        revokedMail(tenant, {
          to,
          applicantName: applicantName(app.answers),
          protocol: app.protocol ?? '',
          callTitle,
          reason,
          recoverCents: effect.recoverCents,
        }),
      );
    const updated = await trx
      .selectFrom('grant_applications')
      .selectAll()
      .where('tenant_id', '=', tenant.id)
      .where('id', '=', app.id)
      .executeTakeFirstOrThrow();
    return {
      application: applicationFromRow(updated),
      releasedCents: effect.releaseCents,
      recoveryCents: effect.recoverCents,
      fundedOthers,
    };
  });
}
