// The deadline of an integration request (Avviso § 6, "10 gg. dal ricevimento della richiesta"): the one
// rule the applicant's answer and the officers' integration clock (../review/integration-clock.ts) share.
import { addDays, endOfItalianDay, italianToday } from '../../../italian/dates.js';

export const INTEGRATION_DAYS = 10;

export interface TIntegrationFacts {
  status: string;
  integrationRequestedAt: Date | null;
  integrationDueAt: Date | null;
  integrationAnsweredAt: Date | null;
}

/**
 * Due date of an integration request: "10 gg. dal ricevimento", counted in Italian calendar days, so the
 * applicant has until the end (23:59:59.999, Italian time) of the 10th day after the day of the request.
 */
export function integrationDueAt(requestedAt: Date): Date {
  return endOfItalianDay(addDays(italianToday(requestedAt), INTEGRATION_DAYS));
}

/** True when a request is unanswered past its due date (too late to answer; the expiry job acts on these). */
export function isIntegrationExpired(app: TIntegrationFacts, now: Date): boolean {
  if (app.integrationRequestedAt === null || app.integrationAnsweredAt !== null) return false;
  if (app.status !== 'integration_requested') return false;
  const due = app.integrationDueAt ?? integrationDueAt(app.integrationRequestedAt);
  return now.getTime() > due.getTime();
}
