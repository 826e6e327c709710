import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  decideAllocations,
  type TAllocationCandidate,
} from '../../src/modules/grants/funding/allocation-rules.js';

const pending = (seq: number, need: number): TAllocationCandidate => ({
  id: `a${seq}`,
  seq,
  funding: 'pending',
  needCents: need,
});

describe('funds go in arrival order', () => {
  test('funded in full while the money lasts, then everyone after waits — a later cheaper one never overtakes', () => {
    const r = decideAllocations(
      500,
      [pending(1, 200), pending(2, 200), pending(3, 300), pending(4, 50)],
      false,
    );
    assert.deepEqual(
      r.decisions.map((d) => [d.id, d.funding, d.reserveCents]),
      [
        ['a1', 'reserved', 200],
        ['a2', 'reserved', 200],
        ['a3', 'waiting', 0],
        ['a4', 'waiting', 0],
      ],
    );
    assert.equal(r.availableAfterCents, 100);
  });

  test('an exact fit uses the last cent', () => {
    const r = decideAllocations(400, [pending(1, 200), pending(2, 200), pending(3, 1)], false);
    assert.deepEqual(
      r.decisions.map((d) => d.funding),
      ['reserved', 'reserved', 'waiting'],
    );
    assert.equal(r.availableAfterCents, 0);
  });

  test('when the call allows it, the first one that does not fit is partly funded and the rest wait', () => {
    const r = decideAllocations(500, [pending(1, 300), pending(2, 300), pending(3, 100)], true);
    assert.deepEqual(
      r.decisions.map((d) => [d.funding, d.reserveCents]),
      [
        ['reserved', 300],
        ['partial', 200],
        ['waiting', 0],
      ],
    );
    assert.equal(r.availableAfterCents, 0);
  });

  test('released money goes to the waiting list first; a partly funded one is topped up before the next', () => {
    const r = decideAllocations(
      250,
      [
        { id: 'p', seq: 1, funding: 'partial', needCents: 100 },
        { id: 'w', seq: 2, funding: 'waiting', needCents: 200 },
        { id: 'x', seq: 3, funding: 'waiting', needCents: 10 },
      ],
      true,
    );
    assert.deepEqual(
      r.decisions.map((d) => [d.id, d.funding, d.reserveCents]),
      [
        ['p', 'reserved', 100],
        ['w', 'partial', 150],
      ],
    );
  });

  test('already waiting applications that still do not fit are left unchanged', () => {
    const r = decideAllocations(
      50,
      [{ id: 'w', seq: 7, funding: 'waiting', needCents: 100 }, pending(8, 10)],
      false,
    );
    assert.deepEqual(
      r.decisions.map((d) => [d.id, d.funding]),
      [['a8', 'waiting']],
    );
    assert.equal(r.availableAfterCents, 50);
  });

  test('candidates out of arrival order are a programming error', () => {
    assert.throws(() => decideAllocations(100, [pending(2, 1), pending(1, 1)], false), RangeError);
  });
});
