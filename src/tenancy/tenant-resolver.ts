import type { TDb } from '../db/database.js';
import type { TTenant } from './tenant.js';
import { findTenantBySlug } from './tenants.js';

/**
 * Tenant lookup by slug for every request, cached for a few seconds per instance. A change of the
 * ente's settings is visible on this instance at once (`forget`) and on the others within `ttlMs`.
 */
export class TenantResolver {
  private readonly cache = new Map<string, { tenant: TTenant | undefined; until: number }>();

  constructor(
    private readonly db: TDb,
    private readonly ttlMs = 10_000,
  ) {}

  async bySlug(slug: string): Promise<TTenant | undefined> {
    const hit = this.cache.get(slug);
    if (hit && hit.until > Date.now()) return hit.tenant;
    const tenant = await findTenantBySlug(this.db, slug);
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(slug, { tenant, until: Date.now() + (tenant ? this.ttlMs : 1_000) });
    return tenant;
  }

  forget(slug: string): void {
    this.cache.delete(slug);
  }
}
