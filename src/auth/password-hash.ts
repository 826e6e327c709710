import { availableParallelism } from 'node:os';
import { hash, verify } from '@node-rs/argon2';
import { ServiceBusyError } from '../http/errors.js';

/** The argon2id cost parameters a hasher uses for new hashes (verify reads them from the hash itself). */
export type TArgon2Options = {
  readonly algorithm: 2;
  readonly memoryCost: number;
  readonly timeCost: number;
  readonly parallelism: number;
};

/** OWASP Password Storage Cheat Sheet: argon2id, m = 19 MiB, t = 2, p = 1. The production parameters. */
export const ARGON2_OPTIONS: TArgon2Options = {
  algorithm: 2, // Algorithm.Argon2id (an ambient const enum, not importable under isolatedModules)
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
};

/**
 * A bounded pool for the CPU-heavy hashing: at most `threads` hashes run at once (about the number of
 * cores), the rest wait in a queue of bounded length; beyond that the caller gets ServiceBusyError
 * (503 with Retry-After) instead of everyone slowing down. A login storm cannot take every libuv
 * thread away from the database driver and the file system.
 */
export class PasswordHasher {
  readonly threads: number;
  private running = 0;
  private readonly waiting: Array<() => void> = [];
  private readonly maxQueue: number;
  readonly options: TArgon2Options;

  /**
   * `options` are the cost parameters of new hashes: the production ones unless a test passes cheaper
   * ones (test/helpers/test-app.ts). Verification follows the parameters encoded in each hash, so a
   * hasher verifies hashes made with any parameters.
   */
  constructor(threads = 0, maxQueue = 2000, options: TArgon2Options = ARGON2_OPTIONS) {
    this.threads = threads > 0 ? threads : availableParallelism();
    this.maxQueue = maxQueue;
    this.options = options;
  }

  private async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.threads) {
      if (this.waiting.length >= this.maxQueue) throw new ServiceBusyError();
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }

  hash(password: string): Promise<string> {
    return this.run(() => hash(password, this.options));
  }

  verify(hashed: string, password: string): Promise<boolean> {
    return this.run(() => verify(hashed, password).catch(() => false));
  }

  private dummy: Promise<string> | undefined;
  /** Spend the same time as a real check when the account does not exist (no user enumeration by timing). */
  async verifyDummy(password: string): Promise<false> {
    this.dummy ??= this.hash('focolare-dummy-password');
    await this.verify(await this.dummy, password);
    return false;
  }
}
