// What the citizen's route plugins share: the viewer's own application named by the address (404 for
// anyone else's) with its call, and the way back to its page.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { TGrantCall } from '../calls/call.js';
import { getCall } from '../calls/queries.js';
import type { TGrantsDeps } from '../grants-deps.js';
import { getApplicationForUser, type TApplication } from './queries.js';

/** The viewer's own application (404 otherwise) and its call. */
export async function ownApplication(
  deps: TGrantsDeps,
  req: FastifyRequest,
  applicationId: string,
): Promise<{ application: TApplication; call: TGrantCall }> {
  const application = await getApplicationForUser(deps.db, req.tenant.id, req.user!.id, applicationId);
  const call = await getCall(deps.db, req.tenant.id, application.callId);
  return { application, call };
}

/** Sent ("Invia"): from then on the application is read-only. */
export const isSubmitted = (a: TApplication) => a.arrivalSeq !== null;

/** 303 to the application's page. */
export const toApplication = (reply: FastifyReply, a: Pick<TApplication, 'id'>) =>
  reply.redirect(`/domande/${a.id}`, 303);
