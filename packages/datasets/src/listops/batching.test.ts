import { describe, expect, it } from 'vitest';
import { groupByLength, lengthBatches, stackListOps } from './batching.js';
import { generateListOps } from './generateListOps.js';
import { listOpsExample } from './listOpsExample.js';

describe('length batching', () => {
  const exs = generateListOps({ count: 300, depth: [1, 3], seed: 9 });

  it('groups by length in ascending order, keeping every example', () => {
    const g = groupByLength(exs);
    const keys = [...g.keys()];
    expect(keys).toEqual([...keys].sort((a, b) => a - b));
    expect([...g.values()].flat()).toHaveLength(300);
    for (const [n, group] of g) expect(group.every((e) => e.tokens.length === n)).toBe(true);
  });

  it('makes padding-free batches, shuffled deterministically', () => {
    const a = lengthBatches(exs, { batchSize: 16, shuffle: true, seed: 1 });
    const b = lengthBatches(exs, { batchSize: 16, shuffle: true, seed: 1 });
    const plain = lengthBatches(exs, { batchSize: 16 });
    expect(a.flat()).toHaveLength(300);
    expect(new Set(a.flat()).size).toBe(300);
    expect(a.every((batch) => batch.length <= 16 && batch.every((e) => e.tokens.length === batch[0]!.tokens.length))).toBe(true);
    expect(a.map((x) => x.map((e) => e.tokens.join(' ')))).toEqual(b.map((x) => x.map((e) => e.tokens.join(' '))));
    expect(a.map((x) => x[0]!.tokens.length)).not.toEqual(plain.map((x) => x[0]!.tokens.length));
    expect(() => lengthBatches(exs, { batchSize: 0 })).toThrow('lengthBatches: batchSize must be an integer >= 1, got 0');
    expect(() => lengthBatches(exs, { batchSize: 4, shuffle: true })).toThrow(/seed is required/);
  });

  it('stacks a batch into row-major typed arrays', () => {
    const batch = [listOpsExample('[MAX 1 2 ]'), listOpsExample('[MIN 3 4 ]')];
    const s = stackListOps(batch);
    expect(s.batchSize).toBe(2);
    expect(s.length).toBe(4);
    expect(Array.from(s.ids)).toEqual([2, 5, 6, 0, 1, 7, 8, 0]);
    expect(Array.from(s.targets)).toEqual([2, 3]);
    expect(Array.from(s.parents)).toEqual([-1, 0, 0, 0, -1, 0, 0, 0]);
    expect(() => stackListOps([listOpsExample('[MAX 1 2 ]'), listOpsExample('[MAX 1 2 3 ]')])).toThrow(/length 5, expected 4/);
  });
});
