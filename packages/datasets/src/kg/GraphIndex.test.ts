import { describe, expect, it } from 'vitest';
import { GraphIndex } from './GraphIndex.js';

// a=0 b=1 c=2 d=3; r0 = likes, r1 = knows; a duplicate edge on purpose.
const T = Int32Array.from([0, 0, 1, 1, 0, 2, 2, 1, 0, 0, 1, 3, 0, 0, 1, 0, 0, 2]);

describe('GraphIndex', () => {
  const index = GraphIndex.fromTriples(T, { numEntities: 4, numRelations: 2 });

  it('answers tails, reciprocals included, without duplicates', () => {
    expect(Array.from(index.tails(0, 0))).toEqual([1, 2]);
    expect(Array.from(index.tails(0, 1))).toEqual([3]);
    expect(Array.from(index.tails(0, 3))).toEqual([2]); // **knows: c knows a
    expect(Array.from(index.tails(1, 2))).toEqual([0]); // **likes: a likes b
    expect(Array.from(index.tails(3, 0))).toEqual([]);
    expect(index.has(1, 0, 2)).toBe(true);
    expect(index.has(2, 0, 1)).toBe(false);
    expect(index.numEdges).toBe(10);
    expect(index.degree(0)).toBe(4);
  });

  it('knows the range of every relation', () => {
    expect(Array.from(index.range(0))).toEqual([1, 2]);
    expect(Array.from(index.range(1))).toEqual([0, 3]);
    expect(Array.from(index.range(2))).toEqual([0, 1]);
    expect(Array.from(index.range(3))).toEqual([0, 2]);
  });

  it('can be built without reciprocals, and validates', () => {
    const plain = GraphIndex.fromTriples(T, { numEntities: 4, numRelations: 2, reciprocals: false });
    expect(plain.numRelationIds).toBe(2);
    expect(() => plain.tails(0, 2)).toThrow('GraphIndex.tails: r must be a relation id in [0, 2), got 2');
    expect(() => GraphIndex.fromTriples(Int32Array.from([0, 5, 1]), { numEntities: 4, numRelations: 2 })).toThrow(/triple 0 \(0, 5, 1\) is out of range/);
    expect(() => GraphIndex.fromTriples(Int32Array.from([0, 1]), { numEntities: 4, numRelations: 2 })).toThrow(/n × 3/);
  });
});

describe('GraphIndex against brute force', () => {
  it('agrees on tails and ranges of a random graph', async () => {
    const { createRandom } = await import('../random.js');
    const { pathAnswers } = await import('./pathQueryEvaluation.js');
    const rng = createRandom(12);
    const E = 30;
    const R = 4;
    const n = 200;
    const triples = new Int32Array(3 * n);
    for (let i = 0; i < n; i++) {
      triples[3 * i] = rng.nextInt(E);
      triples[3 * i + 1] = rng.nextInt(R);
      triples[3 * i + 2] = rng.nextInt(E);
    }
    const index = GraphIndex.fromTriples(triples, { numEntities: E, numRelations: R });
    const edges: [number, number, number][] = [];
    for (let i = 0; i < n; i++) {
      const [h, r, t] = [triples[3 * i]!, triples[3 * i + 1]!, triples[3 * i + 2]!];
      edges.push([h, r, t], [t, r + R, h]);
    }
    const brute = (h: number, r: number) => [...new Set(edges.filter((e) => e[0] === h && e[1] === r).map((e) => e[2]))].sort((a, b) => a - b);
    for (let h = 0; h < E; h++) for (let r = 0; r < 2 * R; r++) expect(Array.from(index.tails(h, r))).toEqual(brute(h, r));
    for (let r = 0; r < 2 * R; r++) {
      expect(Array.from(index.range(r))).toEqual([...new Set(edges.filter((e) => e[1] === r).map((e) => e[2]))].sort((a, b) => a - b));
    }
    // Two-hop answers against composing the brute-force relation.
    for (let s = 0; s < E; s++) {
      const want = [...new Set(brute(s, 1).flatMap((m) => brute(m, 6)))].sort((a, b) => a - b);
      expect(Array.from(pathAnswers(index, s, [1, 6]))).toEqual(want);
    }
  });
});
