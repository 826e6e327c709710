// "Richiedi integrazione" (Avviso § 6): the officer asks the applicant for more documents. The review clock
// is suspended once: due date 10 days after the request; a second request is refused. In one transaction:
// the status, the message and dates, the audit row and the e-mail to the applicant.
import type { TAppDeps } from '../../../app-deps.js';
import { appendAudit, type TActor } from '../../../audit/audit-log.js';
import { ConflictError, ValidationError } from '../../../http/errors.js';
import { enqueueMail } from '../../../mail/outbox.js';
import type { TTenant } from '../../../tenancy/tenant.js';
import { tenantBaseUrl } from '../../../tenancy/tenant.js';
import { applicantName } from '../application/allegato-a/answers.js';
import { integrationDueAt } from '../application/integration-deadline.js';
import { applicationFromRow, type TApplication } from '../application/queries.js';
import { lockApplication } from './decide-application.js';
import { MAX_NOTE } from './decision-rules.js';
import { integrationRequestRefusal } from './integration-clock.js';
import { integrationRequestedMail } from './review-mails.js';

export async function requestIntegration(
  deps: Pick<TAppDeps, 'db' | 'now' | 'config'>,
  tenant: TTenant,
  applicationId: string,
  rawMessage: string | undefined,
  actor: TActor,
): Promise<TApplication> {
  const message = (rawMessage ?? '').trim();
  if (!message)
    throw new ValidationError({
      message: 'Scrivi quali integrazioni sono richieste: il messaggio è inviato al richiedente.',
    });
  if (message.length > MAX_NOTE) throw new ValidationError({ message: `Al massimo ${MAX_NOTE} caratteri.` });
  const now = deps.now();
  return deps.db.transaction().execute(async (trx) => {
    const { app, callTitle } = await lockApplication(trx, tenant.id, applicationId);
    const refusal = integrationRequestRefusal(app);
    if (refusal) throw new ConflictError(refusal);
    const dueAt = integrationDueAt(now);
    const row = await trx
      .updateTable('grant_applications')
      .set({
        status: 'integration_requested',
        integration_message: message,
        integration_requested_at: now,
        integration_due_at: dueAt,
        integration_answered_at: null,
        updated_at: now,
      })
      .where('tenant_id', '=', tenant.id)
      .where('id', '=', app.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(trx, tenant.id, actor, {
      action: 'grant.integration_requested',
      entityType: 'grant_application',
      entityId: app.id,
      summary: { protocollo: app.protocol, messaggio: message, scadenza: dueAt.toISOString() },
    });
    const to = (app.answers.email ?? '').trim();
    if (to)
      await enqueueMail(
        trx,
        tenant.id,
        integrationRequestedMail(tenant, {
          to,
          applicantName: applicantName(app.answers),
          protocol: app.protocol ?? '',
          callTitle,
          message,
          dueAt,
          applicationUrl: `${tenantBaseUrl(deps.config, tenant)}/domande/${app.id}`,
        }),
      );
    return applicationFromRow(row);
  });
}
