// The citizen's side of a grant application: the Allegato A wizard (steps 1–4, attachments, summary),
// the application page with receipt, integration and withdrawal, the list of one's applications and the
// public receipt check. Every page works without JavaScript (POST-redirect-GET, errors next to fields).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError, ValidationError, ConflictError } from '../../../http/errors.js';
import { formValues } from '../../../http/forms.js';
import {
  actorOf,
  pageContext,
  requirePermission,
  sendHtml,
  setFlash,
} from '../../../http/request-context.js';
import { formatDateTime } from '../../../italian/dates.js';
import { emptyForm, type TFormState } from '../../../layout/form-kit.js';
import { attachmentHeader } from '../../documents/customer/download-documents.js';
import { callPhase } from '../calls/call.js';
import { getCall, getPublishedCallByCode } from '../calls/queries.js';
import type { TGrantsDeps } from '../grants-deps.js';
import { answerIntegration, INTEGRATION_KIND } from './answer-integration.js';
import { checkApplicationComplete, readStep, WIZARD_STEPS } from './application-data.js';
import { verificationUrl } from './application-mails.js';
import { renderApplicationReceipt } from './application-receipt.js';
import {
  attachFiles,
  deleteAttachment,
  listAttachments,
  readAttachment,
  readUploads,
} from './attach-files.js';
import {
  applicationFromRow,
  attachmentCounts,
  findApplicationOfUser,
  FUNDING_LABELS,
  getApplicationForUser,
  STATUS_LABELS,
  type TApplication,
} from './queries.js';
import {
  ApplicationAlreadySubmittedError,
  findOrCreateDraft,
  firstIncompleteStep,
  saveStep,
  stepPath,
} from './save-draft.js';
import { ApplicationPage, MyApplicationsPage, WithdrawConfirmPage } from './views/application-pages.js';
import { AttachmentsPage } from './views/attachments-page.js';
import { StepPage } from './views/step-pages.js';
import { SummaryPage } from './views/summary-page.js';
import { withdrawApplication } from './withdraw-application.js';

type TIdParams = { Params: { id: string } };

