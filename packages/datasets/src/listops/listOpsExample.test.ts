import { describe, expect, it } from 'vitest';
import { DatasetError } from '../DatasetError.js';
import { evaluateListOps, listOpsExample } from './listOpsExample.js';
import { LISTOPS_TOKEN_IDS, applyListOpsOperator } from './vocabulary.js';

describe('listOpsExample', () => {
  it('gives parents, values and operator marks as the paper encodes them', () => {
    const ex = listOpsExample('[MAX 2 [MIN 4 7 ] 0 ]');
    expect(ex.value).toBe(4);
    expect(ex.depth).toBe(2);
    expect(Array.from(ex.parents)).toEqual([-1, 0, 0, 2, 2, 2, 0, 0]);
    expect(Array.from(ex.values)).toEqual([4, 2, 4, 4, 7, -1, 0, -1]);
    expect(Array.from(ex.isOperator)).toEqual([1, 0, 1, 0, 0, 0, 0, 0]);
    expect(Array.from(ex.ids)).toEqual([2, 6, 1, 8, 11, 0, 4, 0]);
  });

  it('matches a record of the paper’s dev.json', () => {
    // "[MED 2 [MED [MAX [MED 3 7 0 9 ] 4 ] 3 2 9 7 ] 2 0 ]" with its adj and inter as published.
    const ex = listOpsExample('[MED 2 [MED [MAX [MED 3 7 0 9 ] 4 ] 3 2 9 7 ] 2 0 ]');
    expect(ex.value).toBe(2);
    expect(Array.from(ex.parents)).toEqual([-1, 0, 0, 2, 3, 4, 4, 4, 4, 4, 3, 3, 2, 2, 2, 2, 2, 0, 0, 0]);
    expect(Array.from(ex.values)).toEqual([2, 2, 5, 5, 5, 3, 7, 0, 9, -1, 4, -1, 3, 2, 9, 7, -1, 2, 0, -1]);
    expect(Array.from(ex.isOperator)).toEqual([1, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(ex.depth).toBe(4);
  });

  it('drops Nangia’s grouping parentheses', () => {
    expect(listOpsExample('( ( ( [MAX 2 ) 9 ) ] )').tokens).toEqual(['[MAX', '2', '9', ']']);
  });

  it('rejects malformed expressions with the source, line and position', () => {
    const bad: [string, RegExp][] = [
      ['[MAX 2 9', /not closed/],
      ['[MAX 2 ] ]', /follows the end/],
      ['[MAX ]', /no arguments/],
      ['3', /must start with an operator/],
      ['[MAX 2 x ]', /token 3 "x" is not a ListOps token/],
      ['] 2', /closes nothing/],
      ['', /empty/],
    ];
    for (const [expr, re] of bad) {
      expect(() => listOpsExample(expr, { source: 'f.tsv', line: 7 })).toThrow(re);
    }
    try {
      listOpsExample('[MAX 2 x ]', { fn: 'readX', source: 'f.tsv', line: 7 });
    } catch (e) {
      expect(e).toBeInstanceOf(DatasetError);
      expect((e as DatasetError).message).toMatch(/^readX: f\.tsv line 7: token 3/);
      expect((e as DatasetError).line).toBe(7);
    }
  });
});

describe('evaluateListOps', () => {
  it('evaluates each operator, with Nangia’s median and sum mod 10', () => {
    expect(evaluateListOps('[MIN 3 1 2 ]')).toBe(1);
    expect(evaluateListOps('[MAX 3 1 2 ]')).toBe(3);
    expect(evaluateListOps('[MED 3 6 0 6 ]')).toBe(4); // median 4.5
    expect(evaluateListOps('[MED 8 3 4 3 ]')).toBe(3); // median 3.5
    expect(evaluateListOps('[MED 9 1 5 ]')).toBe(5);
    expect(evaluateListOps('[SM 7 [MAX 4 5 ] ]')).toBe(2);
    expect(evaluateListOps(['[SM', '9', '9', '9', ']'])).toBe(7);
  });

  it('agrees with applyListOpsOperator on the ids it encodes', () => {
    expect(applyListOpsOperator('MED', [1, 2])).toBe(1);
    expect(LISTOPS_TOKEN_IDS['[SM']).toBe(14);
    expect(LISTOPS_TOKEN_IDS['9']).toBe(13);
    expect(() => applyListOpsOperator('MIN', [])).toThrow(/at least one argument/);
  });
});
