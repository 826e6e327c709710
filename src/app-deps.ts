import type { PasswordHasher } from './auth/password-hash.js';
import type { TConfig } from './config.js';
import type { TDb } from './db/database.js';

/** Built once at start (server.ts, or a test) and handed to every module. */
export type TAppDeps = {
  config: TConfig;
  db: TDb;
  hasher: PasswordHasher;
  now: () => Date;
};
