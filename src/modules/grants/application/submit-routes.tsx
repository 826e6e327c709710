// POST "Invia": the one route that must hold on click day. It sheds load with 503 + Retry-After
// (IntakeGate, checked in app.ts before the session is read), acknowledges only what it committed, and
// answers a repeated submit with the same receipt.
import type { FastifyInstance } from 'fastify';
import { runForm } from '../../../http/form-runner.js';
import { requirePermission } from '../../../http/request-context.js';
import { paramsOf, ZIdParams } from '../../../http/route-input.js';
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
  app.post('/domande/:id/invia', { preHandler: requirePermission('grants:apply') }, async (req, reply) => {
    const { id } = paramsOf(req, ZIdParams);
    const summary = `/domande/${id}/riepilogo`;
    return runForm(req, reply, {
      // The intake gate (app.ts, onRequest) has already admitted or refused this request.
      run: async () => {
        try {
          const r = await submitApplication(deps.db, {
            tenantId: req.tenant.id,
            userId: req.user!.id,
            applicationId: id,
            now: deps.now(),
          });
          if (!r.alreadySubmitted) deps.allocator.kick(req.tenant.id, r.application.callId);
          return { sent: r.application, incomplete: undefined };
        } catch (err) {
          if (err instanceof ApplicationIncompleteError) return { sent: undefined, incomplete: err };
          throw err;
        }
      },
      done: (r) => {
        if (r.incomplete) {
          // What is missing goes to the summary page, which lists it with links to the steps.
          req.session.grantSubmitErrors = {
            applicationId: id,
            fieldErrors: r.incomplete.fieldErrors,
            stepOfError: r.incomplete.stepOfError,
          };
          return { redirect: summary };
        }
        // No flash in the session: one write less on the busiest request. The page says "inviata" itself.
        return { redirect: `/domande/${r.sent.id}?inviata=1` };
      },
      conflictRedirect: summary,
      render: () => reply.redirect(summary, 303),
    });
  });
}
