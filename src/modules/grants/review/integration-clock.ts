// The integration clock of section 6 of the call, as plain functions over plain data:
// "il termine per l'invio delle integrazioni ... è fissato in 10 gg. dal ricevimento della richiesta ...
// i termini si intendono sospesi per una sola volta e per un periodo non superiore a trenta giorni.
// In caso di mancata presentazione delle integrazioni richieste, la domanda sarà valutata sulla base
// della documentazione disponibile".
import { addDays, daysBetween, endOfItalianDay, italianToday } from '../../../italian/dates.js';
import {
  integrationDueAt,
  isIntegrationExpired,
  type TIntegrationFacts,
} from '../application/integration-deadline.js';

export const MAX_SUSPENSION_DAYS = 30;

/** The note recorded when the applicant does not answer in time. */
export const EXPIRED_INTEGRATION_NOTE =
  'Integrazione non pervenuta entro il termine: la domanda è decisa sulla base della documentazione disponibile.';

export const SECOND_REQUEST_REFUSED =
  "Non è possibile richiedere un'altra integrazione: la sospensione è ammessa una sola volta (punto 6 dell'avviso).";

/** Latest moment the suspension may last to: the end of the 30th Italian calendar day after the request. */
export function suspensionLimit(requestedAt: Date): Date {
  return endOfItalianDay(addDays(italianToday(requestedAt), MAX_SUSPENSION_DAYS));
}

/**
 * Whether an integration may be requested now; the reason (Italian) when not. Only an application under
 * review ('submitted') can be suspended, and only once in its life.
 */
export function integrationRequestRefusal(app: TIntegrationFacts): string | null {
  if (app.integrationRequestedAt !== null) return SECOND_REQUEST_REFUSED;
  if (app.status !== 'submitted')
    return "L'integrazione si può richiedere solo per una domanda inviata e in istruttoria.";
  return null;
}

export type TIntegrationState =
  /** Never requested. */
  | 'none'
  /** Requested, waiting for the applicant, within the due date. */
  | 'open'
  /** Requested, not answered, past the due date (the job will put it back under review). */
  | 'overdue'
  /** The applicant answered. */
  | 'answered'
  /** Not answered in time: decided on the documents available. */
  | 'expired';

export function integrationState(app: TIntegrationFacts, now: Date): TIntegrationState {
  if (app.integrationRequestedAt === null) return 'none';
  if (app.integrationAnsweredAt !== null) return 'answered';
  if (app.status === 'integration_requested') return isIntegrationExpired(app, now) ? 'overdue' : 'open';
  return 'expired';
}

/**
 * Italian calendar days the review clock has been suspended: from the request to the answer, or to the
 * due date when unanswered, or to `now` while still open; never more than 30 days.
 */
export function suspendedDays(app: TIntegrationFacts, now: Date): number {
  if (app.integrationRequestedAt === null) return 0;
  const start = app.integrationRequestedAt.getTime();
  const due = (app.integrationDueAt ?? integrationDueAt(app.integrationRequestedAt)).getTime();
  let end: number;
  if (app.integrationAnsweredAt !== null) end = app.integrationAnsweredAt.getTime();
  else if (app.status === 'integration_requested') end = Math.min(now.getTime(), due);
  else end = due;
  end = Math.min(end, suspensionLimit(app.integrationRequestedAt).getTime());
  // Italian calendar days, like the due date.
  const days = daysBetween(italianToday(new Date(start)), italianToday(new Date(end)));
  return Math.max(0, Math.min(MAX_SUSPENSION_DAYS, days));
}
