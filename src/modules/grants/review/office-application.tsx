// The officer's page of one application, drawn by the review routes and again, with a form's errors, by
// every POST made from it (decision, integration request, revocation).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { pageContext, sendHtml } from '../../../http/request-context.js';
import { emptyForm, type TFormState } from '../../../layout/form-kit.js';
import type { TApplicationDraft } from '../application/allegato-a/allegato-a.js';
import { completeAnswers, toEligibilityInput } from '../application/allegato-a/answers.js';
import { answerProblems } from '../application/allegato-a/steps.js';
import type { TGrantCall } from '../calls/call.js';
import { checkEligibility } from '../calls/eligibility.js';
import { getCall } from '../calls/queries.js';
import type { TGrantsDeps } from '../grants-deps.js';
import { checklistFor } from './decision-rules.js';
import { submittedApplication } from './office-route-kit.js';
import { applicationFiles, applicationHistory, lastChecklist, openRecoveryCents } from './queries.js';
import {
  OfficeApplicationPage,
  type TOfficeEligibility,
  type TOfficeForm,
} from './views/application-page.js';

export type TOfficeApplicationState = {
  /** The form that was posted, with its values and errors. */
  form?: TFormState;
  active?: TOfficeForm;
  problem?: string | undefined;
  status?: number;
};

/** The automatic checks of the call's rules on the answers (or what keeps the answers from being read). */
function eligibilityOf(call: TGrantCall, draft: TApplicationDraft): TOfficeEligibility {
  const answers = completeAnswers(draft);
  if (!answers) return { ok: false, failures: answerProblems(draft).map((message) => ({ message })) };
  return checkEligibility(call.eligibility, toEligibilityInput(answers));
}

export async function showOfficeApplication(
  deps: TGrantsDeps,
  req: FastifyRequest,
  reply: FastifyReply,
  applicationId: string,
  state: TOfficeApplicationState = {},
) {
  const a = await submittedApplication(deps, req, applicationId);
  const call = await getCall(deps.db, req.tenant.id, a.callId);
  const [files, history, recoveryCents] = await Promise.all([
    applicationFiles(deps.db, req.tenant.id, a.id),
    applicationHistory(deps.db, req.tenant.id, a.id),
    openRecoveryCents(deps.db, req.tenant.id, a.id),
  ]);
  return sendHtml(
    reply,
    <OfficeApplicationPage
      ctx={pageContext(req, reply, deps.ui)}
      call={call}
      app={a}
      files={files}
      history={history}
      eligibility={eligibilityOf(call, a.data)}
      checklist={checklistFor(call.rules.attachments)}
      lastChecklist={lastChecklist(history)}
      recoveryCents={recoveryCents}
      now={deps.now()}
      form={state.form ?? emptyForm()}
      active={state.active ?? 'decision'}
      problem={state.problem}
    />,
    state.status ?? 200,
  );
}
