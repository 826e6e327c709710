// The citizen's wizard of Allegato A: "Presenta domanda" (the one draft of the account on the call, resumed
// where it was left), steps 1–4, the attachments (step 5) and the summary (step 6). Every page works without
// JavaScript: POST-redirect-GET, errors next to the fields (runForm).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ValidationError } from '../../../http/errors.js';
import { runForm } from '../../../http/form-runner.js';
import {
  actorOf,
  pageContext,
  requirePermission,
  sendHtml,
  setFlash,
} from '../../../http/request-context.js';
import { paramsOf, zId, ZIdParams } from '../../../http/route-input.js';
import { formatDateTime } from '../../../italian/dates.js';
import { emptyForm, type TFormState } from '../../../layout/form-kit.js';
import { attachmentHeader } from '../../documents/customer/download-documents.js';
import { callPhase, type TGrantCall } from '../calls/call.js';
import { getPublishedCallByCode } from '../calls/queries.js';
import type { TGrantsDeps } from '../grants-deps.js';
import { checkApplicationComplete } from './allegato-a/completeness.js';
import { readStep, WIZARD_STEPS } from './allegato-a/steps.js';
import {
  attachFiles,
  deleteAttachment,
  listAttachments,
  readAttachment,
  readUploads,
} from './attach-files.js';
import { isSubmitted, ownApplication, toApplication } from './citizen-route-kit.js';
import { attachmentCounts, findApplicationOfUser, type TApplication } from './queries.js';
import {
  ApplicationAlreadySubmittedError,
  findOrCreateDraft,
  firstIncompleteStep,
  saveStep,
  stepPath,
} from './save-draft.js';
import { AttachmentsPage } from './views/attachments-page.js';
import { StepPage } from './views/step-pages.js';
import { SummaryPage } from './views/summary-page.js';

const ZCodeParams = z.object({ code: z.string().min(1).max(100) });
/** Steps 1–4 are forms of answers; any other number names no page (404). */
const ZStepParams = z.object({
  id: zId,
  n: z.enum(['1', '2', '3', '4']).transform((n) => Number(n) as 1 | 2 | 3 | 4),
});
const ZFileParams = z.object({ id: zId, fileId: zId });

/** A draft changed meanwhile into a sent application: the citizen is taken to it (no message). */
async function unlessSubmitted<T>(work: () => Promise<T>): Promise<T | { alreadySubmitted: true }> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof ApplicationAlreadySubmittedError) return { alreadySubmitted: true };
    throw err;
  }
}

