// Step 6: every answer by section, the contribution computed before sending, what is still missing
// (each message links to its step), the call's opening and closing and the "Invia" button.
import { formatDateTime } from '../../../../italian/dates.js';
import { formatEuro } from '../../../../italian/money.js';
import { CsrfField } from '../../../../layout/form-kit.js';
import type { TPageContext } from '../../../../layout/layout.js';
import { callPhase, type TGrantCall } from '../../calls/call.js';
import { capCentsFor } from '../../calls/eligibility.js';
import type { TApplicationDraft, TDraftAnswers } from '../allegato-a/allegato-a.js';
import { answerText, requestedContributionCents } from '../allegato-a/answers.js';
import { type TCompleteness } from '../allegato-a/completeness.js';
import { ANSWER_STEPS, type TWizardStep } from '../allegato-a/steps.js';
import type { TAttachmentRow } from '../attach-files.js';
import { stepPath } from '../save-draft.js';
import { AnswerList } from './answers-list.js';
import { FileList } from './attachments-page.js';
import { WizardLayout } from './wizard-frame.js';

/** The answers of one step as a description list. */
export function AnswersSection(p: {
  call: TGrantCall;
  values: TApplicationDraft;
  step: TWizardStep;
  editHref?: string;
}) {
  return (
    <section class="mb-4">
      <h2 class="h4 d-flex flex-wrap gap-3 align-items-baseline">
        <span safe>{`${p.step.n}. ${p.step.title}`}</span>
        {p.editHref ? (
          <a class="fs-6" href={p.editHref}>
            Modifica<span class="visually-hidden" safe>{` ${p.step.title}`}</span>
          </a>
        ) : (
          ''
        )}
      </h2>
      <AnswerList call={p.call} values={p.values} step={p.step} />
    </section>
  );
}

/** "Contributo regionale richiesto" with the formula of the call, from the answers. */
export function ContributionBox(p: { call: TGrantCall; values: TApplicationDraft; answers: TDraftAnswers }) {
  const { call, answers } = p;
  const requested = requestedContributionCents(call, answers);
  if (requested === undefined || answers.new_type === undefined)
    return (
      <div class="alert alert-info" role="status">
        Il contributo richiesto sarà calcolato quando avrai indicato la tipologia del nuovo generatore (passo
        2), la spesa ammissibile e il contributo GSE (passo 3).
      </div>
    );
  const cap = capCentsFor(call.eligibility, answers.new_type);
  const admissible = answers.gse_admissible ?? 0;
  const gse = answers.gse_contribution ?? 0;
  const typeLabel = answerText(call, 'new_type', p.values);
  return (
    <div class="callout callout-highlight note mb-4" id="contributo">
      <p class="h4 mb-2" safe>
        {`Contributo regionale richiesto: ${formatEuro(requested)}`}
      </p>
      <p class="mb-0" safe>
        {`Calcolato come min(massimale, spesa ammissibile − contributo GSE) = min(${formatEuro(cap)}, ${formatEuro(admissible)} − ${formatEuro(gse)}) = ${formatEuro(requested)}. Il massimale per «${typeLabel}» è ${formatEuro(cap)}; contributo regionale e contributo GSE insieme non superano la spesa ammissibile.`}
      </p>
    </div>
  );
}

function CallDates({ call, now }: { call: TGrantCall; now: Date }) {
  const phase = callPhase(call, now);
  if (phase === 'not_yet_open')
    return (
      <div class="alert alert-warning" role="status" safe>
        {`Il bando apre il ${formatDateTime(call.opensAt)} e chiude il ${formatDateTime(call.closesAt)}. Puoi preparare e salvare la domanda già ora, ma «Invia» funziona dal ${formatDateTime(call.opensAt)}.`}
      </div>
    );
  if (phase === 'closed')
    return (
      <div class="alert alert-danger" role="status" safe>
        {`Il bando è chiuso dal ${formatDateTime(call.closesAt)}: non è più possibile inviare domande.`}
      </div>
    );
  return (
    <p safe>
      {`Il bando è aperto dal ${formatDateTime(call.opensAt)} al ${formatDateTime(call.closesAt)}. Le domande sono finanziate nell'ordine di arrivo fino a esaurimento dei fondi.`}
    </p>
  );
}

