import type { TDb } from '../../db/database.js';

/** Stub: replaced by the integration-clock job. Returns how many requests expired. */
export async function expireIntegrationRequests(_db: TDb, _now: Date): Promise<number> {
  return 0;
}
