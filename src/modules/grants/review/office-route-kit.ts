// What the officers' route plugins of every sub-domain share: the call named by the address, the submitted
// application named by the address, and whether the viewer may also see payments.
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { can } from '../../../auth/permissions.js';
import { NotFoundError } from '../../../http/errors.js';
import { paramsOf, zId } from '../../../http/route-input.js';
import { getApplication, type TApplication } from '../application/queries.js';
import type { TGrantCall } from '../calls/call.js';
import { getCall } from '../calls/queries.js';
import type { TGrantsDeps } from '../grants-deps.js';

/** /ufficio/bandi/:callId/… */
export const ZCallParams = z.object({ callId: zId });

/** The call of the address (404 for another tenant's or a malformed id). */
export function officeCall(deps: TGrantsDeps, req: FastifyRequest): Promise<TGrantCall> {
  return getCall(deps.db, req.tenant.id, paramsOf(req, ZCallParams).callId);
}

/** A submitted application of the tenant (drafts are the citizen's own business: 404). */
export async function submittedApplication(
  deps: TGrantsDeps,
  req: FastifyRequest,
  applicationId: string,
): Promise<TApplication> {
  const a = await getApplication(deps.db, req.tenant.id, applicationId);
  if (a.arrivalSeq === null) throw new NotFoundError('La domanda richiesta non esiste.');
  return a;
}

export const canPay = (req: FastifyRequest) => can(req.user?.role, 'grants:pay');
