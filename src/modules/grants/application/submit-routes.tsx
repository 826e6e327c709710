// POST "Invia": the one route that must hold on click day. It sheds load with 503 + Retry-After
// (IntakeGate, checked in app.ts before the session is read), acknowledges only what it committed, and answers a repeated submit with the same receipt.
import type { FastifyInstance } from 'fastify';
import { ConflictError } from '../../../http/errors.js';
import { requirePermission, setFlash } from '../../../http/request-context.js';
import type { TGrantsDeps } from '../grants-deps.js';
import { ApplicationIncompleteError, submitApplication } from './submit-application.js';

declare module 'fastify' {
  interface Session {
    /** Why the last "Invia" was refused, for the summary page after the redirect (PRG). */
    grantSubmitErrors?: {
      applicationId: string;
      fieldErrors: Record<string, string>;
      stepOfError: Record<string, number>;
    };
  }
}

export async function submitGrantRoutes(app: FastifyInstance, deps: TGrantsDeps) {
  app.post<{ Params: { id: string } }>(
    '/domande/:id/invia',
    { preHandler: requirePermission('grants:apply') },
    async (req, reply) => {
      const user = req.user!;
      try {
        // The intake gate (app.ts, onRequest) has already admitted or refused this request.
        const r = await submitApplication(deps.db, {
          tenantId: req.tenant.id,
          userId: user.id,
          applicationId: req.params.id,
          now: deps.now(),
        });
        if (!r.alreadySubmitted) deps.allocator.kick(req.tenant.id, r.application.callId);
        // No flash in the session: one write less on the busiest request. The page says "inviata" itself.
        return reply.redirect(`/domande/${r.application.id}?inviata=1`, 303);
      } catch (err) {
        if (err instanceof ApplicationIncompleteError) {
          req.session.grantSubmitErrors = {
            applicationId: req.params.id,
            fieldErrors: err.fieldErrors,
            stepOfError: err.stepOfError,
          };
          return reply.redirect(`/domande/${req.params.id}/riepilogo`, 303);
        }
        if (err instanceof ConflictError) {
          setFlash(req, { kind: 'danger', text: err.message });
          return reply.redirect(`/domande/${req.params.id}/riepilogo`, 303);
        }
        throw err;
      }
    },
  );
}
