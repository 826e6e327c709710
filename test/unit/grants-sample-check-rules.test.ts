import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  drawSampleFrom,
  sampleSize,
  SeededRandom,
  seedError,
} from '../../src/modules/grants/checks/sample-check-rules.js';

const population = (n: number) =>
  Array.from({ length: n }, (_, i) => `BIO24-${String(i + 1).padStart(7, '0')}`);

describe('sample checks: 3 % rounded up, drawn reproducibly from a seed', () => {
  test('sample sizes: ceil(3 %)', () => {
    assert.equal(sampleSize(0), 0);
    assert.equal(sampleSize(1), 1);
    assert.equal(sampleSize(33), 1);
    assert.equal(sampleSize(34), 2);
    assert.equal(sampleSize(66), 2);
    assert.equal(sampleSize(67), 3);
    assert.equal(sampleSize(100), 3);
    assert.equal(sampleSize(101), 4);
    assert.equal(sampleSize(1000), 30);
    assert.equal(sampleSize(10, 100), 10);
    assert.throws(() => sampleSize(-1));
  });

  test('the same seed and population give the same list; the draw has the right size and distinct members', () => {
    const pop = population(100);
    const a = drawSampleFrom('DD 95/2024 – 10 gennaio 2025', pop);
    const b = drawSampleFrom('DD 95/2024 – 10 gennaio 2025', [...pop]);
    assert.equal(a.size, 3);
    assert.deepEqual(a.selected, b.selected);
    assert.equal(new Set(a.selected).size, 3);
    for (const p of a.selected) assert.ok(pop.includes(p));
    // Known answer: pins the algorithm (SHA-256 counter mode + Fisher–Yates), so a change is noticed.
    assert.deepEqual(drawSampleFrom('seme-di-prova', population(10), 30).selected, KNOWN);
  });

  test('a different seed gives (almost surely) a different list', () => {
    const pop = population(1000);
    const lists = new Set(['a', 'b', 'c', 'd', 'e'].map((s) => drawSampleFrom(s, pop).selected.join(',')));
    assert.equal(lists.size, 5);
  });

  test('the population order is part of the draw', () => {
    const pop = population(200);
    const a = drawSampleFrom('x', pop).selected;
    const b = drawSampleFrom('x', [...pop].reverse()).selected;
    assert.notDeepEqual(a, b);
  });

  test('every member can be drawn, roughly uniformly', () => {
    const pop = population(5);
    const counts = new Map(pop.map((p) => [p, 0]));
    for (let i = 0; i < 2000; i++) {
      const [first] = drawSampleFrom(`seed-${i}`, pop, 1).selected;
      counts.set(first!, counts.get(first!)! + 1);
    }
    for (const [, n] of counts) assert.ok(n > 300 && n < 500, `count ${n}`);
  });

  test('the random stream stays below n and is deterministic', () => {
    const r1 = new SeededRandom('s');
    const r2 = new SeededRandom('s');
    for (let i = 0; i < 100; i++) {
      const v = r1.below(7);
      assert.ok(v >= 0 && v < 7);
      assert.equal(v, r2.below(7));
    }
  });

  test('seeds: required, at most 100 characters, no control characters', () => {
    assert.equal(seedError('abc'), null);
    assert.match(seedError('')!, /seme/);
    assert.match(seedError('x'.repeat(101))!, /100/);
    assert.match(seedError('a\nb')!, /controllo/);
    assert.throws(() => drawSampleFrom('', population(3)));
    assert.throws(() => drawSampleFrom('s', ['a', 'a']));
  });
});

// Computed independently (Python, hashlib) from the algorithm described in sample-draw.ts.
const KNOWN = ['BIO24-0000004', 'BIO24-0000006', 'BIO24-0000003'];
