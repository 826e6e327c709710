// The frame shared by the pages of the application wizard: title, call name and the six-step indicator.
import { Layout, type TPageContext } from '../../../../layout/layout.js';
import { WIZARD_STEPS } from '../allegato-a/steps.js';
import { stepPath } from '../save-draft.js';

export function StepIndicator({ applicationId, current }: { applicationId: string; current: number }) {
  return (
    <nav aria-label="Passi della domanda" class="mb-4">
      <ol class="wizard-steps list-unstyled d-flex flex-wrap gap-2 mb-0">
        {WIZARD_STEPS.map((s) => (
          <li>
            {s.n === current ? (
              <a
                href={stepPath(applicationId, s.n)}
                aria-current="step"
                class="btn btn-primary btn-sm"
                safe
              >{`${s.n}. ${s.title}`}</a>
            ) : (
              <a
                href={stepPath(applicationId, s.n)}
                class="btn btn-outline-primary btn-sm"
                safe
              >{`${s.n}. ${s.title}`}</a>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}

export function WizardLayout(p: {
  ctx: TPageContext;
  applicationId: string;
  callTitle: string;
  step: number;
  children: JSX.Element | ReadonlyArray<JSX.Element | JSX.Element[]>;
}) {
  const step = WIZARD_STEPS[p.step - 1]!;
  const title = `Passo ${step.n} di ${WIZARD_STEPS.length}: ${step.title}`;
  return (
    <Layout ctx={p.ctx} title={`Domanda di contributo – ${step.title}`}>
      <nav aria-label="Percorso di navigazione" class="breadcrumb-container">
        <ol class="breadcrumb">
          <li class="breadcrumb-item">
            <a href="/domande">Le mie domande di contributo</a>
            <span class="separator">/</span>
          </li>
          <li class="breadcrumb-item active" aria-current="page">
            Domanda di contributo
          </li>
        </ol>
      </nav>
      <p class="mb-1 text-secondary" safe>
        {p.callTitle}
      </p>
      <h1 class="h2" safe>
        {title}
      </h1>
      <StepIndicator applicationId={p.applicationId} current={p.step} />
      {p.children as 'safe'}
    </Layout>
  );
}
