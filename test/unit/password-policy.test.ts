import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  checkPassword,
  isPasswordPolicyId,
  PASSWORD_POLICIES,
  PASSWORD_POLICY_IDS,
} from '../../src/auth/password-policy.js';

describe('password policies', () => {
  test('there are exactly the three presets, each with an Italian description', () => {
    assert.deepEqual([...PASSWORD_POLICY_IDS].sort(), ['classes3of4', 'min6', 'upper_digit_special8']);
    for (const id of PASSWORD_POLICY_IDS) assert.match(PASSWORD_POLICIES[id], /^Almeno \d caratteri/);
    assert.equal(isPasswordPolicyId('min6'), true);
    assert.equal(isPasswordPolicyId('min8'), false);
  });

  test('inherited object keys are not policies', () => {
    for (const name of ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf']) {
      assert.equal(isPasswordPolicyId(name), false, name);
    }
  });

  describe('min6', () => {
    test('accepts 6 characters of any kind', () => {
      assert.deepEqual(checkPassword('min6', 'abcdef'), []);
      assert.deepEqual(checkPassword('min6', 'segreto1'), []);
    });
    test('counts characters, not UTF-16 units', () => {
      assert.deepEqual(checkPassword('min6', 'àèìòùé'), []);
      // five emoji are ten UTF-16 units but five characters
      assert.deepEqual(checkPassword('min6', '🔥🔥🔥🔥🔥'), [
        'La password deve contenere almeno 6 caratteri.',
      ]);
    });
    test('refuses 5 characters, naming the length rule only', () => {
      assert.deepEqual(checkPassword('min6', 'abcde'), ['La password deve contenere almeno 6 caratteri.']);
      assert.deepEqual(checkPassword('min6', ''), ['La password deve contenere almeno 6 caratteri.']);
    });
  });

  describe('upper_digit_special8', () => {
    test('accepts 8 characters with a digit, an upper-case letter and a listed symbol', () => {
      for (const pw of ['Segreto1!', 'Abcdef1@', 'Abcdef1-', 'Abcdef1_', 'Abcdef1%', 'Abcdef1$']) {
        assert.deepEqual(checkPassword('upper_digit_special8', pw), [], pw);
      }
    });
    test('each missing rule is named', () => {
      assert.deepEqual(checkPassword('upper_digit_special8', 'Segreto!x'), [
        'La password deve contenere almeno una cifra.',
      ]);
      assert.deepEqual(checkPassword('upper_digit_special8', 'segreto1!'), [
        'La password deve contenere almeno una lettera maiuscola.',
      ]);
      assert.deepEqual(checkPassword('upper_digit_special8', 'Segreto12'), [
        'La password deve contenere almeno uno dei simboli @ - _ ! % $.',
      ]);
      assert.deepEqual(checkPassword('upper_digit_special8', 'Se1!abc'), [
        'La password deve contenere almeno 8 caratteri.',
      ]);
    });
    test('a symbol outside the list does not count', () => {
      assert.deepEqual(checkPassword('upper_digit_special8', 'Segreto1#'), [
        'La password deve contenere almeno uno dei simboli @ - _ ! % $.',
      ]);
    });
    test('all broken rules are reported together', () => {
      assert.equal(checkPassword('upper_digit_special8', 'abc').length, 4);
    });
  });

  describe('classes3of4', () => {
    test('accepts 8 characters from any 3 of the 4 classes', () => {
      for (const pw of ['Segreto12', 'segreto1!', 'SEGRETO1!', 'Segreto!!', 'Segreto 12']) {
        assert.deepEqual(checkPassword('classes3of4', pw), [], pw);
      }
    });
    test('two classes are not enough, and the message says so', () => {
      const msg =
        'La password deve contenere caratteri di almeno 3 tipi tra minuscole, maiuscole, cifre e simboli.';
      assert.deepEqual(checkPassword('classes3of4', 'segreto12'), [msg]);
      assert.deepEqual(checkPassword('classes3of4', 'SEGRETOXY'), [msg]);
      assert.deepEqual(checkPassword('classes3of4', '12345678!'), [msg]);
    });
    test('too short is named even when the classes are fine', () => {
      assert.deepEqual(checkPassword('classes3of4', 'Ab1!'), [
        'La password deve contenere almeno 8 caratteri.',
      ]);
    });
  });

  test('every policy refuses more than 128 characters', () => {
    const long = `Aa1!${'x'.repeat(125)}`;
    for (const id of PASSWORD_POLICY_IDS) {
      assert.ok(checkPassword(id, long).includes('La password non può superare 128 caratteri.'), id);
    }
  });
});
