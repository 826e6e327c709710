// "Invia integrazione": the applicant answers the officer's request for more documents (Avviso § 6).
// In one transaction: the files (phase 'integration'), the status back to 'submitted' (the review clock
// restarts), the audit row and the confirmation e-mail.
import { appendAudit, type TActor } from '../../../audit/audit-log.js';
import type { TDb } from '../../../db/database.js';
import { ConflictError, NotFoundError, ValidationError } from '../../../http/errors.js';
import { formatDateTime } from '../../../italian/dates.js';
import { enqueueMail } from '../../../mail/outbox.js';
import type { TTenant } from '../../../tenancy/tenant.js';
import { applicantName } from './allegato-a/answers.js';
import { integrationAnsweredMail } from './application-mails.js';
import { fileField, linkFile, type TCheckedFile } from './attach-files.js';
import { integrationDueAt, isIntegrationExpired } from './integration-deadline.js';
import { applicationFromRow, type TApplication } from './queries.js';

/** The attachment kind and form field of integration documents. */
export const INTEGRATION_KIND = 'integration';
export const INTEGRATION_FIELD = fileField(INTEGRATION_KIND);

export async function answerIntegration(
  db: TDb,
  input: {
    tenant: TTenant;
    userId: string;
    applicationId: string;
    files: readonly TCheckedFile[];
    now: Date;
    actor: TActor;
  },
): Promise<TApplication> {
  const { tenant, applicationId, now } = input;
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('grant_applications as a')
      .innerJoin('grant_calls as c', 'c.id', 'a.call_id')
      .selectAll('a')
      .select('c.title as call_title')
      .where('a.tenant_id', '=', tenant.id)
      .where('a.user_id', '=', input.userId)
      .where('a.id', '=', applicationId)
      .forUpdate('a')
      .executeTakeFirst();
    if (!row) throw new NotFoundError('La domanda richiesta non esiste.');
    const app = applicationFromRow(row);
    if (app.status !== 'integration_requested')
      throw new ConflictError('Per questa domanda non è richiesta alcuna integrazione.');
    if (isIntegrationExpired(app, now))
      throw new ConflictError(
        `Il termine per l'integrazione è scaduto il ${formatDateTime(app.integrationDueAt ?? integrationDueAt(app.integrationRequestedAt!))}: la domanda sarà valutata con i documenti già presentati.`,
      );
    if (input.files.length === 0)
      throw new ValidationError({ [INTEGRATION_FIELD]: 'Allega almeno un documento per l’integrazione.' });
    for (const f of input.files)
      await linkFile(trx, tenant.id, applicationId, { ...f, kind: INTEGRATION_KIND }, 'integration');
    const updated = await trx
      .updateTable('grant_applications')
      .set({ status: 'submitted', integration_answered_at: now, updated_at: now })
      .where('tenant_id', '=', tenant.id)
      .where('id', '=', applicationId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(trx, tenant.id, input.actor, {
      action: 'grant.integration_answered',
      entityType: 'grant_application',
      entityId: applicationId,
      summary: { protocol: app.protocol, files: input.files.map((f) => f.filename) },
    });
    const to = (app.answers.email ?? '').trim();
    if (to)
      await enqueueMail(
        trx,
        tenant.id,
        integrationAnsweredMail(tenant, {
          to,
          applicantName: applicantName(app.answers),
          protocol: app.protocol ?? '',
          callTitle: row.call_title,
          at: now,
          files: input.files.map((f) => f.filename),
        }),
      );
    return applicationFromRow(updated);
  });
}
