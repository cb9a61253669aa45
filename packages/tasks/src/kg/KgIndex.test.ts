import { describe, expect, it } from 'vitest';
import { KgIndex } from './KgIndex.js';

describe('KgIndex', () => {
  // 0 -a-> 1 -a-> 2, 0 -a-> 3, 3 -b-> 2
  const g = new KgIndex({
    entities: 5,
    relations: 2,
    triples: Int32Array.from([0, 0, 1, 1, 0, 2, 0, 0, 3, 3, 1, 2]),
  });

  it('walks relations forwards and reciprocals backwards', () => {
    expect(Array.from(g.tails(0, 0))).toEqual([1, 3]);
    expect(Array.from(g.tails(2, 2))).toEqual([1]); // **a from 2
    expect(Array.from(g.tails(4, 0))).toEqual([]);
  });

  it('finds every answer of a path', () => {
    expect([...g.answers(0, [0, 0])]).toEqual([2]);
    expect([...g.answers(0, [0, 1])].sort()).toEqual([2]);
    expect([...g.answers(2, [2, 2])].sort()).toEqual([0]);
    expect([...g.answers(2, [3, 2])].sort()).toEqual([0]); // **b then **a
    expect(g.answers(4, [0, 0]).size).toBe(0);
  });

  it("lists what a relation can reach (Guu's candidates)", () => {
    expect(Array.from(g.reach(0))).toEqual([1, 2, 3]);
    expect(Array.from(g.reach(2))).toEqual([0, 1]);
    expect(Array.from(g.reach(1))).toEqual([2]);
  });

  it('accepts rows and rejects ids out of range', () => {
    const h = new KgIndex({ entities: 2, relations: 1, triples: [[0, 0, 1]] });
    expect(Array.from(h.tails(1, 1))).toEqual([0]);
    expect(() => new KgIndex({ entities: 2, relations: 1, triples: [[0, 1, 1]] })).toThrow(
      /KgIndex: triple 0 has a relation outside \[0, 1\)/,
    );
    expect(() => h.tails(0, 2)).toThrow(/KgIndex.tails: relation must be an integer in \[0, 2\), got 2/);
  });
});
