import assert from 'node:assert/strict';
import { decode } from './html.js';
import type { TestClient } from './http-client.js';

const NUMBER_WORDS = ['zero', 'uno', 'due', 'tre', 'quattro', 'cinque', 'sei', 'sette', 'otto', 'nove'];

/** Answers the check-code question "Quanto fa X più Y? …" (X and Y written in Italian words). */
export function answerCheckQuestion(question: string): string {
  const m = /Quanto fa (\p{L}+) più (\p{L}+)\?/u.exec(question);
  assert.ok(m, `domanda di controllo non riconosciuta: ${question}`);
  const a = NUMBER_WORDS.indexOf(m[1]!.toLowerCase());
  const b = NUMBER_WORDS.indexOf(m[2]!.toLowerCase());
  assert.ok(a >= 0 && b >= 0, `numeri non riconosciuti nella domanda: ${question}`);
  return String(a + b);
}

/**
 * Answers the arithmetic check-code question of the last page, as a user without JavaScript does
 * (instant, unlike the proof of work). `wrong` gives a wrong answer.
 */
export function answerCheck(c: TestClient, wrong = false): Record<string, string> {
  const html = decode(c.lastHtml);
  const token = /name="check_token" value="([^"]+)"/.exec(html)?.[1];
  assert.ok(token && html.includes('Quanto fa '), 'the page asks the check-code question');
  const sum = Number(answerCheckQuestion(html));
  return { check_token: token, check_answer: String(sum + (wrong ? 1 : 0)) };
}
