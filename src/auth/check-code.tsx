import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { createChallenge, verifySolution } from 'altcha-lib/v1';
import type { TDb } from '../db/database.js';

/**
 * The check code ("codice di controllo") against bots, self-hosted, no third-party service.
 * With JavaScript the browser solves an ALTCHA proof-of-work challenge by itself (public/js/focolare.js);
 * without JavaScript, or for anyone who prefers it, the user answers a short arithmetic question.
 * Either answer is accepted once: spent challenges are recorded in the database, so a solution cannot be
 * replayed on this or any other instance.
 */

const TTL_MS = 20 * 60_000;
const MAX_NUMBER = 60_000;
const NUMBER_WORDS = ['zero', 'uno', 'due', 'tre', 'quattro', 'cinque', 'sei', 'sette', 'otto', 'nove'];

export type TCheckChallenge = {
  altcha: string;
  question: string;
  questionToken: string;
};

export const CHECK_CODE_FIELDS = { altcha: 'altcha', answer: 'check_answer', token: 'check_token' } as const;

export const CHECK_CODE_MESSAGE =
  'Il codice di controllo non è valido o è scaduto: rispondi di nuovo alla domanda di controllo.';

function sign(secret: string, text: string): string {
  return createHmac('sha256', secret).update(text).digest('base64url');
}

export async function createCheckChallenge(secret: string, now = new Date()): Promise<TCheckChallenge> {
  const expires = new Date(now.getTime() + TTL_MS);
  const challenge = await createChallenge({ hmacKey: secret, maxnumber: MAX_NUMBER, expires });
  const a = randomInt(1, 10);
  const b = randomInt(1, 10);
  const nonce = randomBytes(12).toString('base64url');
  const body = `${expires.getTime()}.${nonce}`;
  return {
    altcha: JSON.stringify(challenge),
    question: `Quanto fa ${NUMBER_WORDS[a]} più ${NUMBER_WORDS[b]}? Scrivi il risultato in cifre.`,
    questionToken: `${body}.${sign(secret, `${body}.${a + b}`)}`,
  };
}

async function spend(db: TDb, key: string, expiresAt: Date): Promise<boolean> {
  const res = await db
    .insertInto('spent_challenges')
    .values({ signature: key, expires_at: expiresAt })
    .onConflict((oc) => oc.column('signature').doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
}

function questionIsAnswered(secret: string, token: string, answer: string, now: Date): Date | null {
  const [exp, nonce, mac] = token.split('.');
  if (!exp || !nonce || !mac || !/^\d{1,3}$/.test(answer.trim())) return null;
  const expiresAt = new Date(Number(exp));
  if (!(expiresAt.getTime() > now.getTime())) return null;
  const expected = Buffer.from(sign(secret, `${exp}.${nonce}.${Number(answer.trim())}`));
  const given = Buffer.from(mac);
  return expected.length === given.length && timingSafeEqual(expected, given) ? expiresAt : null;
}

/** True when the form carries a valid, not yet used, check code. */
export async function verifyCheckCode(
  db: TDb,
  secret: string,
  body: Record<string, unknown>,
  now = new Date(),
): Promise<boolean> {
  const payload =
    typeof body[CHECK_CODE_FIELDS.altcha] === 'string' ? String(body[CHECK_CODE_FIELDS.altcha]) : '';
  if (payload) {
    try {
      if (await verifySolution(payload, secret, true)) {
        const decoded = JSON.parse(Buffer.from(payload, 'base64').toString('utf8')) as { signature: string };
        return spend(db, `altcha:${decoded.signature}`, new Date(now.getTime() + TTL_MS));
      }
    } catch {
      // malformed payload: fall through to the question
    }
  }
  const token =
    typeof body[CHECK_CODE_FIELDS.token] === 'string' ? String(body[CHECK_CODE_FIELDS.token]) : '';
  const answer =
    typeof body[CHECK_CODE_FIELDS.answer] === 'string' ? String(body[CHECK_CODE_FIELDS.answer]) : '';
  const expiresAt = questionIsAnswered(secret, token, answer, now);
  if (!expiresAt) return false;
  return spend(db, `question:${token}`, expiresAt);
}

export async function purgeSpentChallenges(db: TDb, now = new Date()): Promise<void> {
  await db.deleteFrom('spent_challenges').where('expires_at', '<', now).execute();
}

/** The check-code block of a form. */
export function CheckCodeField({
  challenge,
  error,
}: {
  challenge: TCheckChallenge;
  error?: string | undefined;
}) {
  const id = `f-${CHECK_CODE_FIELDS.answer}`;
  return (
    <fieldset class="check-code mb-4" data-altcha-challenge={challenge.altcha}>
      <legend class="h6">Codice di controllo</legend>
      <input type="hidden" name={CHECK_CODE_FIELDS.altcha} value="" />
      <input type="hidden" name={CHECK_CODE_FIELDS.token} value={challenge.questionToken} />
      <p class="small check-code-status mb-2" aria-live="polite"></p>
      <div class="form-group mb-0 check-code-question">
        <label for={id} class="active">
          <span safe>{challenge.question}</span>
        </label>
        <input
          type="text"
          inputmode="numeric"
          class={error ? 'form-control is-invalid' : 'form-control'}
          id={id}
          name={CHECK_CODE_FIELDS.answer}
          autocomplete="off"
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? `${id}-error` : `${id}-hint`}
        />
        <small id={`${id}-hint`} class="form-text">
          Con JavaScript attivo la verifica avviene da sola; altrimenti rispondi alla domanda.
        </small>
        {error ? (
          <div id={`${id}-error`} class="invalid-feedback" safe>
            {error}
          </div>
        ) : (
          ''
        )}
      </div>
    </fieldset>
  );
}
