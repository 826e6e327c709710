import { randomInt } from 'node:crypto';
import { checkPassword, type TPasswordPolicyId } from '../auth/password-policy.js';

// Letters and digits that cannot be mistaken for one another when read aloud or copied by hand, and
// `_`: a symbol of every policy that keeps the password one word for a double click in the terminal.
const LOWER = 'abcdefghijkmnpqrstuvwxyz';
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '23456789';
const SYMBOLS = '_';

/** A random initial password of 20 characters (over 110 bits) that satisfies the tenant's policy. */
export function generateInitialPassword(policy: TPasswordPolicyId, length = 20): string {
  const pick = (set: string) => set[randomInt(set.length)]!;
  for (;;) {
    const all = LOWER + UPPER + DIGITS;
    const chars = [pick(LOWER), pick(UPPER), pick(DIGITS), pick(SYMBOLS)];
    while (chars.length < length) chars.push(pick(all));
    for (let i = chars.length - 1; i > 0; i--) {
      const j = randomInt(i + 1);
      [chars[i], chars[j]] = [chars[j]!, chars[i]!];
    }
    const password = chars.join('');
    if (checkPassword(policy, password).length === 0) return password;
  }
}