export async function citizenGrantRoutes(app: FastifyInstance, deps: TGrantsDeps) {
  const ctx = (req: FastifyRequest, reply: FastifyReply) => pageContext(req, reply, deps.ui);
  const apply = { preHandler: requirePermission('grants:apply') };

  /** The viewer's own application (404 otherwise) and its call. */
  async function own(req: FastifyRequest, id: string) {
    const application = await getApplicationForUser(deps.db, req.tenant.id, req.user!.id, id);
    const call = await getCall(deps.db, req.tenant.id, application.callId);
    return { application, call };
  }
  const submitted = (a: TApplication) => a.arrivalSeq !== null;
  const toApplication = (reply: FastifyReply, a: TApplication) => reply.redirect(`/domande/${a.id}`, 303);

  // Presenta domanda: the single draft of this account on the call, resumed where it was left.
  app.get<{ Params: { code: string } }>('/bandi/:code/domanda', apply, async (req, reply) => {
    const call = await getPublishedCallByCode(deps.db, req.tenant.id, req.params.code);
    const user = req.user!;
    const existing = await findApplicationOfUser(deps.db, req.tenant.id, user.id, call.id);
    if (existing && submitted(existing)) return toApplication(reply, existing);
    if (!existing && callPhase(call, deps.now()) === 'closed') {
      setFlash(req, {
        kind: 'danger',
        text: `Il bando è chiuso dal ${formatDateTime(call.closesAt)}: non è più possibile presentare domande.`,
      });
      return reply.redirect(`/bandi/${encodeURIComponent(call.code)}`, 303);
    }
    const { application } =
      existing !== undefined
        ? { application: existing }
        : await findOrCreateDraft(deps.db, {
            tenantId: req.tenant.id,
            userId: user.id,
            callId: call.id,
            email: user.email,
            now: deps.now(),
            actor: actorOf(req),
          });
    const counts = await attachmentCounts(deps.db, req.tenant.id, application.id);
    return reply.redirect(stepPath(application.id, firstIncompleteStep(call, application.data, counts)), 303);
  });

  // Steps 1–4 -----------------------------------------------------------------------------------------------------
  const stepNo = (raw: string): 1 | 2 | 3 | 4 => {
    const n = Number(raw);
    if (n === 1 || n === 2 || n === 3 || n === 4) return n;
    throw new NotFoundError();
  };

  app.get<{ Params: { id: string; n: string } }>('/domande/:id/passo/:n', apply, async (req, reply) => {
    const n = stepNo(req.params.n);
    const { application, call } = await own(req, req.params.id);
    if (submitted(application)) return toApplication(reply, application);
    return sendHtml(
      reply,
      <StepPage
        ctx={ctx(req, reply)}
        call={call}
        applicationId={application.id}
        step={n}
        form={emptyForm(application.data)}
        saved={application.data}
      />,
    );
  });

  app.post<{ Params: { id: string; n: string } }>('/domande/:id/passo/:n', apply, async (req, reply) => {
    const n = stepNo(req.params.n);
    const { application, call } = await own(req, req.params.id);
    if (submitted(application)) return toApplication(reply, application);
    const values = formValues(req.body);
    const draftOnly = values.azione === 'bozza';
    const step = WIZARD_STEPS[n - 1]!;
    const base = {
      tenantId: req.tenant.id,
      userId: req.user!.id,
      applicationId: application.id,
      stepNo: n,
      now: deps.now(),
      actor: actorOf(req),
    };
    try {
      if (draftOnly) {
        await saveStep(deps.db, { ...base, values, validated: false });
        setFlash(req, { kind: 'success', text: 'Bozza salvata: puoi riprendere quando vuoi.' });
        return reply.redirect(stepPath(application.id, n), 303);
      }
      const read = readStep(step, values);
      if (!read.ok)
        return sendHtml(
          reply,
          <StepPage
            ctx={ctx(req, reply)}
            call={call}
            applicationId={application.id}
            step={n}
            form={{ values, errors: read.errors }}
            saved={application.data}
          />,
          422,
        );
      await saveStep(deps.db, { ...base, values: read.values, validated: true });
      return reply.redirect(stepPath(application.id, n + 1), 303);
    } catch (err) {
      if (err instanceof ApplicationAlreadySubmittedError) return toApplication(reply, application);
      throw err;
    }
  });

  // Step 5: attachments -------------------------------------------------------------------------------------------
  const attachmentsPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    application: TApplication,
    call: Awaited<ReturnType<typeof own>>['call'],
    form: TFormState,
    status = 200,
  ) =>
    sendHtml(
      reply,
      <AttachmentsPage
        ctx={ctx(req, reply)}
        call={call}
        applicationId={application.id}
        files={await listAttachments(deps.db, req.tenant.id, application.id)}
        form={form}
      />,
      status,
    );

  app.get<TIdParams>('/domande/:id/allegati', apply, async (req, reply) => {
    const { application, call } = await own(req, req.params.id);
    if (submitted(application)) return toApplication(reply, application);
    return attachmentsPage(req, reply, application, call, emptyForm());
  });

  app.post<TIdParams>('/domande/:id/allegati', apply, async (req, reply) => {
    const { application, call } = await own(req, req.params.id);
    if (submitted(application)) return toApplication(reply, application);
    const { files, errors } = await readUploads(req.body, call.rules.attachments);
    if (Object.keys(errors).length === 0 && files.length === 0)
      errors[`file_${call.rules.attachments[0]?.kind ?? 'environmental_certificate'}`] =
        'Non hai scelto alcun file: scegli almeno un documento da caricare.';
    if (Object.keys(errors).length > 0)
      return attachmentsPage(req, reply, application, call, { values: {}, errors }, 422);
    try {
      const n = await attachFiles(deps.db, {
        tenantId: req.tenant.id,
        userId: req.user!.id,
        applicationId: application.id,
        call,
        files,
        actor: actorOf(req),
      });
      setFlash(req, {
        kind: 'success',
        text: n === 1 ? 'Allegato caricato.' : `Allegati caricati: ${n}.`,
      });
      return reply.redirect(stepPath(application.id, 5), 303);
    } catch (err) {
      if (err instanceof ApplicationAlreadySubmittedError) return toApplication(reply, application);
      throw err;
    }
  });

  app.post<{ Params: { id: string; fileId: string } }>(
    '/domande/:id/allegati/:fileId/elimina',
    apply,
    async (req, reply) => {
      const { application } = await own(req, req.params.id);
      try {
        await deleteAttachment(deps.db, {
          tenantId: req.tenant.id,
          userId: req.user!.id,
          applicationId: application.id,
          attachmentId: req.params.fileId,
          actor: actorOf(req),
        });
      } catch (err) {
        if (err instanceof ApplicationAlreadySubmittedError) return toApplication(reply, application);
        throw err;
      }
      setFlash(req, { kind: 'success', text: 'File eliminato.' });
      return reply.redirect(stepPath(application.id, 5), 303);
    },
  );

  app.get<{ Params: { id: string; fileId: string } }>(
    '/domande/:id/allegati/:fileId',
    apply,
    async (req, reply) => {
      const { application } = await own(req, req.params.id);
      const file = await readAttachment(deps.db, req.tenant.id, application.id, req.params.fileId);
      return reply
        .type(file.content_type)
        .header('content-disposition', attachmentHeader(file.filename))
        .header('x-content-type-options', 'nosniff')
        .send(file.content);
    },
  );

  // Step 6: summary -----------------------------------------------------------------------------------------------
  app.get<TIdParams>('/domande/:id/riepilogo', apply, async (req, reply) => {
    const { application, call } = await own(req, req.params.id);
    if (submitted(application)) return toApplication(reply, application);
    const refusal = req.session.grantSubmitErrors;
    let submitErrors:
      { fieldErrors: Record<string, string>; stepOfError: Record<string, number> } | undefined;
    if (refusal && refusal.applicationId === application.id) {
      submitErrors = { fieldErrors: refusal.fieldErrors, stepOfError: refusal.stepOfError };
      req.session.grantSubmitErrors = undefined;
    }
    const counts = await attachmentCounts(deps.db, req.tenant.id, application.id);
    return sendHtml(
      reply,
      <SummaryPage
        ctx={ctx(req, reply)}
        call={call}
        applicationId={application.id}
        values={application.data}
        files={await listAttachments(deps.db, req.tenant.id, application.id)}
        completeness={checkApplicationComplete(call, application.data, counts)}
        submitErrors={submitErrors}
        now={deps.now()}
      />,
    );
  });

  // The application -----------------------------------------------------------------------------------------------
  const applicationPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    application: TApplication,
    call: Awaited<ReturnType<typeof own>>['call'],
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

  app.get<TIdParams & { Querystring: { inviata?: string } }>('/domande/:id', apply, async (req, reply) => {
    const { application, call } = await own(req, req.params.id);
    if (!submitted(application)) return reply.redirect(stepPath(application.id, 6), 303);
    return applicationPage(req, reply, application, call, emptyForm(), 200, req.query.inviata === '1');
  });

  // The application page refreshes status and funding with this while JavaScript is on.
  app.get<TIdParams>('/domande/:id/stato.json', apply, async (req) => {
    const application = await getApplicationForUser(deps.db, req.tenant.id, req.user!.id, req.params.id);
    return { status: STATUS_LABELS[application.status], funding: FUNDING_LABELS[application.funding] };
  });

  app.get<TIdParams>('/domande/:id/ricevuta.pdf', apply, async (req, reply) => {
    const { application, call } = await own(req, req.params.id);
    if (!submitted(application)) throw new NotFoundError('La ricevuta esiste solo per le domande inviate.');
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

  app.post<TIdParams>('/domande/:id/integrazione', apply, async (req, reply) => {
    const { application, call } = await own(req, req.params.id);
    const { files, errors } = await readUploads(req.body, [{ kind: INTEGRATION_KIND, multiple: true }]);
    if (Object.keys(errors).length > 0)
      return applicationPage(req, reply, application, call, { values: {}, errors }, 422);
    try {
      await answerIntegration(deps.db, {
        tenant: req.tenant,
        userId: req.user!.id,
        applicationId: application.id,
        files,
        now: deps.now(),
        actor: actorOf(req),
      });
    } catch (err) {
      if (err instanceof ValidationError)
        return applicationPage(req, reply, application, call, { values: {}, errors: err.fieldErrors }, 422);
      if (err instanceof ConflictError) {
        setFlash(req, { kind: 'danger', text: err.message });
        return toApplication(reply, application);
      }
      throw err;
    }
    setFlash(req, {
      kind: 'success',
      text: "Integrazione inviata: l'istruttoria della domanda riprende. Ti abbiamo inviato una conferma per e-mail.",
    });
    return toApplication(reply, application);
  });

  app.get<TIdParams>('/domande/:id/ritira', apply, async (req, reply) => {
    const { application, call } = await own(req, req.params.id);
    if (!submitted(application)) return reply.redirect(stepPath(application.id, 6), 303);
    return sendHtml(
      reply,
      <WithdrawConfirmPage ctx={ctx(req, reply)} call={call} application={application} />,
    );
  });

  app.post<TIdParams>('/domande/:id/ritira', apply, async (req, reply) => {
    const { application } = await own(req, req.params.id);
    try {
      await withdrawApplication(deps.db, {
        tenant: req.tenant,
        userId: req.user!.id,
        applicationId: application.id,
        now: deps.now(),
        actor: actorOf(req),
      });
    } catch (err) {
      if (err instanceof ConflictError) {
        setFlash(req, { kind: 'danger', text: err.message });
        return toApplication(reply, application);
      }
      throw err;
    }
    setFlash(req, {
      kind: 'success',
      text: 'La domanda è stata ritirata. Ti abbiamo inviato una conferma per e-mail.',
    });
    return toApplication(reply, application);
  });

  app.get('/domande', apply, async (req, reply) => {
    const rows = await deps.db
      .selectFrom('grant_applications as a')
      .innerJoin('grant_calls as c', 'c.id', 'a.call_id')
      .selectAll('a')
      .select('c.title as call_title')
      .where('a.tenant_id', '=', req.tenant.id)
      .where('a.user_id', '=', req.user!.id)
      .orderBy('a.created_at', 'desc')
      .execute();
    return sendHtml(
      reply,
      <MyApplicationsPage
        ctx={ctx(req, reply)}
        rows={rows.map((r) => {
          const a = applicationFromRow(r);
          return {
            id: a.id,
            callTitle: r.call_title,
            protocol: a.protocol,
            status: a.status,
            funding: a.funding,
            submittedAt: a.submittedAt,
          };
        })}
      />,
    );
  });
}
