// Revocations and recoveries (Avviso § 9): "Revoca il contributo" from the application's page, the revoked
// applications of a call and the money paid to recover, "Segna come recuperato". Officers with grants:review.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { runForm } from '../../../http/form-runner.js';
import { actorOf, pageContext, requirePermission, sendHtml } from '../../../http/request-context.js';
import { paramsOf, zId, ZIdParams } from '../../../http/route-input.js';
import { formatEuro } from '../../../italian/money.js';
import type { TGrantsDeps } from '../grants-deps.js';
import { showOfficeApplication } from '../review/office-application.js';
import { canPay, officeCall } from '../review/office-route-kit.js';
import { markRecovered } from './mark-recovered.js';
import { listRecoveries, revokedApplications } from './recovery-queries.js';
import { revokeGrant } from './revoke-grant.js';
import { RecoveriesPage } from './views/recoveries-page.js';

const ZRecoveryParams = z.object({ callId: zId, recoveryId: zId });

export async function recoveryRoutes(app: FastifyInstance, deps: TGrantsDeps) {
  const review = { preHandler: requirePermission('grants:review') };

  app.post('/ufficio/domande/:id/revoca', review, async (req, reply) => {
    const { id } = paramsOf(req, ZIdParams);
    return runForm(req, reply, {
      run: (values) => revokeGrant(deps, req.tenant, id, values.reason, actorOf(req)),
      done: (r) => {
        const money =
          r.recoveryCents > 0
            ? ` Il contributo era già pagato: ${formatEuro(r.recoveryCents)} da recuperare.`
            : ` Tornano disponibili ${formatEuro(r.releasedCents)}.`;
        return {
          redirect: `/ufficio/domande/${id}`,
          flash: `Contributo revocato: ${r.application.protocol}.${money}`,
        };
      },
      render: (form, problem, status) =>
        showOfficeApplication(deps, req, reply, id, { form, active: 'revocation', problem, status }),
    });
  });

  app.get('/ufficio/bandi/:callId/recuperi', review, async (req, reply) => {
    const call = await officeCall(deps, req);
    const [recoveries, revoked] = await Promise.all([
      listRecoveries(deps.db, req.tenant.id, call.id),
      revokedApplications(deps.db, req.tenant.id, call.id),
    ]);
    return sendHtml(
      reply,
      <RecoveriesPage
        ctx={pageContext(req, reply, deps.ui)}
        call={call}
        recoveries={recoveries}
        revoked={revoked}
        canPay={canPay(req)}
      />,
    );
  });

  app.post('/ufficio/bandi/:callId/recuperi/:recoveryId/recuperato', review, async (req, reply) => {
    const { callId, recoveryId } = paramsOf(req, ZRecoveryParams);
    const call = await officeCall(deps, req);
    const back = `/ufficio/bandi/${call.id}/recuperi`;
    return runForm(req, reply, {
      run: () => markRecovered(deps, req.tenant, recoveryId, actorOf(req)),
      done: () => ({ redirect: back, flash: 'Somma segnata come recuperata.' }),
      // Nothing to type: a refusal ("già recuperata") is a message on the list.
      conflictRedirect: back,
      render: () => reply.redirect(`/ufficio/bandi/${callId}/recuperi`, 303),
    });
  });
}
