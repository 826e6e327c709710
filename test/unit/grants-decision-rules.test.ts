import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  integrationDueAt,
  isIntegrationExpired,
  type TIntegrationFacts,
} from '../../src/modules/grants/application/integration-deadline.js';
import { DEFAULT_ATTACHMENTS } from '../../src/modules/grants/calls/call.js';
import {
  checklistFor,
  decisionRefusal,
  fundingAfterRejection,
  isRejectionCause,
  REJECTION_CAUSES,
  reducedAmountError,
  revocationEffect,
  revocationRefusal,
  type TDecisionFacts,
  tickedChecks,
} from '../../src/modules/grants/review/decision-rules.js';
import {
  integrationRequestRefusal,
  integrationState,
  suspendedDays,
} from '../../src/modules/grants/review/integration-clock.js';

const DAY = 86_400_000;
const facts = (over: Partial<TDecisionFacts> = {}): TDecisionFacts => ({
  status: 'submitted',
  funding: 'reserved',
  requestedCents: 250_000,
  reservedCents: 250_000,
  paidAt: null,
  ...over,
});

describe('decision rules (Avviso § 6 and § 9)', () => {
  test('admission needs an application under review with money reserved; waiting and pending say why', () => {
    assert.equal(decisionRefusal(facts(), 'admit'), null);
    assert.equal(decisionRefusal(facts({ funding: 'partial', reservedCents: 100_000 }), 'admit'), null);
    assert.match(
      decisionRefusal(facts({ funding: 'waiting', reservedCents: 0 }), 'admit')!,
      /lista d'attesa/,
    );
    assert.match(
      decisionRefusal(facts({ funding: 'pending', reservedCents: 0 }), 'admit_reduced')!,
      /non sono ancora stati assegnati/,
    );
    assert.match(decisionRefusal(facts({ status: 'integration_requested' }), 'admit')!, /integrazione/);
    assert.match(decisionRefusal(facts({ status: 'admitted' }), 'reject')!, /già stata decisa/);
    // A waiting application can always be rejected.
    assert.equal(decisionRefusal(facts({ funding: 'waiting', reservedCents: 0 }), 'reject'), null);
  });

  test('a reduced amount is above zero, below the request and within the reservation', () => {
    assert.equal(reducedAmountError(facts(), 180_000), null);
    assert.match(reducedAmountError(facts(), undefined)!, /Indica/);
    assert.match(reducedAmountError(facts(), 0)!, /maggiore di zero/);
    assert.match(reducedAmountError(facts(), 250_000)!, /inferiore/);
    assert.match(reducedAmountError(facts(), 300_000)!, /inferiore/);
    assert.match(
      reducedAmountError(facts({ funding: 'partial', reservedCents: 100_000 }), 150_000)!,
      /prenotati/,
    );
  });

  test('a rejection releases a reservation; a waiting or pending application leaves the queue', () => {
    assert.equal(fundingAfterRejection('reserved'), 'released');
    assert.equal(fundingAfterRejection('partial'), 'released');
    assert.equal(fundingAfterRejection('waiting'), 'none');
    assert.equal(fundingAfterRejection('pending'), 'none');
  });

  test('the three causes of non-admission are those of the call', () => {
    assert.equal(Object.keys(REJECTION_CAUSES).length, 3);
    assert.match(REJECTION_CAUSES.termini_modalita, /termini e le modalità/);
    assert.match(REJECTION_CAUSES.documento_mancante, /anche di uno solo dei documenti/);
    assert.match(REJECTION_CAUSES.requisito_mancante, /requisiti di ammissibilità/);
    assert.equal(isRejectionCause('documento_mancante'), true);
    assert.equal(isRejectionCause('altro'), false);
    assert.equal(isRejectionCause('toString'), false);
  });

  test('the checklist lists the requirements and every attachment of the call', () => {
    const items = checklistFor(DEFAULT_ATTACHMENTS);
    assert.equal(items.filter((i) => i.key.startsWith('att_')).length, 6);
    assert.ok(items.some((i) => i.key === 'req_gse_contract'));
    const ticked = tickedChecks(items, {
      check_req_terms: '1',
      check_att_invoices: '1',
      check_req_amount: '',
    });
    assert.deepEqual(ticked, ['req_terms', 'att_invoices']);
  });

  test('revocation: only admitted; unpaid money returns to the budget, paid money is to be recovered', () => {
    assert.match(revocationRefusal(facts())!, /ammessa/);
    assert.equal(revocationRefusal(facts({ status: 'admitted' })), null);
    assert.deepEqual(revocationEffect(facts({ status: 'admitted', reservedCents: 180_000 }), 180_000), {
      releaseCents: 180_000,
      recoverCents: 0,
    });
    assert.deepEqual(revocationEffect(facts({ status: 'admitted', paidAt: new Date() }), 250_000), {
      releaseCents: 0,
      recoverCents: 250_000,
    });
  });
});

