import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MAX_ATTEMPTS, retryDelayMs } from '../../src/mail/mail-worker.js';

describe('mail retry backoff', () => {
  test('30 s after the first failure, doubling each time', () => {
    assert.equal(retryDelayMs(1), 30_000);
    assert.equal(retryDelayMs(2), 60_000);
    assert.equal(retryDelayMs(3), 120_000);
    assert.equal(retryDelayMs(4), 240_000);
    assert.equal(retryDelayMs(7), 30_000 * 64);
  });

  test('capped at one hour', () => {
    assert.equal(retryDelayMs(8), 60 * 60_000);
    assert.equal(retryDelayMs(20), 60 * 60_000);
    assert.equal(retryDelayMs(1000), 60 * 60_000);
  });

  test('never shorter than 30 s, never decreasing', () => {
    assert.equal(retryDelayMs(0), 30_000);
    assert.equal(retryDelayMs(-3), 30_000);
    for (let n = 1; n < 30; n++) assert.ok(retryDelayMs(n + 1) >= retryDelayMs(n), String(n));
  });

  test('a message is given up after a bounded number of attempts', () => {
    assert.equal(MAX_ATTEMPTS, 8);
    let total = 0;
    for (let n = 1; n < MAX_ATTEMPTS; n++) total += retryDelayMs(n);
    // the last attempt happens a bit more than two hours after the first
    assert.ok(total > 60 * 60_000 && total < 3 * 60 * 60_000, String(total));
  });
});
