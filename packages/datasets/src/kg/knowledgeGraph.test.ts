import { describe, expect, it } from 'vitest';
import { DatasetError } from '../DatasetError.js';
import { buildKnowledgeGraph, concatTriples, parseTriples, relationId, relationName, withReciprocals, writeTriples } from './knowledgeGraph.js';

const TRAIN = 'a\tlikes\tb\r\nb\tlikes\tc\r\nc\tknows\ta\r\n';

describe('parseTriples', () => {
  it('numbers entities and relations in order of appearance, with CRLF or LF', () => {
    const entityIds = new Map<string, number>();
    const relationIds = new Map<string, number>();
    expect(Array.from(parseTriples(TRAIN, { entityIds, relationIds }))).toEqual([0, 0, 1, 1, 0, 2, 2, 1, 0]);
    expect(Array.from(parseTriples('c\tlikes\td\n\n', { entityIds, relationIds }))).toEqual([2, 0, 3]);
    expect([...entityIds.keys()]).toEqual(['a', 'b', 'c', 'd']);
  });

  it('rejects a line with two fields, an empty field, a blank line inside, and unknown names when asked', () => {
    expect(() => parseTriples('a\tr\tb\na\tr\n', { source: 'train.txt' })).toThrow(
      'parseTriples: train.txt line 2: expected 3 tab-separated fields (head, relation, tail), got 2',
    );
    expect(() => parseTriples('a\tr\tb\tc\n', { source: 'x' })).toThrow(/line 1: .* got 4/);
    expect(() => parseTriples('a\t\tb\n')).toThrow(/line 1: empty field/);
    expect(() => parseTriples('a\tr\tb\n\na\tr\tb\n')).toThrow(/line 2: expected 3 .* got 0/);
    const entityIds = new Map([['a', 0]]);
    const relationIds = new Map([['r', 0]]);
    expect(() => parseTriples('a\tr\tz\n', { entityIds, relationIds, unknown: 'error', source: 'test.txt' })).toThrow(
      'parseTriples: test.txt line 1: unknown entity "z"',
    );
    expect(() => parseTriples('a\tr\tb\n', { source: 'x' }).length).not.toThrow();
  });
});

describe('buildKnowledgeGraph', () => {
  const kg = buildKnowledgeGraph({ train: TRAIN, valid: 'b\tknows\td\n', test: 'd\tlikes\ta\n' });

  it('shares one vocabulary over the splits', () => {
    expect(kg.entities).toEqual(['a', 'b', 'c', 'd']);
    expect(kg.relations).toEqual(['likes', 'knows']);
    expect(Array.from(kg.valid)).toEqual([1, 1, 3]);
    expect(Array.from(kg.test)).toEqual([3, 0, 0]);
    expect(concatTriples(kg.train, kg.valid, kg.test).length).toBe(15);
  });

  it('names reciprocal relations with ** and round-trips them', () => {
    expect(relationName(kg, 1)).toBe('knows');
    expect(relationName(kg, 3)).toBe('**knows');
    expect(relationId(kg, '**likes')).toBe(2);
    expect(relationId(kg, 'nope')).toBeUndefined();
    expect(() => relationName(kg, 4)).toThrow('relationName: id must be an integer in [0, 4), got 4');
    expect(Array.from(withReciprocals(kg.valid, 2))).toEqual([1, 1, 3, 3, 3, 1]);
    expect(writeTriples(kg, withReciprocals(kg.valid, 2))).toBe('b\tknows\td\nd\t**knows\tb\n');
  });

  it('names the split file in errors', () => {
    expect(() => buildKnowledgeGraph({ train: TRAIN, valid: 'x\ty\n', test: '' })).toThrow(/^parseTriples: valid\.txt line 1/);
    expect(() => buildKnowledgeGraph({ train: TRAIN, valid: 'x\ty\n', test: '' })).toThrow(DatasetError);
  });
});
