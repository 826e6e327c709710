// "Ammetti", "Ammetti con importo ridotto", "Non ammettere" (Avviso § 6). In one transaction, with the call's
// ledger locked first (as the allocator and withdrawals do) and then the application's row: the decision,
// the money (a reduced amount or a rejection releases what is no longer needed through releaseFunds, which
// funds the waiting list in arrival order), the checklist the officer ticked, the audit row and the e-mail.
import type { TAppDeps } from '../../../app-deps.js';
import { appendAudit, type TActor } from '../../../audit/audit-log.js';
import type { TDb } from '../../../db/database.js';
import { ConflictError, NotFoundError, ValidationError } from '../../../http/errors.js';
import { parseEuroCents } from '../../../italian/money.js';
import { enqueueMail } from '../../../mail/outbox.js';
import type { TenantId, TTenant } from '../../../tenancy/tenant.js';
import { applicantName } from '../application/allegato-a/answers.js';
import { applicationFromRow, getApplication, type TApplication } from '../application/queries.js';
import { getCall } from '../calls/queries.js';
import { lockLedger } from '../funding/ledger.js';
import { releaseFunds } from '../funding/release-funds.js';
import {
  admittedCents,
  checklistFor,
  decisionRefusal,
  fundingAfterRejection,
  isRejectionCause,
  MAX_NOTE,
  REJECTION_CAUSES,
  reducedAmountError,
  type TOfficeDecision,
} from './decision-rules.js';
import { admittedMail, rejectedMail } from './review-mails.js';

export type TDecisionInput = {
  decision: TOfficeDecision;
  /** Checklist keys the officer ticked. */
  checks: readonly string[];
  /** The reduced contribution as typed (e.g. "1.800,00"), for admit_reduced. */
  amount?: string | undefined;
  /** One of REJECTION_CAUSES, for reject. */
  cause?: string | undefined;
  note?: string | undefined;
};

export type TDecisionOutcome = {
  application: TApplication;
  releasedCents: number;
  /** Waiting applications funded by the released money. */
  fundedOthers: number;
};

/** The application, locked for a decision: the call's ledger first, then the row. */
export async function lockApplication(trx: TDb, tenantId: TenantId, applicationId: string) {
  const head = await trx
    .selectFrom('grant_applications as a')
    .innerJoin('grant_calls as c', 'c.id', 'a.call_id')
    .select(['a.call_id', 'c.title'])
    .where('a.tenant_id', '=', tenantId)
    .where('a.id', '=', applicationId)
    .where('a.arrival_seq', 'is not', null)
    .executeTakeFirst();
  if (!head) throw new NotFoundError('La domanda richiesta non esiste.');
  await lockLedger(trx, tenantId, head.call_id);
  const row = await trx
    .selectFrom('grant_applications')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', applicationId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  return { app: applicationFromRow(row), callTitle: head.title };
}

export function readNote(raw: string | undefined, field = 'note'): string | null {
  const note = (raw ?? '').trim();
  if (note.length > MAX_NOTE) throw new ValidationError({ [field]: `Al massimo ${MAX_NOTE} caratteri.` });
  return note || null;
}

const ACTIONS: Record<TOfficeDecision, string> = {
  admit: 'grant.application_admitted',
  admit_reduced: 'grant.application_admitted_reduced',
  reject: 'grant.application_rejected',
};

