// The sample checks of a call (Avviso § 8): the draw with a recorded seed, its verification (the draw
// repeated with the same seed), and the outcome of each check. Officers with grants:review.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { runForm } from '../../../http/form-runner.js';
import { actorOf, pageContext, requirePermission, sendHtml } from '../../../http/request-context.js';
import { paramsOf, zId } from '../../../http/route-input.js';
import { emptyForm, type TFormState } from '../../../layout/form-kit.js';
import type { TGrantsDeps } from '../grants-deps.js';
import { canPay, officeCall } from '../review/office-route-kit.js';
import { drawSample } from './draw-sample-checks.js';
import { admittedPopulation, drawChecks, getDraw, listDraws } from './queries.js';
import { recordSampleOutcome } from './record-sample-check.js';
import { verifyDraw } from './sample-check-rules.js';
import { checkKeys, SamplesPage, VerifyDrawPage } from './views/sample-checks-page.js';

const ZDrawParams = z.object({ callId: zId, drawId: zId });
const ZCheckParams = z.object({ callId: zId, drawId: zId, applicationId: zId });

type TSamplesState = {
  seedForm?: TFormState;
  checkForm?: { drawId: string; applicationId: string; form: TFormState };
  problem?: string | undefined;
  status?: number;
};

export async function sampleCheckRoutes(app: FastifyInstance, deps: TGrantsDeps) {
  const review = { preHandler: requirePermission('grants:review') };
  const ctx = (req: FastifyRequest, reply: FastifyReply) => pageContext(req, reply, deps.ui);

  async function samplesPage(req: FastifyRequest, reply: FastifyReply, state: TSamplesState = {}) {
    const call = await officeCall(deps, req);
    const [draws, checks, population] = await Promise.all([
      listDraws(deps.db, req.tenant.id, call.id),
      drawChecks(deps.db, req.tenant.id, call.id),
      admittedPopulation(deps.db, req.tenant.id, call.id),
    ]);
    return sendHtml(
      reply,
      <SamplesPage
        ctx={ctx(req, reply)}
        call={call}
        admitted={population.length}
        draws={draws}
        checks={checks}
        seedForm={state.seedForm ?? emptyForm()}
        checkForm={state.checkForm}
        problem={state.problem}
        canPay={canPay(req)}
      />,
      state.status ?? 200,
    );
  }

  app.get('/ufficio/bandi/:callId/controlli', review, async (req, reply) => samplesPage(req, reply));

  app.post('/ufficio/bandi/:callId/controlli', review, async (req, reply) => {
    const call = await officeCall(deps, req);
    return runForm(req, reply, {
      run: (values) => drawSample(deps, req.tenant, call.id, values.seed, actorOf(req)),
      done: (d) => ({
        redirect: `/ufficio/bandi/${call.id}/controlli`,
        flash: `Campione estratto con il seme «${d.seed}»: ${d.selected.length} domande su ${d.population.length} ammesse.`,
      }),
      render: (seedForm, problem, status) => samplesPage(req, reply, { seedForm, problem, status }),
    });
  });

  app.get('/ufficio/bandi/:callId/controlli/:drawId/verifica', review, async (req, reply) => {
    const call = await officeCall(deps, req);
    const draw = await getDraw(deps.db, req.tenant.id, call.id, paramsOf(req, ZDrawParams).drawId);
    const v = verifyDraw(draw);
    return sendHtml(
      reply,
      <VerifyDrawPage
        ctx={ctx(req, reply)}
        call={call}
        draw={draw}
        recomputed={v.selected}
        matches={v.matches}
        canPay={canPay(req)}
      />,
    );
  });

  app.post('/ufficio/bandi/:callId/controlli/:drawId/:applicationId', review, async (req, reply) => {
    const { callId, drawId, applicationId } = paramsOf(req, ZCheckParams);
    const call = await officeCall(deps, req);
    // Several forms on the page post "outcome" and "note": the page names each check's fields apart.
    const keys = checkKeys(drawId, applicationId);
    const rename = (o: Record<string, string | undefined>) => ({
      [keys.outcome]: o.outcome,
      [keys.note]: o.note,
    });
    return runForm(req, reply, {
      run: (values) =>
        recordSampleOutcome(
          deps,
          req.tenant,
          { callId: call.id, drawId, applicationId, outcome: values.outcome, note: values.note },
          actorOf(req),
        ),
      done: () => ({
        redirect: `/ufficio/bandi/${callId}/controlli`,
        flash: 'Esito del controllo registrato.',
      }),
      render: (form, problem, status) =>
        samplesPage(req, reply, {
          checkForm: {
            drawId,
            applicationId,
            form: { values: rename(form.values), errors: rename(form.errors) },
          },
          problem,
          status,
        }),
    });
  });
}
