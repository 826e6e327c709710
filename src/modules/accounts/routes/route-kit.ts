import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { TAppDeps } from '../../../app-deps.js';
import {
  CHECK_CODE_FIELDS,
  CHECK_CODE_MESSAGE,
  createCheckChallenge,
  verifyCheckCode,
} from '../../../auth/check-code.js';
import { formValues, parseFormOrThrow, type TConfirmation } from '../../../http/forms.js';
import { pageContext, type TSessionUi } from '../../../http/request-context.js';
import { tenantBaseUrl } from '../../../tenancy/tenant.js';

export type TRouteDeps = TAppDeps & { ui: TSessionUi };

/**
 * What the account pages (portal and document area) share: the page context, the check code, the strict
 * per-IP limit of the forms that send e-mails, the tenant's own address for e-mailed links.
 */
export function accountRouteKit(deps: TRouteDeps) {
  const secret = deps.config.appSecret;
  return {
    ctx: (req: FastifyRequest, reply: FastifyReply) => pageContext(req, reply, deps.ui),
    check: () => createCheckChallenge(secret, deps.now()),
    strict: { config: { rateLimit: { max: deps.config.rateLimitPerMinute, timeWindow: 60_000 } } },
    linkBase: (req: FastifyRequest) => tenantBaseUrl(deps.config, req.tenant),
    /**
     * The form's data by its schema; with `checkCode` the check code is verified too (always, so an answer
     * is spent even when a field is wrong). Every problem at once as a ValidationError.
     */
    async parse<S extends z.ZodType>(
      schema: S,
      body: unknown,
      opts: { confirmations?: readonly TConfirmation[]; checkCode?: boolean } = {},
    ): Promise<z.infer<S>> {
      const moreErrors: Record<string, string> = {};
      if (opts.checkCode && !(await verifyCheckCode(deps.db, secret, formValues(body), deps.now())))
        moreErrors[CHECK_CODE_FIELDS.answer] = CHECK_CODE_MESSAGE;
      return parseFormOrThrow(schema, body, { confirmations: opts.confirmations, moreErrors });
    },
  };
}
