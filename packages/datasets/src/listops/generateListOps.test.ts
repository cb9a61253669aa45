import { describe, expect, it } from 'vitest';
import { createRandom } from '../random.js';
import { generateListOps } from './generateListOps.js';
import { evaluateListOps, listOpsExample } from './listOpsExample.js';
import { listOpsSplits } from './listOpsSplits.js';

describe('generateListOps', () => {
  it('is deterministic in its seed', () => {
    const a = generateListOps({ count: 50, seed: 11 }).map((e) => e.tokens.join(' '));
    const b = generateListOps({ count: 50, seed: 11 }).map((e) => e.tokens.join(' '));
    const c = generateListOps({ count: 50, seed: 12 }).map((e) => e.tokens.join(' '));
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('hits an exact depth, keeps argument counts, and passes the evaluator', () => {
    for (const depth of [1, 3, 8]) {
      const exs = generateListOps({ count: 40, depth, seed: depth, minArgs: 2, maxArgs: 3 });
      for (const ex of exs) {
        expect(ex.depth).toBe(depth);
        expect(evaluateListOps(ex.tokens)).toBe(ex.value);
        const reparsed = listOpsExample(ex.tokens.join(' '));
        expect(Array.from(reparsed.parents)).toEqual(Array.from(ex.parents));
        // Each operator has 2..3 arguments (its children other than the closing bracket).
        const children = new Map<number, number>();
        ex.parents.forEach((p, i) => {
          if (p >= 0 && ex.tokens[i] !== ']') children.set(p, (children.get(p) ?? 0) + 1);
        });
        ex.isOperator.forEach((o, i) => {
          if (o) expect(children.get(i)).toBeGreaterThanOrEqual(2);
          if (o) expect(children.get(i)).toBeLessThanOrEqual(3);
        });
      }
    }
  });

  it('draws depths across a range and uses only the variant’s operators', () => {
    const paper = generateListOps({ count: 300, depth: [1, 5], seed: 2 });
    const depths = new Set(paper.map((e) => e.depth));
    expect([...depths].sort()).toEqual([1, 2, 3, 4, 5]);
    expect(paper.some((e) => e.tokens.includes('[SM'))).toBe(false);
    const nangia = generateListOps({ count: 300, depth: [1, 3], seed: 2, variant: 'nangia' });
    expect(nangia.some((e) => e.tokens.includes('[SM'))).toBe(true);
    // Every operator drawn roughly equally often: 4 ops, each well above 15 % of the operators.
    const ops = nangia.flatMap((e) => e.tokens.filter((t) => t.startsWith('[')));
    for (const op of ['[MIN', '[MAX', '[MED', '[SM']) expect(ops.filter((t) => t === op).length / ops.length).toBeGreaterThan(0.15);
  });

  it('respects maxLength and uniqueness, and accepts a RandomSource', () => {
    const exs = generateListOps({ count: 200, depth: [2, 4], maxLength: 20, unique: true, seed: createRandom(5) });
    expect(exs.every((e) => e.tokens.length <= 20)).toBe(true);
    expect(new Set(exs.map((e) => e.tokens.join(' '))).size).toBe(200);
  });

  it('validates its options', () => {
    expect(() => generateListOps({ count: -1, seed: 1 })).toThrow('generateListOps: count must be an integer >= 0, got -1');
    expect(() => generateListOps({ count: 1, seed: 1, depth: 0 })).toThrow(/depth must be an integer >= 1, got 0/);
    expect(() => generateListOps({ count: 1, seed: 1, depth: [4, 2] })).toThrow(/min <= max/);
    expect(() => generateListOps({ count: 1, seed: 1, minArgs: 4, maxArgs: 3 })).toThrow(/maxArgs must be >= minArgs/);
    expect(() => generateListOps({ count: 1, seed: 1.5 })).toThrow(/seed must be an integer, got 1.5/);
    expect(() => generateListOps({ count: 1, seed: 1, variant: 'x' as 'paper' })).toThrow(/variant must be/);
    expect(() => generateListOps({ count: 1, seed: 1, depth: 5, maxLength: 10 })).toThrow(/below the shortest/);
    expect(() => generateListOps({ count: 1, seed: 1, branchProbability: 1 })).toThrow(/branchProbability/);
    // Depth 1 with two arguments has only 3·10² distinct expressions.
    expect(() => generateListOps({ count: 400, seed: 1, depth: 1, maxArgs: 2, unique: true, maxAttempts: 50 })).toThrow(/no acceptable expression/);
  });
});

describe('listOpsSplits', () => {
  it('makes the paper’s splits with no expression shared between them', () => {
    const s = listOpsSplits({ seed: 3, trainSize: 2000, evalPerDepth: 50, extrapolationSize: 20 });
    expect(s.train).toHaveLength(2000);
    expect(s.train.every((e) => e.depth >= 1 && e.depth <= 5)).toBe(true);
    for (const split of [s.dev, s.test]) {
      expect(split).toHaveLength(250);
      for (let d = 1; d <= 5; d++) expect(split.filter((e) => e.depth === d)).toHaveLength(50);
    }
    expect(s.extrapolation[8]!.every((e) => e.depth === 8)).toBe(true);
    expect(s.extrapolation[10]!.every((e) => e.depth === 10)).toBe(true);
    const all = [s.train, s.dev, s.test, s.extrapolation[8]!, s.extrapolation[10]!].flat().map((e) => e.tokens.join(' '));
    expect(new Set(all).size).toBe(all.length);
    const again = listOpsSplits({ seed: 3, trainSize: 2000, evalPerDepth: 50, extrapolationSize: 20 });
    expect(again.dev.map((e) => e.tokens.join(' '))).toEqual(s.dev.map((e) => e.tokens.join(' ')));
  });
});
