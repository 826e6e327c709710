import type { TPasswordPolicyId } from '../auth/password-policy.js';
import type { TConfig } from '../config.js';
import type { TTenantRow } from '../db/schema.js';

/**
 * A tenant id that has been resolved from the request host (or the command line).
 * Every query on tenant data takes one: a plain string does not type-check, so forgetting the tenant
 * does not compile. Code that reads across tenants says `unsafe` in its name.
 */
export type TenantId = string & { readonly __brand: 'TenantId' };

export type TTenant = {
  id: TenantId;
  slug: string;
  name: string;
  logoUrl: string | null;
  activationEmail: string;
  supportPhone: string | null;
  supportHours: string | null;
  privacyUrl: string | null;
  passwordPolicy: TPasswordPolicyId;
  loginByEmail: boolean;
};

export function toTenant(row: TTenantRow): TTenant {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    logoUrl: row.logo_url,
    activationEmail: row.activation_email,
    supportPhone: row.support_phone,
    supportHours: row.support_hours,
    privacyUrl: row.privacy_url,
    passwordPolicy: row.password_policy as TPasswordPolicyId,
    loginByEmail: row.login_by_email,
  };
}

/**
 * The tenant slug named by a Host header: its first label (`demo.localhost:3000` → `demo`,
 * `ente.example.org` → `ente`); a host with a single label or an IP address gets the default.
 */
export function slugFromHost(host: string | undefined, defaultSlug: string): string {
  if (!host) return defaultSlug;
  const name = host
    .replace(/:\d+$/, '')
    .replace(/^\[.*\]$/, '')
    .toLowerCase();
  if (name === '' || /^[\d.]+$/.test(name)) return defaultSlug;
  const labels = name.split('.');
  if (labels.length < 2) return defaultSlug;
  const slug = labels[0]!;
  // A tenant slug is letters, digits and hyphens; anything else names no tenant.
  return /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(slug) ? slug : '-';
}

/**
 * The tenant's public address from the configuration (https://{slug}.{BASE_DOMAIN}), for links in e-mails.
 * Never from the request's Host header: a forged Host must not put someone else's domain in a reset link.
 */
export function tenantBaseUrl(
  config: Pick<TConfig, 'publicProtocol' | 'baseDomain'>,
  tenant: Pick<TTenant, 'slug'>,
): string {
  return `${config.publicProtocol}://${tenant.slug}.${config.baseDomain}`;
}
