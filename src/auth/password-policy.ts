/**
 * Password policies a tenant can choose (brief, "Accounts and access"):
 * - `min6`: at least 6 characters (ThermoNET);
 * - `upper_digit_special8`: at least 8 with a digit, an upper-case letter and one of @ - _ ! % $ (Hera);
 * - `classes3of4`: at least 8 with 3 of the 4 classes lower, upper, digit, symbol (GSE).
 */
export const PASSWORD_POLICIES = {
  min6: 'Almeno 6 caratteri',
  upper_digit_special8:
    'Almeno 8 caratteri, con almeno una cifra, una lettera maiuscola e uno dei simboli @ - _ ! % $',
  classes3of4:
    'Almeno 8 caratteri, con caratteri di almeno 3 di questi 4 tipi: minuscole, maiuscole, cifre, simboli',
} as const;

export type TPasswordPolicyId = keyof typeof PASSWORD_POLICIES;

export const PASSWORD_POLICY_IDS = Object.keys(PASSWORD_POLICIES) as TPasswordPolicyId[];

export function isPasswordPolicyId(v: string): v is TPasswordPolicyId {
  return Object.hasOwn(PASSWORD_POLICIES, v);
}

const MAX_LENGTH = 128;
const HERA_SYMBOLS = /[@\-_!%$]/;

/** Returns the Italian messages of every rule the password breaks (empty when it is acceptable). */
export function checkPassword(policy: TPasswordPolicyId, password: string): string[] {
  const errors: string[] = [];
  if (password.length > MAX_LENGTH) errors.push(`La password non può superare ${MAX_LENGTH} caratteri.`);
  const min = policy === 'min6' ? 6 : 8;
  if ([...password].length < min) errors.push(`La password deve contenere almeno ${min} caratteri.`);
  if (policy === 'upper_digit_special8') {
    if (!/\d/.test(password)) errors.push('La password deve contenere almeno una cifra.');
    if (!/\p{Lu}/u.test(password)) errors.push('La password deve contenere almeno una lettera maiuscola.');
    if (!HERA_SYMBOLS.test(password))
      errors.push('La password deve contenere almeno uno dei simboli @ - _ ! % $.');
  }
  if (policy === 'classes3of4') {
    const classes = [/\p{Ll}/u, /\p{Lu}/u, /\d/, /[^\p{L}\d]/u].filter((re) => re.test(password)).length;
    if (classes < 3)
      errors.push(
        'La password deve contenere caratteri di almeno 3 tipi tra minuscole, maiuscole, cifre e simboli.',
      );
  }
  return errors;
}