describe('integration clock (10 days, once, at most 30 days)', () => {
  const t0 = new Date('2024-11-05T09:00:00Z');
  const requested = (over: Partial<TIntegrationFacts> = {}): TIntegrationFacts => ({
    status: 'integration_requested',
    integrationRequestedAt: t0,
    integrationDueAt: integrationDueAt(t0),
    integrationAnsweredAt: null,
    ...over,
  });

  test('the due date is the end of the 10th Italian calendar day after the request, in winter and summer time', () => {
    assert.equal(integrationDueAt(t0).toISOString(), '2024-11-15T22:59:59.999Z'); // 15/11 23:59:59,999 CET
    assert.equal(
      integrationDueAt(new Date('2024-07-01T08:00:00Z')).toISOString(),
      '2024-07-11T21:59:59.999Z',
    );
    // Requested late in the evening, Italian time: the day of the request is the Italian one.
    assert.equal(
      integrationDueAt(new Date('2024-11-05T23:30:00Z')).toISOString(),
      '2024-11-16T22:59:59.999Z',
    );
    // Across the change from summer to winter time (27/10/2024).
    assert.equal(
      integrationDueAt(new Date('2024-10-20T10:00:00Z')).toISOString(),
      '2024-10-30T22:59:59.999Z',
    );
  });

  test('one request only, and only while under review', () => {
    const fresh: TIntegrationFacts = {
      status: 'submitted',
      integrationRequestedAt: null,
      integrationDueAt: null,
      integrationAnsweredAt: null,
    };
    assert.equal(integrationRequestRefusal(fresh), null);
    assert.match(integrationRequestRefusal(requested({ status: 'submitted' }))!, /una sola volta/);
    assert.match(integrationRequestRefusal(requested())!, /una sola volta/);
    assert.match(integrationRequestRefusal({ ...fresh, status: 'admitted' })!, /in istruttoria/);
  });

  test('open until the due date, then overdue; answered; expired once back under review', () => {
    assert.equal(integrationState(requested(), new Date(t0.getTime() + 9 * DAY)), 'open');
    const due = integrationDueAt(t0);
    assert.equal(integrationState(requested(), new Date(t0.getTime() + 10 * DAY)), 'open');
    assert.equal(integrationState(requested(), due), 'open');
    assert.equal(integrationState(requested(), new Date(due.getTime() + 1)), 'overdue');
    assert.equal(isIntegrationExpired(requested(), new Date(t0.getTime() + 11 * DAY)), true);
    const answered = requested({
      status: 'submitted',
      integrationAnsweredAt: new Date(t0.getTime() + 3 * DAY),
    });
    assert.equal(integrationState(answered, new Date(t0.getTime() + 20 * DAY)), 'answered');
    assert.equal(
      integrationState(requested({ status: 'submitted' }), new Date(t0.getTime() + 20 * DAY)),
      'expired',
    );
  });

  test('the clock is suspended from the request to the answer or the due date, never more than 30 days', () => {
    assert.equal(suspendedDays(requested(), new Date(t0.getTime() + 4 * DAY)), 4);
    // Unanswered: suspended until the due date, the end of the 10th Italian calendar day.
    assert.equal(suspendedDays(requested(), new Date(t0.getTime() + 40 * DAY)), 10);
    const answered = requested({
      status: 'submitted',
      integrationAnsweredAt: new Date(t0.getTime() + 2.5 * DAY),
    });
    assert.equal(suspendedDays(answered, new Date(t0.getTime() + 40 * DAY)), 2); // 05/11 10:00 → 07/11 22:00
    // A due date set beyond the limit (data from elsewhere) is capped at 30 days.
    const long = requested({ integrationDueAt: new Date(t0.getTime() + 45 * DAY) });
    assert.equal(suspendedDays(long, new Date(t0.getTime() + 60 * DAY)), 30);
  });
});
