import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  checkOneTimeCode,
  expiryFor,
  generateLinkToken,
  generateSixDigitCode,
  hashCode,
  OTP_MESSAGES,
  OTP_RULES,
  type TOtpState,
} from '../../src/auth/one-time-code.js';

const SECRET = 's'.repeat(40);
const T0 = new Date('2026-03-02T09:00:00.000Z');
const minutes = (m: number) => new Date(T0.getTime() + m * 60_000);

function issued(
  code: string,
  purpose: 'email_verification' | 'password_reset' = 'email_verification',
): TOtpState {
  return { codeHash: hashCode(SECRET, code), expiresAt: expiryFor(purpose, T0), usedAt: null, attempts: 0 };
}

describe('one-time codes', () => {
  test('codes are 6 digits, link tokens long and random', () => {
    for (let i = 0; i < 200; i++) assert.match(generateSixDigitCode(), /^\d{6}$/);
    const a = generateLinkToken();
    assert.match(a, /^[A-Za-z0-9_-]{43}$/);
    assert.notEqual(a, generateLinkToken());
  });

  test('the hash depends on the secret and is not the code', () => {
    assert.notEqual(hashCode(SECRET, '123456'), hashCode('altro-segreto', '123456'));
    assert.ok(!hashCode(SECRET, '123456').includes('123456'));
  });

  test('e-mail verification and password reset expire after 15 minutes', () => {
    for (const purpose of ['email_verification', 'password_reset'] as const) {
      assert.equal(OTP_RULES[purpose].ttlMinutes, 15);
      assert.equal(expiryFor(purpose, T0).getTime(), minutes(15).getTime());
      const state = issued('123456', purpose);
      assert.equal(checkOneTimeCode(purpose, state, SECRET, '123456', minutes(0)), 'ok');
      assert.equal(checkOneTimeCode(purpose, state, SECRET, '123456', minutes(14.99)), 'ok');
      assert.equal(checkOneTimeCode(purpose, state, SECRET, '123456', minutes(15)), 'expired');
      assert.equal(checkOneTimeCode(purpose, state, SECRET, '123456', minutes(16)), 'expired');
    }
  });

  test('an e-mail change link lasts a day', () => {
    assert.equal(expiryFor('email_change', T0).getTime(), minutes(24 * 60).getTime());
  });

  test('the right code is accepted (spaces around it ignored), a wrong one is not', () => {
    const state = issued('012345');
    assert.equal(checkOneTimeCode('email_verification', state, SECRET, ' 012345 ', minutes(1)), 'ok');
    assert.equal(checkOneTimeCode('email_verification', state, SECRET, '12345', minutes(1)), 'wrong');
    assert.equal(checkOneTimeCode('email_verification', state, SECRET, '012346', minutes(1)), 'wrong');
    assert.equal(checkOneTimeCode('email_verification', state, SECRET, '', minutes(1)), 'wrong');
  });

  test('a used code is refused, even when right and in time', () => {
    const state = { ...issued('123456'), usedAt: minutes(1) };
    assert.equal(checkOneTimeCode('email_verification', state, SECRET, '123456', minutes(2)), 'used');
  });

  test('after 5 wrong attempts the code is locked, even for the right code', () => {
    assert.equal(OTP_RULES.email_verification.maxAttempts, 5);
    const state = issued('123456');
    // the caller counts each wrong attempt, as consumeCode does
    for (let i = 0; i < 5; i++) {
      assert.equal(checkOneTimeCode('email_verification', state, SECRET, '000000', minutes(1)), 'wrong');
      state.attempts++;
    }
    assert.equal(checkOneTimeCode('email_verification', state, SECRET, '123456', minutes(1)), 'locked');
    // with one attempt left, the right code still works
    assert.equal(
      checkOneTimeCode('email_verification', { ...state, attempts: 4 }, SECRET, '123456', minutes(1)),
      'ok',
    );
  });

  test('every refusal has an Italian message', () => {
    for (const v of ['wrong', 'expired', 'used', 'locked'] as const) assert.match(OTP_MESSAGES[v], /codice/i);
  });
});
