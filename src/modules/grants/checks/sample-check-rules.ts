// The sample checks of section 8 ("controlli a campione ... nell'ordine del 3%"), drawn reproducibly:
// anyone holding the recorded seed and the population (the protocols of the admitted applications in
// arrival order) gets the same list by re-running this function. Pure: no clock, no database, no
// Math.random. The random numbers come from SHA-256 in counter mode over the seed:
//   block(i) = SHA-256(UTF-8("focolare-sample-v1\n" + seed + "\n" + i)), i = 0, 1, 2, ...
// each block read as five big-endian 48-bit integers (bytes 0–29); a number below n is v mod n, after
// rejecting v ≥ 2^48 − (2^48 mod n)
// (no modulo bias). The sample is a partial Fisher–Yates shuffle of the population: for i = 0..k−1,
// swap item i with item i + below(n − i); the first k items, in that order, are the sample.
import { createHash } from 'node:crypto';

export const SAMPLE_PERCENT = 3;
export const SEED_MAX_LENGTH = 100;
const DOMAIN = 'focolare-sample-v1';

/** How many to check: `percent` % of the population, rounded up (1 of 1, 1 of 33, 2 of 34, 3 of 100). */
export function sampleSize(population: number, percent = SAMPLE_PERCENT): number {
  if (!Number.isInteger(population) || population < 0) throw new RangeError('population must be a count');
  if (!Number.isInteger(percent) || percent < 0 || percent > 100) throw new RangeError('percent in 0..100');
  return Math.min(population, Math.floor((population * percent + 99) / 100));
}

/** A deterministic stream of uniform integers from a seed. */
export class SeededRandom {
  private block = Buffer.alloc(0);
  private offset = 0;
  private counter = 0;
  constructor(private readonly seed: string) {}

  private next48(): number {
    if (this.offset + 6 > this.block.length) {
      this.block = createHash('sha256').update(`${DOMAIN}\n${this.seed}\n${this.counter}`, 'utf8').digest();
      this.counter++;
      this.offset = 0;
    }
    const v = this.block.readUIntBE(this.offset, 6);
    this.offset += 6;
    return v;
  }

  /** Uniform integer in [0, n). */
  below(n: number): number {
    if (!Number.isInteger(n) || n <= 0 || n > 2 ** 48) throw new RangeError('n out of range');
    const range = 2 ** 48;
    const limit = range - (range % n);
    for (;;) {
      const v = this.next48();
      if (v < limit) return v % n;
    }
  }
}

export interface TSampleResult {
  size: number;
  /** The drawn items, in the order they were drawn. */
  selected: string[];
}

/**
 * Draws `sampleSize(population.length, percent)` distinct items. `population` must be in arrival order
 * (the order is part of what makes the draw reproducible); items must be distinct.
 */
export function drawSampleFrom(
  seed: string,
  population: readonly string[],
  percent = SAMPLE_PERCENT,
): TSampleResult {
  if (seed.length === 0) throw new RangeError('seed required');
  if (new Set(population).size !== population.length)
    throw new RangeError('population items must be distinct');
  const size = sampleSize(population.length, percent);
  const items = [...population];
  const rng = new SeededRandom(seed);
  for (let i = 0; i < size; i++) {
    const j = i + rng.below(items.length - i);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return { size, selected: items.slice(0, size) };
}

/** A seed is 1–100 printable characters (what the officer may type, or a random one). */
export function seedError(seed: string): string | null {
  if (seed.length === 0) return 'Indica il seme o lascia il campo vuoto per generarne uno casuale.';
  if (seed.length > SEED_MAX_LENGTH) return `Il seme può avere al massimo ${SEED_MAX_LENGTH} caratteri.`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(seed)) return 'Il seme non può contenere caratteri di controllo.';
  return null;
}

/** A recorded draw, as far as reproducing it goes. */
export type TSampleDraw = { seed: string; population: string[]; percent: number; selected: string[] };

/** "Ripeti l'estrazione con lo stesso seme": the draw recomputed from its seed and stored population. */
export function verifyDraw(draw: Pick<TSampleDraw, 'seed' | 'population' | 'percent' | 'selected'>): {
  selected: string[];
  matches: boolean;
} {
  const { selected } = drawSampleFrom(draw.seed, draw.population, draw.percent);
  return {
    selected,
    matches: selected.length === draw.selected.length && selected.every((p, i) => p === draw.selected[i]),
  };
}
