import { describe, expect, it } from 'vitest';
import { GraphIndex } from './GraphIndex.js';
import { buildKnowledgeGraph, concatTriples, withReciprocals } from './knowledgeGraph.js';
import { generatePathQueries } from './generatePathQueries.js';
import { readPathQueries, writePathQueries } from './pathQueries.js';
import { filteredAnswers, pathAnswers, pathQueryEvaluation } from './pathQueryEvaluation.js';

const kg = buildKnowledgeGraph({
  train: 'a\tlikes\tb\nb\tlikes\tc\nc\tknows\ta\na\tknows\td\nd\tlikes\tc\n',
  valid: 'b\tknows\td\n',
  test: 'e\tknows\tb\n',
});
const E = kg.entities.length;
const R = kg.relations.length;
const trainIndex = GraphIndex.fromTriples(kg.train, { numEntities: E, numRelations: R });
const fullIndex = GraphIndex.fromTriples(concatTriples(kg.train, kg.valid, kg.test), { numEntities: E, numRelations: R });

describe('path query files', () => {
  it('reads and writes Guu’s format with ** inverses', () => {
    const qs = readPathQueries('a\tlikes,likes\tc\r\nc\t**likes,knows\td\n', kg, { source: 'dev.txt' });
    expect(qs).toHaveLength(2);
    expect(Array.from(qs[1]!.relations)).toEqual([0 + R, 1]);
    expect(qs[1]!.source).toBe(2);
    expect(writePathQueries(qs, kg)).toBe('a\tlikes,likes\tc\nc\t**likes,knows\td\n');
  });

  it('rejects unknown entities and relations, wrong field counts and empty paths with file and line', () => {
    expect(() => readPathQueries('a\tlikes\tb\na\tlikes\tzed\n', kg, { source: 'dev.txt' })).toThrow(
      'readPathQueries: dev.txt line 2: unknown entity "zed" (target)',
    );
    expect(() => readPathQueries('q\tlikes\tb\n', kg, { source: 'dev.txt' })).toThrow(/line 1: unknown entity "q" \(source\)/);
    expect(() => readPathQueries('a\tlikes,**hates\tb\n', kg)).toThrow(/line 1: unknown relation "\*\*hates" \(hop 2\)/);
    expect(() => readPathQueries('a\tlikes\n', kg)).toThrow(/expected 3 tab-separated fields .* got 2/);
    expect(() => readPathQueries('a\t\tb\n', kg)).toThrow(/empty relation path/);
  });
});

describe('generatePathQueries', () => {
  it('walks real edges, per length, deterministically', () => {
    const qs = generatePathQueries(trainIndex, { perLength: 30, seed: 4 });
    expect(qs).toHaveLength(150);
    for (let k = 1; k <= 5; k++) expect(qs.filter((q) => q.relations.length === k)).toHaveLength(30);
    for (const q of qs) expect(Array.from(pathAnswers(trainIndex, q.source, q.relations))).toContain(q.target);
    const again = generatePathQueries(trainIndex, { perLength: 30, seed: 4 });
    expect(writePathQueries(again, kg)).toBe(writePathQueries(qs, kg));
    expect(writePathQueries(generatePathQueries(trainIndex, { perLength: 30, seed: 5 }), kg)).not.toBe(writePathQueries(qs, kg));
  });

  it('length-1 training queries are training triples or their reciprocals', () => {
    const all = withReciprocals(kg.train, R);
    const keys = new Set<string>();
    for (let i = 0; i < all.length; i += 3) keys.add(`${all[i]},${all[i + 1]},${all[i + 2]}`);
    for (const q of generatePathQueries(trainIndex, { perLength: { 1: 50 }, seed: 1 })) {
      expect(keys.has(`${q.source},${q.relations[0]},${q.target}`)).toBe(true);
    }
  });

  it('uses a required edge in every dev query', () => {
    const qs = generatePathQueries(fullIndex, { perLength: { 1: 20, 3: 20 }, seed: 2, requireEdges: kg.valid });
    const b = kg.entityIds.get('b')!;
    const d = kg.entityIds.get('d')!;
    const knows = kg.relationIds.get('knows')!;
    for (const q of qs) {
      expect(Array.from(pathAnswers(fullIndex, q.source, q.relations))).toContain(q.target);
      const hop = Array.from(q.relations).some((r) => r === knows || r === knows + R);
      expect(hop).toBe(true);
      if (q.relations.length === 1) {
        const pair = [q.source, q.target].sort().join();
        expect(pair).toBe([b, d].sort().join());
      }
    }
  });

  it('avoids stepping straight back, and validates', () => {
    for (const q of generatePathQueries(fullIndex, { perLength: { 2: 200 }, seed: 3 })) {
      const [r1, r2] = [q.relations[0]!, q.relations[1]!];
      // Stepping back means r2 is r1's inverse and the walk returns to the source; that may only
      // happen when the middle entity had no other edge.
      if (r2 === (r1 < R ? r1 + R : r1 - R) && q.target === q.source) {
        const mid = Array.from(fullIndex.tails(q.source, r1));
        expect(mid.some((m) => fullIndex.degree(m) === 1)).toBe(true);
      }
    }
    expect(() => generatePathQueries(fullIndex, { perLength: -1, seed: 1 })).toThrow(/count for length 1 must be an integer >= 0, got -1/);
    expect(() => generatePathQueries(fullIndex, { perLength: { 0: 3 }, seed: 1 })).toThrow(/path lengths must be integers >= 1, got 0/);
    const plain = GraphIndex.fromTriples(kg.train, { numEntities: E, numRelations: R, reciprocals: false });
    expect(() => generatePathQueries(plain, { perLength: 1, seed: 1 })).toThrow(/reciprocals/);
  });
});

describe('evaluation sets', () => {
  it('gives Guu’s true answers and candidate negatives', () => {
    const a = kg.entityIds.get('a')!;
    const likes = kg.relationIds.get('likes')!;
    // a likes b, b likes c: answers of (a, likes·likes) = {c}; likes reaches {b, c}; candidates = {b}.
    const ev = pathQueryEvaluation(fullIndex, { source: a, relations: Int32Array.of(likes, likes), target: kg.entityIds.get('c')! });
    expect(Array.from(ev.answers)).toEqual([kg.entityIds.get('c')]);
    expect(Array.from(ev.candidates)).toEqual([kg.entityIds.get('b')]);
    expect(Array.from(filteredAnswers(fullIndex, a, likes))).toEqual([kg.entityIds.get('b')]);
    expect(() => pathAnswers(fullIndex, 99, [0])).toThrow(/source must be an entity id in \[0, 5\), got 99/);
  });
});
