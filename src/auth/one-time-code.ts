import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/** Rules for one-time codes and links: plain data in, a verdict out (no I/O). */
export const OTP_RULES = {
  email_verification: { ttlMinutes: 15, maxAttempts: 5 },
  password_reset: { ttlMinutes: 15, maxAttempts: 5 },
  email_change: { ttlMinutes: 24 * 60, maxAttempts: 5 },
  // Document area (seed 004): links e-mailed to set the password.
  account_activation: { ttlMinutes: 24 * 60, maxAttempts: 5 },
  password_reset_link: { ttlMinutes: 60, maxAttempts: 5 },
} as const;

export type TOtpPurpose = keyof typeof OTP_RULES;

export type TOtpState = { expiresAt: Date; usedAt: Date | null; attempts: number; codeHash: string };

export type TOtpVerdict = 'ok' | 'wrong' | 'expired' | 'used' | 'locked';

export function generateSixDigitCode(): string {
  return randomInt(0, 1_000_000).toString().padStart(6, '0');
}

/** A long random token for links sent by e-mail. */
export function generateLinkToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashCode(secret: string, code: string): string {
  return createHmac('sha256', secret).update(code).digest('hex');
}

export function expiryFor(purpose: TOtpPurpose, now: Date): Date {
  return new Date(now.getTime() + OTP_RULES[purpose].ttlMinutes * 60_000);
}

export function checkOneTimeCode(
  purpose: TOtpPurpose,
  state: TOtpState,
  secret: string,
  submitted: string,
  now: Date,
): TOtpVerdict {
  if (state.usedAt) return 'used';
  if (state.attempts >= OTP_RULES[purpose].maxAttempts) return 'locked';
  // A code is valid strictly before its expiry instant (as sessions and check codes are).
  if (now.getTime() >= state.expiresAt.getTime()) return 'expired';
  const a = Buffer.from(hashCode(secret, submitted.trim()), 'hex');
  const b = Buffer.from(state.codeHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b) ? 'ok' : 'wrong';
}

export const OTP_MESSAGES: Record<Exclude<TOtpVerdict, 'ok'>, string> = {
  wrong: 'Il codice inserito non è corretto.',
  expired: 'Il codice è scaduto: richiedine uno nuovo.',
  used: 'Il codice è già stato usato: richiedine uno nuovo.',
  locked: 'Troppi tentativi errati: richiedi un nuovo codice.',
};
