import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ARGON2_OPTIONS, PasswordHasher } from '../../src/auth/password-hash.js';
import { TEST_ARGON2_OPTIONS, testHasher } from '../helpers/hasher-setup.js';

test('by default a password is hashed with the production parameters: argon2id, m = 19 MiB, t = 2, p = 1', async () => {
  assert.deepEqual(ARGON2_OPTIONS, { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 });
  const hashed = await new PasswordHasher(1).hash('una password lunga');
  assert.match(hashed, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
});

test('the tests hash with cheap parameters, and either hasher verifies the hashes of the other', async () => {
  const production = new PasswordHasher(1);
  const cheap = testHasher(1);
  const m = TEST_ARGON2_OPTIONS.memoryCost;
  const t = TEST_ARGON2_OPTIONS.timeCost;
  const strong = await production.hash('segreta-1');
  const weak = await cheap.hash('segreta-2');
  assert.match(weak, new RegExp(`^\\$argon2id\\$v=19\\$m=${m},t=${t},p=1\\$`));
  assert.equal(await cheap.verify(strong, 'segreta-1'), true);
  assert.equal(await production.verify(weak, 'segreta-2'), true);
  assert.equal(await cheap.verify(strong, 'segreta-2'), false);
  assert.equal(await production.verify(weak, 'segreta-1'), false);
});
