import { PasswordHasher, type TArgon2Options } from '../../src/auth/password-hash.js';

/**
 * Cheap argon2id parameters, for tests only (1 MiB, one pass: about 38 times less work than production's
 * 19 MiB, t = 2). Production keeps ARGON2_OPTIONS; test/unit/password-hash.test.ts asserts them.
 * A module of its own, so that a unit test can use it without loading the application.
 */
export const TEST_ARGON2_OPTIONS: TArgon2Options = {
  algorithm: 2,
  memoryCost: 1024,
  timeCost: 1,
  parallelism: 1,
};

/** A password hasher with the tests' cheap parameters; `threads` and `maxQueue` as PasswordHasher's. */
export function testHasher(threads = 2, maxQueue = 2000): PasswordHasher {
  return new PasswordHasher(threads, maxQueue, TEST_ARGON2_OPTIONS);
}