export async function wizardRoutes(app: FastifyInstance, deps: TGrantsDeps) {
  const ctx = (req: FastifyRequest, reply: FastifyReply) => pageContext(req, reply, deps.ui);
  const apply = { preHandler: requirePermission('grants:apply') };

  app.get('/bandi/:code/domanda', apply, async (req, reply) => {
    const call = await getPublishedCallByCode(deps.db, req.tenant.id, paramsOf(req, ZCodeParams).code);
    const user = req.user!;
    const existing = await findApplicationOfUser(deps.db, req.tenant.id, user.id, call.id);
    if (existing && isSubmitted(existing)) return toApplication(reply, existing);
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
  const stepPage = (
    req: FastifyRequest,
    reply: FastifyReply,
    a: TApplication,
    call: TGrantCall,
    n: 1 | 2 | 3 | 4,
    form: TFormState,
    status = 200,
  ) =>
    sendHtml(
      reply,
      <StepPage
        ctx={ctx(req, reply)}
        call={call}
        applicationId={a.id}
        step={n}
        form={form}
        saved={a.answers}
      />,
      status,
    );

  app.get('/domande/:id/passo/:n', apply, async (req, reply) => {
    const { id, n } = paramsOf(req, ZStepParams);
    const { application, call } = await ownApplication(deps, req, id);
    if (isSubmitted(application)) return toApplication(reply, application);
    return stepPage(req, reply, application, call, n, emptyForm(application.data));
  });

  app.post('/domande/:id/passo/:n', apply, async (req, reply) => {
    const { id, n } = paramsOf(req, ZStepParams);
    const { application, call } = await ownApplication(deps, req, id);
    if (isSubmitted(application)) return toApplication(reply, application);
    const base = {
      tenantId: req.tenant.id,
      userId: req.user!.id,
      applicationId: application.id,
      stepNo: n,
      now: deps.now(),
      actor: actorOf(req),
    };
    return runForm(req, reply, {
      run: (values) =>
        unlessSubmitted(async () => {
          // "Salva bozza" keeps what was typed, right or wrong; "Salva e continua" stores the step once valid.
          if (values.azione === 'bozza') {
            await saveStep(deps.db, { ...base, values, validated: false });
            return { draft: true };
          }
          const read = readStep(WIZARD_STEPS[n - 1]!, values);
          if (!read.ok) throw new ValidationError(read.errors);
          await saveStep(deps.db, { ...base, values: read.values, validated: true });
          return { draft: false };
        }),
      done: (r) => {
        if ('alreadySubmitted' in r) return { redirect: `/domande/${application.id}` };
        if (r.draft)
          return {
            redirect: stepPath(application.id, n),
            flash: 'Bozza salvata: puoi riprendere quando vuoi.',
          };
        return { redirect: stepPath(application.id, n + 1) };
      },
      render: (form, _problem, status) => stepPage(req, reply, application, call, n, form, status),
    });
  });

  // Step 5: attachments -------------------------------------------------------------------------------------------
  const attachmentsPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    a: TApplication,
    call: TGrantCall,
    form: TFormState,
    status = 200,
  ) =>
    sendHtml(
      reply,
      <AttachmentsPage
        ctx={ctx(req, reply)}
        call={call}
        applicationId={a.id}
        files={await listAttachments(deps.db, req.tenant.id, a.id)}
        form={form}
      />,
      status,
    );

  app.get('/domande/:id/allegati', apply, async (req, reply) => {
    const { application, call } = await ownApplication(deps, req, paramsOf(req, ZIdParams).id);
    if (isSubmitted(application)) return toApplication(reply, application);
    return attachmentsPage(req, reply, application, call, emptyForm());
  });

  app.post('/domande/:id/allegati', apply, async (req, reply) => {
    const { application, call } = await ownApplication(deps, req, paramsOf(req, ZIdParams).id);
    if (isSubmitted(application)) return toApplication(reply, application);
    return runForm(req, reply, {
      run: async () => {
        const { files, errors } = await readUploads(req.body, call.rules.attachments);
        if (Object.keys(errors).length === 0 && files.length === 0)
          errors[`file_${call.rules.attachments[0]?.kind ?? 'environmental_certificate'}`] =
            'Non hai scelto alcun file: scegli almeno un documento da caricare.';
        if (Object.keys(errors).length > 0) throw new ValidationError(errors);
        return unlessSubmitted(() =>
          attachFiles(deps.db, {
            tenantId: req.tenant.id,
            userId: req.user!.id,
            applicationId: application.id,
            call,
            files,
            actor: actorOf(req),
          }),
        );
      },
      done: (n) =>
        typeof n === 'number'
          ? {
              redirect: stepPath(application.id, 5),
              flash: n === 1 ? 'Allegato caricato.' : `Allegati caricati: ${n}.`,
            }
          : { redirect: `/domande/${application.id}` },
      render: (form, _problem, status) =>
        attachmentsPage(req, reply, application, call, { values: {}, errors: form.errors }, status),
    });
  });

  app.post('/domande/:id/allegati/:fileId/elimina', apply, async (req, reply) => {
    const { id, fileId } = paramsOf(req, ZFileParams);
    const { application, call } = await ownApplication(deps, req, id);
    return runForm(req, reply, {
      run: () =>
        unlessSubmitted(() =>
          deleteAttachment(deps.db, {
            tenantId: req.tenant.id,
            userId: req.user!.id,
            applicationId: application.id,
            attachmentId: fileId,
            actor: actorOf(req),
          }),
        ),
      done: (r) =>
        r !== undefined && 'alreadySubmitted' in r
          ? { redirect: `/domande/${application.id}` }
          : { redirect: stepPath(application.id, 5), flash: 'File eliminato.' },
      render: (form, _problem, status) => attachmentsPage(req, reply, application, call, form, status),
    });
  });

  app.get('/domande/:id/allegati/:fileId', apply, async (req, reply) => {
    const { id, fileId } = paramsOf(req, ZFileParams);
    const { application } = await ownApplication(deps, req, id);
    const file = await readAttachment(deps.db, req.tenant.id, application.id, fileId);
    return reply
      .type(file.content_type)
      .header('content-disposition', attachmentHeader(file.filename))
      .header('x-content-type-options', 'nosniff')
      .send(file.content);
  });

  // Step 6: summary -----------------------------------------------------------------------------------------------
  app.get('/domande/:id/riepilogo', apply, async (req, reply) => {
    const { application, call } = await ownApplication(deps, req, paramsOf(req, ZIdParams).id);
    if (isSubmitted(application)) return toApplication(reply, application);
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
        answers={application.answers}
        files={await listAttachments(deps.db, req.tenant.id, application.id)}
        completeness={checkApplicationComplete(call, application.data, counts)}
        submitErrors={submitErrors}
        now={deps.now()}
      />,
    );
  });
}
