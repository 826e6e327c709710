import { createHash, randomBytes } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { appendAudit, type TActor } from '../../../audit/audit-log.js';
import type { TDb } from '../../../db/database.js';
import { ForbiddenError, UnauthenticatedError } from '../../../http/errors.js';
import type { TenantId, TTenant } from '../../../tenancy/tenant.js';

/**
 * Bearer tokens for the JSON API of bulk loads (customer master data, documents). A token belongs to
 * one tenant; only its SHA-256 is stored (tokens are 256-bit random, so no slow hash is needed), and
 * the token itself is shown once, by `api-token:create`.
 */
const PREFIX = 'fcl_';

export function hashApiToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function createApiToken(
  db: TDb,
  tenant: TTenant,
  name: string,
  actor: TActor,
): Promise<{ id: string; token: string }> {
  const token = `${PREFIX}${randomBytes(32).toString('base64url')}`;
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('api_tokens')
      .values({ tenant_id: tenant.id, name: name.trim(), token_hash: hashApiToken(token) })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(trx, tenant.id, actor, {
      action: 'api_token.created',
      entityType: 'api_token',
      entityId: row.id,
      summary: { name: name.trim() },
    });
    return { id: row.id, token };
  });
}

export type TApiClient = { tokenId: string; name: string; tenantId: TenantId };

const clients = new WeakMap<FastifyRequest, TApiClient>();

/** The API client a request was authenticated as by requireApiToken. */
export function apiClientOf(request: FastifyRequest): TApiClient {
  const c = clients.get(request);
  if (!c) throw new UnauthenticatedError();
  return c;
}

/** The actor of the audit rows written for an API client. */
export function apiActorOf(request: FastifyRequest): TActor {
  const c = apiClientOf(request);
  return { id: null, label: `API: ${c.name}`, ip: request.ip };
}

/** A token by its hash, whatever its tenant: the caller compares the tenant, to answer 403 rather than 401. */
function unsafeFindApiToken(db: TDb, tokenHash: string) {
  return db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'tenant_id', 'revoked_at'])
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/**
 * preHandler for the JSON API: `Authorization: Bearer <token>`. The tenant is the token's, and it must
 * be the tenant of the host the request came to. 401 without a valid token, 403 for another tenant's.
 */
export function requireApiToken(db: TDb) {
  return async (request: FastifyRequest) => {
    const header = request.headers.authorization ?? '';
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    if (!m)
      throw new UnauthenticatedError('Manca il token: usa l’intestazione Authorization: Bearer <token>.');
    const row = await unsafeFindApiToken(db, hashApiToken(m[1]!));
    if (!row || row.revoked_at) throw new UnauthenticatedError('Il token non è valido o è stato revocato.');
    if (!request.tenant || row.tenant_id !== request.tenant.id)
      throw new ForbiddenError('Il token non vale per questo ente.');
    clients.set(request, { tokenId: row.id, name: row.name, tenantId: request.tenant.id });
  };
}
