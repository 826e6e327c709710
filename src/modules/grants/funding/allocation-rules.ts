// Funds go strictly in order of arrival: a plain function over plain data, tested without a database.

export type TFundingState = 'none' | 'pending' | 'reserved' | 'partial' | 'waiting' | 'released';

export interface TAllocationCandidate {
  id: string;
  seq: number;
  funding: 'pending' | 'waiting' | 'partial';
  /** Cents still missing for this application: requested − already reserved. */
  needCents: number;
}

export interface TAllocationDecision {
  id: string;
  seq: number;
  funding: 'reserved' | 'partial' | 'waiting';
  /** Cents reserved now by this decision (0 when it waits). */
  reserveCents: number;
}

/**
 * Candidates in arrival order (lowest sequence first). Each is funded in full while the available money
 * covers it; the first one that does not fit is partly funded if the call allows it, otherwise it waits,
 * and every later one waits too (a later, cheaper application never overtakes an earlier one).
 * `blockedBefore` is true when an earlier application is already waiting.
 */
export function decideAllocations(
  availableCents: number,
  candidates: readonly TAllocationCandidate[],
  partialAllowed: boolean,
  blockedBefore = false,
): { decisions: TAllocationDecision[]; availableAfterCents: number } {
  let available = availableCents;
  let blocked = blockedBefore;
  const decisions: TAllocationDecision[] = [];
  for (let i = 1; i < candidates.length; i++) {
    if (candidates[i - 1]!.seq >= candidates[i]!.seq)
      throw new RangeError('candidates must be in arrival order');
  }
  for (const c of candidates) {
    if (!blocked && c.needCents <= available) {
      decisions.push({ id: c.id, seq: c.seq, funding: 'reserved', reserveCents: c.needCents });
      available -= c.needCents;
    } else if (!blocked && partialAllowed && available > 0) {
      decisions.push({ id: c.id, seq: c.seq, funding: 'partial', reserveCents: available });
      available = 0;
      blocked = true;
    } else {
      blocked = true;
      // Already waiting (or partly funded with nothing more to give): nothing changes.
      if (c.funding === 'pending')
        decisions.push({ id: c.id, seq: c.seq, funding: 'waiting', reserveCents: 0 });
    }
  }
  return { decisions, availableAfterCents: available };
}
