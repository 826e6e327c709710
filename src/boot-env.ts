import { availableParallelism } from 'node:os';

// Imported first by server.ts, before anything can start libuv's thread pool: argon2id hashing runs
// there on one thread per core (auth/password-hash.ts), so the pool gets extra threads for file and
// DNS work and a login storm cannot starve them. An explicit UV_THREADPOOL_SIZE wins.
process.env.UV_THREADPOOL_SIZE ??= String(availableParallelism() + 4);
