import { describe, expect, it } from 'vitest';
import { createRng } from '@dccg/gumbel';
import { bestAssignment } from './bestAssignment.js';

function bruteForce(m: number[][]): number {
  const n = m.length;
  const cols = m[0]!.length;
  let best = -Infinity;
  const used = new Array<boolean>(cols).fill(false);
  const go = (row: number, acc: number) => {
    if (row === n) {
      best = Math.max(best, acc);
      return;
    }
    for (let j = 0; j < cols; j++) {
      if (used[j]) continue;
      used[j] = true;
      go(row + 1, acc + m[row]![j]!);
      used[j] = false;
    }
  };
  go(0, 0);
  return best;
}

describe('bestAssignment', () => {
  it('finds the permutation on a hand-made confusion', () => {
    expect(bestAssignment([[0, 5], [4, 1]])).toEqual({ assignment: [1, 0], total: 9 });
    // A permuted diagonal: digit d is state (d + 3) mod 4.
    const m = [0, 1, 2, 3].map((d) => [0, 1, 2, 3].map((s) => (s === (d + 3) % 4 ? 10 : 1)));
    expect(bestAssignment(m).assignment).toEqual([3, 0, 1, 2]);
  });

  it('handles more columns than rows (19 states, 10 digits) and picks distinct columns', () => {
    const m = Array.from({ length: 3 }, (_, d) => Array.from({ length: 5 }, (_, s) => (s === 4 ? 7 : s === d ? 3 : 0)));
    const { assignment, total } = bestAssignment(m);
    expect(new Set(assignment).size).toBe(3);
    expect(total).toBe(7 + 3 + 3);
  });

  it('agrees with brute force on random matrices', () => {
    const rng = createRng(7);
    for (let trial = 0; trial < 30; trial++) {
      const n = 1 + rng.nextInt(5);
      const cols = n + rng.nextInt(3);
      const m = Array.from({ length: n }, () => Array.from({ length: cols }, () => rng.nextInt(20)));
      const { assignment, total } = bestAssignment(m);
      expect(total).toBe(bruteForce(m));
      expect(new Set(assignment).size).toBe(n);
      expect(assignment.reduce((acc, j, i) => acc + m[i]![j]!, 0)).toBe(total);
    }
  });

  it('rejects bad matrices', () => {
    expect(() => bestAssignment([])).toThrow(/at least one row, got 0/);
    expect(() => bestAssignment([[1], [2]])).toThrow(/rows <= cols, got 2 x 1/);
    expect(() => bestAssignment([[1, 2], [3]])).toThrow(/row 1 has 1 cells, expected 2/);
    expect(() => bestAssignment([[NaN]])).toThrow(/cell \[0\]\[0\] must be finite, got NaN/);
  });
});
