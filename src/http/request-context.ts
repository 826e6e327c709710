import type { FastifyReply, FastifyRequest } from 'fastify';
import type { TActor } from '../audit/audit-log.js';
import { can, isRole, ROLES, type TPermission } from '../auth/permissions.js';
import type { TUserRow } from '../db/schema.js';
import type { TPageContext } from '../layout/layout.js';
import type { TenantId, TTenant } from '../tenancy/tenant.js';
import { ForbiddenError } from './errors.js';

export type TFlash = { kind: 'success' | 'info' | 'danger'; text: string };

declare module 'fastify' {
  interface FastifyRequest {
    tenant: TTenant;
    user: TUserRow | null;
  }
  interface Session {
    tenantId?: TenantId;
    userId?: string;
    /** Epoch ms of login, for the absolute timeout. */
    loginAt?: number;
    /** Account waiting for its e-mail code after registration. */
    pendingUserId?: string;
    /** Login (username or e-mail) waiting for its recovery code. */
    recoveryLogin?: string;
    flash?: TFlash;
  }
}

export type TSessionUi = { idleMinutes: number; warningMinutes: number; devMailbox: boolean };

export function permissionsOf(user: TUserRow | null): ReadonlySet<TPermission> {
  if (!user || !isRole(user.role)) return new Set();
  return new Set(ROLES[user.role].permissions);
}

/** Everything the layout needs for one request. Reading the flash message consumes it. */
export function pageContext(request: FastifyRequest, reply: FastifyReply, ui: TSessionUi): TPageContext {
  const flash = request.session.flash;
  if (flash) request.session.flash = undefined;
  const user = request.user;
  return {
    tenant: request.tenant,
    viewer: user ? { fullName: user.full_name, role: user.role, permissions: permissionsOf(user) } : null,
    csrfToken: reply.generateCsrf(),
    flash,
    session: { idleMinutes: ui.idleMinutes, warningMinutes: ui.warningMinutes },
    devMailbox: ui.devMailbox,
  };
}

export function actorOf(request: FastifyRequest): TActor {
  return {
    id: request.user?.id ?? null,
    label: request.user ? request.user.username : 'anonimo',
    ip: request.ip,
  };
}

export function setFlash(request: FastifyRequest, flash: TFlash): void {
  request.session.flash = flash;
}

export function sendHtml(reply: FastifyReply, html: string | Promise<string>, status = 200) {
  return reply.code(status).type('text/html; charset=utf-8').send(html);
}

/** preHandler: the signed-in user must hold the permission (denied unless granted). */
export function requirePermission(permission: TPermission) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (!request.user) {
      return reply.redirect(`/accesso?next=${encodeURIComponent(request.url)}`);
    }
    if (!can(request.user.role, permission)) throw new ForbiddenError();
  };
}

/** preHandler: any signed-in user. */
export async function requireUser(request: FastifyRequest, reply: FastifyReply) {
  if (!request.user) return reply.redirect(`/accesso?next=${encodeURIComponent(request.url)}`);
}
