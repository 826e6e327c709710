import type { PasswordHasher } from '../../auth/password-hash.js';
import type { TConfig } from '../../config.js';
import type { TDb } from '../../db/database.js';

/** What the accounts use cases need; tests pass their own clock. */
export type TAccountsDeps = {
  db: TDb;
  hasher: PasswordHasher;
  config: TConfig;
  now: () => Date;
};