export async function decideApplication(
  deps: Pick<TAppDeps, 'db' | 'now'>,
  tenant: TTenant,
  applicationId: string,
  input: TDecisionInput,
  actor: TActor,
): Promise<TDecisionOutcome> {
  const now = deps.now();
  const note = readNote(input.note);
  // A decision that the state forbids is refused before the form is checked (re-checked under lock below).
  const app0 = await getApplication(deps.db, tenant.id, applicationId);
  const early = decisionRefusal(app0, input.decision);
  if (early) throw new ConflictError(early);
  const call = await getCall(deps.db, tenant.id, app0.callId);
  const items = checklistFor(call.rules.attachments);
  const ticked = new Set(input.checks);
  const missing = items.filter((i) => !ticked.has(i.key));
  const checklist = {
    verificati: items.filter((i) => ticked.has(i.key)).map((i) => i.key),
    non_verificati: missing.map((i) => i.key),
  };

  // Form errors that do not depend on the application's state.
  const errors: Record<string, string> = {};
  if (input.decision !== 'reject' && missing.length > 0)
    errors.checklist = `Per ammettere la domanda spunta tutte le verifiche dei requisiti e degli allegati. Non verificato: ${missing
      .map((m) => `«${m.label}»`)
      .join('; ')}.`;
  if (input.decision === 'reject' && !(input.cause && isRejectionCause(input.cause)))
    errors.cause = 'Scegli la causa di non ammissione (punto 6 dell’avviso).';
  if (input.decision === 'admit_reduced' && !note)
    errors.note = 'Indica la motivazione della riduzione: sarà comunicata al richiedente.';
  const reducedCents = input.decision === 'admit_reduced' ? parseEuroCents(input.amount ?? '') : undefined;
  if (input.decision === 'admit_reduced' && reducedCents === undefined)
    errors.amount = 'Indica il contributo ridotto in euro, ad esempio 1.800,00.';
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);

  return deps.db.transaction().execute(async (trx) => {
    const { app, callTitle } = await lockApplication(trx, tenant.id, applicationId);
    const refusal = decisionRefusal(app, input.decision);
    if (refusal) throw new ConflictError(refusal);
    if (input.decision === 'admit_reduced') {
      const err = reducedAmountError(app, reducedCents);
      if (err) throw new ValidationError({ amount: err });
    }

    let releasedCents = 0;
    let fundedOthers = 0;
    let grantedCents = 0;
    let reason: string | null = note;
    const fundingBefore = app.funding;
    let fundingAfter = app.funding;
    if (input.decision === 'reject') {
      fundingAfter = fundingAfterRejection(app.funding);
      reason = [REJECTION_CAUSES[input.cause as keyof typeof REJECTION_CAUSES], note]
        .filter(Boolean)
        .join(' — ');
    } else {
      // Admitted: the reservation is the grant; no later allocation changes it.
      fundingAfter = 'reserved';
      grantedCents = input.decision === 'admit_reduced' ? reducedCents! : admittedCents(app);
    }
    // Status and funding change before any release, so released money cannot come back to this application.
    await trx
      .updateTable('grant_applications')
      .set({
        status: input.decision === 'reject' ? 'rejected' : 'admitted',
        funding: fundingAfter,
        decided_at: now,
        decision_reason: reason,
        updated_at: now,
      })
      .where('tenant_id', '=', tenant.id)
      .where('id', '=', app.id)
      .execute();
    const toRelease = input.decision === 'reject' ? app.reservedCents : app.reservedCents - grantedCents;
    if (toRelease > 0) {
      const r = await releaseFunds(trx, {
        tenantId: tenant.id,
        callId: app.callId,
        applicationId: app.id,
        cents: toRelease,
        note: input.decision === 'reject' ? 'Domanda non ammessa' : 'Contributo ridotto in istruttoria',
        now,
      });
      releasedCents = toRelease;
      fundedOthers = r.reserved + r.partial;
    }

    await appendAudit(trx, tenant.id, actor, {
      action: ACTIONS[input.decision],
      entityType: 'grant_application',
      entityId: app.id,
      summary: {
        protocollo: app.protocol,
        da: app.status,
        a: input.decision === 'reject' ? 'rejected' : 'admitted',
        fondi_prima: fundingBefore,
        fondi_dopo: fundingAfter,
        richiesto: app.requestedCents,
        concesso: grantedCents,
        rilasciato: releasedCents,
        causa: input.decision === 'reject' ? input.cause : undefined,
        nota: note,
        checklist,
      },
    });
    const to = (app.answers.email ?? '').trim();
    if (to) {
      const base = {
        to,
        applicantName: applicantName(app.answers),
        protocol: app.protocol ?? '',
        callTitle,
      };
      await enqueueMail(
        trx,
        tenant.id,
        input.decision === 'reject'
          ? rejectedMail(tenant, {
              ...base,
              cause: REJECTION_CAUSES[input.cause as keyof typeof REJECTION_CAUSES],
              note,
            })
          : admittedMail(tenant, {
              ...base,
              grantedCents,
              requestedCents: app.requestedCents ?? grantedCents,
              reduced: input.decision === 'admit_reduced',
              note,
            }),
      );
    }
    const updated = await trx
      .selectFrom('grant_applications')
      .selectAll()
      .where('tenant_id', '=', tenant.id)
      .where('id', '=', app.id)
      .executeTakeFirstOrThrow();
    return { application: applicationFromRow(updated), releasedCents, fundedOthers };
  });
}