function problemHref(applicationId: string, key: string, step: number): string {
  const base = stepPath(applicationId, step);
  return key.startsWith('rule_') ? base : `${base}#f-${key}`;
}

function ProblemList(p: {
  applicationId: string;
  title: string;
  kind: 'warning' | 'danger';
  errors: Record<string, string>;
  stepOfError: Record<string, number>;
  id: string;
}) {
  return (
    <div class={`alert alert-${p.kind}`} role={p.kind === 'danger' ? 'alert' : 'status'} id={p.id}>
      <h2 class="h5" safe>
        {p.title}
      </h2>
      <ul class="mb-0">
        {Object.entries(p.errors).map(([key, message]) => {
          const step = p.stepOfError[key] ?? 6;
          return (
            <li>
              <a href={problemHref(p.applicationId, key, step)} safe>
                {`Passo ${step}: ${message}`}
              </a>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

export function SummaryPage(p: {
  ctx: TPageContext;
  call: TGrantCall;
  applicationId: string;
  values: TApplicationDraft;
  answers: TDraftAnswers;
  files: readonly TAttachmentRow[];
  completeness: TCompleteness;
  submitErrors?: { fieldErrors: Record<string, string>; stepOfError: Record<string, number> } | undefined;
  now: Date;
}) {
  const c = p.completeness;
  return (
    <WizardLayout ctx={p.ctx} applicationId={p.applicationId} callTitle={p.call.title} step={6}>
      {p.submitErrors ? (
        <ProblemList
          applicationId={p.applicationId}
          id="error-summary"
          kind="danger"
          title="La domanda non è stata inviata: correggi quanto segue"
          errors={p.submitErrors.fieldErrors}
          stepOfError={p.submitErrors.stepOfError}
        />
      ) : (
        ''
      )}
      <CallDates call={p.call} now={p.now} />
      <ContributionBox call={p.call} values={p.values} answers={p.answers} />
      {!c.ok && !p.submitErrors ? (
        <ProblemList
          applicationId={p.applicationId}
          id="da-completare"
          kind="warning"
          title="Prima di inviare completa la domanda"
          errors={c.errors}
          stepOfError={c.stepOfError}
        />
      ) : (
        ''
      )}
      {c.ok ? (
        <p class="text-success fw-semibold">La domanda è completa e rispetta i requisiti del bando.</p>
      ) : (
        ''
      )}
      {ANSWER_STEPS.map((s) => (
        <AnswersSection call={p.call} values={p.values} step={s} editHref={stepPath(p.applicationId, s.n)} />
      ))}
      <section class="mb-4">
        <h2 class="h4 d-flex flex-wrap gap-3 align-items-baseline">
          <span>5. Allegati</span>
          <a class="fs-6" href={stepPath(p.applicationId, 5)}>
            Modifica<span class="visually-hidden"> Allegati</span>
          </a>
        </h2>
        {p.call.rules.attachments.map((r, i) => (
          <div class="mb-2">
            <h3 class="h6 mb-1" safe>
              {`${i + 1}. ${r.label}`}
            </h3>
            <FileList
              applicationId={p.applicationId}
              files={p.files.filter((f) => f.kind === r.kind)}
              label={`allegato ${i + 1}`}
            />
          </div>
        ))}
      </section>
      <section class="mb-4">
        <h2 class="h4">Invio della domanda</h2>
        <p>
          Premendo «Invia» la domanda è presentata come dichiarazione sostitutiva dell'atto di notorietà (art.
          47 DPR 445/2000): il portale registra data e ora di arrivo al millisecondo e assegna il numero di
          protocollo. Dopo l'invio la domanda non può più essere modificata.
        </p>
        <form method="post" action={`/domande/${p.applicationId}/invia`}>
          <CsrfField token={p.ctx.csrfToken} />
          <button type="submit" class="btn btn-primary btn-lg">
            Invia
          </button>
        </form>
      </section>
    </WizardLayout>
  );
}
