import type { TConfig } from '../../config.js';
import type { TDb } from '../../db/database.js';

/** Stub: replaced by the receipts job (PDF + e-mail). Returns how many receipts were sent. */
export async function sendApplicationReceipts(_db: TDb, _config: TConfig, _now: Date): Promise<number> {
  return 0;
}
