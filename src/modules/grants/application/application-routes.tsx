// The citizen's sent application: its page (protocol, arrival, status, funding), the status JSON for the
// page's self-refresh, the receipt PDF, the answer to an integration request, the withdrawal, and the list of
// the citizen's applications.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { NotFoundError, ValidationError } from '../../../http/errors.js';
import { runForm } from '../../../http/form-runner.js';
import { actorOf, pageContext, requirePermission, sendHtml } from '../../../http/request-context.js';
import { paramsOf, queryOf, ZIdParams } from '../../../http/route-input.js';
import { emptyForm, type TFormState } from '../../../layout/form-kit.js';
import { attachmentHeader } from '../../documents/customer/download-documents.js';
import type { TGrantCall } from '../calls/call.js';
import type { TGrantsDeps } from '../grants-deps.js';
import { answerIntegration, INTEGRATION_KIND } from './answer-integration.js';
import { verificationUrl } from './application-mails.js';
import { renderApplicationReceipt } from './application-receipt.js';
import { listAttachments, readUploads } from './attach-files.js';
import { isSubmitted, ownApplication, toApplication } from './citizen-route-kit.js';
import {
  FUNDING_LABELS,
  getApplicationForUser,
  listApplicationsOfUser,
  STATUS_LABELS,
  type TApplication,
} from './queries.js';
import { stepPath } from './save-draft.js';
import { ApplicationPage, MyApplicationsPage, WithdrawConfirmPage } from './views/application-pages.js';
import { withdrawApplication } from './withdraw-application.js';

/** `?inviata=1`: right after "Invia" (the page says so itself, instead of a flash in the session). */
const ZSentQuery = z.object({ inviata: z.string().optional().catch(undefined) });

export async function applicationRoutes(app: FastifyInstance, deps: TGrantsDeps) {
  const ctx = (req: FastifyRequest, reply: FastifyReply) => pageContext(req, reply, deps.ui);
  const apply = { preHandler: requirePermission('grants:apply') };

  const applicationPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    application: TApplication,
    call: TGrantCall,
    integrationForm: TFormState,
    status = 200,
    justSubmitted = false,
  ) =>
    sendHtml(
      reply,
      <ApplicationPage
        ctx={ctx(req, reply)}
        justSubmitted={justSubmitted}
        call={call}
        application={application}
        files={await listAttachments(deps.db, req.tenant.id, application.id)}
        integrationForm={integrationForm}
      />,
      status,
    );

  app.get('/domande/:id', apply, async (req, reply) => {
    const { application, call } = await ownApplication(deps, req, paramsOf(req, ZIdParams).id);
    if (!isSubmitted(application)) return reply.redirect(stepPath(application.id, 6), 303);
    const justSubmitted = queryOf(req, ZSentQuery).inviata === '1';
    return applicationPage(req, reply, application, call, emptyForm(), 200, justSubmitted);
  });

  // The application page refreshes status and funding with this while JavaScript is on.
  app.get('/domande/:id/stato.json', apply, async (req) => {
    const { id } = paramsOf(req, ZIdParams);
    const application = await getApplicationForUser(deps.db, req.tenant.id, req.user!.id, id);
    return { status: STATUS_LABELS[application.status], funding: FUNDING_LABELS[application.funding] };
  });

  app.get('/domande/:id/ricevuta.pdf', apply, async (req, reply) => {
    const { application, call } = await ownApplication(deps, req, paramsOf(req, ZIdParams).id);
    if (!isSubmitted(application)) throw new NotFoundError('La ricevuta esiste solo per le domande inviate.');
    const pdf = await renderApplicationReceipt({
      tenant: req.tenant,
      callTitle: call.title,
      application,
      verifyUrl: verificationUrl(deps.config, req.tenant),
    });
    return reply
      .type('application/pdf')
      .header('content-disposition', attachmentHeader(`ricevuta_${application.protocol ?? 'domanda'}.pdf`))
      .header('x-content-type-options', 'nosniff')
      .send(pdf);
  });

  app.post('/domande/:id/integrazione', apply, async (req, reply) => {
    const { application, call } = await ownApplication(deps, req, paramsOf(req, ZIdParams).id);
    return runForm(req, reply, {
      run: async () => {
        const { files, errors } = await readUploads(req.body, [{ kind: INTEGRATION_KIND, multiple: true }]);
        if (Object.keys(errors).length > 0) throw new ValidationError(errors);
        return answerIntegration(deps.db, {
          tenant: req.tenant,
          userId: req.user!.id,
          applicationId: application.id,
          files,
          now: deps.now(),
          actor: actorOf(req),
        });
      },
      done: () => ({
        redirect: `/domande/${application.id}`,
        flash:
          "Integrazione inviata: l'istruttoria della domanda riprende. Ti abbiamo inviato una conferma per e-mail.",
      }),
      conflictRedirect: `/domande/${application.id}`,
      render: (form, _problem, status) =>
        applicationPage(req, reply, application, call, { values: {}, errors: form.errors }, status),
    });
  });

  app.get('/domande/:id/ritira', apply, async (req, reply) => {
    const { application, call } = await ownApplication(deps, req, paramsOf(req, ZIdParams).id);
    if (!isSubmitted(application)) return reply.redirect(stepPath(application.id, 6), 303);
    return sendHtml(
      reply,
      <WithdrawConfirmPage ctx={ctx(req, reply)} call={call} application={application} />,
    );
  });

  app.post('/domande/:id/ritira', apply, async (req, reply) => {
    const { application } = await ownApplication(deps, req, paramsOf(req, ZIdParams).id);
    return runForm(req, reply, {
      run: () =>
        withdrawApplication(deps.db, {
          tenant: req.tenant,
          userId: req.user!.id,
          applicationId: application.id,
          now: deps.now(),
          actor: actorOf(req),
        }),
      done: () => ({
        redirect: `/domande/${application.id}`,
        flash: 'La domanda è stata ritirata. Ti abbiamo inviato una conferma per e-mail.',
      }),
      conflictRedirect: `/domande/${application.id}`,
      render: () => toApplication(reply, application),
    });
  });

  app.get('/domande', apply, async (req, reply) => {
    const rows = await listApplicationsOfUser(deps.db, req.tenant.id, req.user!.id);
    return sendHtml(reply, <MyApplicationsPage ctx={ctx(req, reply)} rows={rows} />);
  });
}
