import { describe, expect, it } from 'vitest';
import { DatasetError } from '../DatasetError.js';
import { generateListOps } from './generateListOps.js';
import { readNangiaTsv, writeNangiaTsv } from './nangiaTsv.js';
import { readPaperJson, writePaperJson } from './paperJson.js';

// A record copied from the layout of the paper's dev.json.
const PAPER = `{"6": {"0": {"ex": "[MED 3 6 0 6 ]", "target": 4, "adj": [-1, 0, 0, 0, 0, 0], "inter": [4, 3, 6, 0, 6, -1], "inter_mask": [1, 0, 0, 0, 0, 0]},
"1": {"ex": "[MIN 1 5 2 5 ]", "target": 1, "adj": [-1, 0, 0, 0, 0, 0], "inter": [1, 1, 5, 2, 5, -1], "inter_mask": [1, 0, 0, 0, 0, 0]}},
"8": {"0": {"ex": "[MAX 2 [MIN 4 7 ] 0 ]", "target": 4, "adj": [-1, 0, 0, 2, 2, 2, 0, 0], "inter": [4, 2, 4, 4, 7, -1, 0, -1], "inter_mask": [1, 0, 1, 0, 0, 0, 0, 0]}}}`;

describe('paper JSON', () => {
  it('reads a hand-written file', () => {
    const exs = readPaperJson(PAPER, { source: 'dev.json' });
    expect(exs.map((e) => e.value)).toEqual([4, 1, 4]);
    expect(exs[2]!.depth).toBe(2);
  });

  it('round-trips generated examples', () => {
    const exs = generateListOps({ count: 100, seed: 4 });
    const back = readPaperJson(writePaperJson(exs));
    const key = (e: { tokens: readonly string[]; value: number }) => `${e.value}:${e.tokens.join(' ')}`;
    expect(back.map(key).sort()).toEqual(exs.map(key).sort());
    expect(JSON.parse(writePaperJson(exs))).toBeTypeOf('object');
  });

  it('rejects a target that disagrees with its expression, naming file, line and record', () => {
    const bad = PAPER.replace('"[MIN 1 5 2 5 ]", "target": 1', '"[MIN 1 5 2 5 ]", "target": 3');
    expect(() => readPaperJson(bad, { source: 'dev.json' })).toThrow(
      'readPaperJson: dev.json line 2: length 6 record "1": target 3 disagrees with the expression\'s value 1',
    );
  });

  it('rejects wrong adj, inter, inter_mask, length keys, missing fields and bad JSON', () => {
    const cases: [string, RegExp][] = [
      [PAPER.replace('"adj": [-1, 0, 0, 2, 2, 2, 0, 0]', '"adj": [-1, 0, 0, 2, 2, 0, 0, 0]'), /"adj"\[5\] is 0, the expression gives 2/],
      [PAPER.replace('"inter": [4, 2, 4, 4, 7, -1, 0, -1]', '"inter": [4, 2, 4, 4, 7, 4, 0, -1]'), /"inter"\[5\] is 4/],
      [PAPER.replace('"inter_mask": [1, 0, 1, 0, 0, 0, 0, 0]', '"inter_mask": [1, 0, 1, 0, 0, 0, 0]'), /"inter_mask" has 7 entries/],
      [PAPER.replace('"8": {', '"9": {'), /has 8 tokens, not the 9 of its length key/],
      [PAPER.replace(', "target": 4, "adj": [-1, 0, 0, 0, 0, 0]', ', "adj": [-1, 0, 0, 0, 0, 0]'), /missing field "target"/],
      [PAPER.replace('[MED 3 6 0 6 ]', '[MED 3 6 0 6'), /not closed/],
      [PAPER.slice(0, 100), /not valid JSON/],
      ['[1, 2]', /expected an object keyed by sequence length/],
    ];
    for (const [text, re] of cases) {
      expect(() => readPaperJson(text, { source: 'x.json' })).toThrow(re);
      expect(() => readPaperJson(text, { source: 'x.json' })).toThrow(DatasetError);
    }
  });
});

describe('Nangia TSV', () => {
  const TSV = '9\t( ( ( [MAX 2 ) 9 ) ] )\n4\t[MAX 2 [MIN 4 7 ] 0 ]\r\n2\t[SM 7 [MAX 4 5 ] ]\n';

  it('reads hand-written lines with and without parentheses, LF or CRLF', () => {
    expect(readNangiaTsv(TSV).map((e) => e.value)).toEqual([9, 4, 2]);
    expect(readNangiaTsv('Source\tTarget\n[MAX 2 9 ]\t9\n').map((e) => e.value)).toEqual([9]);
  });

  it('writes the original parentheses on request and round-trips', () => {
    const exs = readNangiaTsv(TSV);
    expect(writeNangiaTsv(exs.slice(0, 1), { parens: true })).toBe('9\t( ( ( [MAX 2 ) 9 ) ] )\n');
    expect(writeNangiaTsv(exs.slice(1, 2))).toBe('4\t[MAX 2 [MIN 4 7 ] 0 ]\n');
    const gen = generateListOps({ count: 50, seed: 8, variant: 'nangia' });
    for (const parens of [false, true]) {
      expect(readNangiaTsv(writeNangiaTsv(gen, { parens })).map((e) => e.tokens.join(' '))).toEqual(gen.map((e) => e.tokens.join(' ')));
    }
  });

  it('rejects a line with two fields missing, a bad label, a wrong label and a broken expression', () => {
    expect(() => readNangiaTsv('9\t[MAX 2 9 ]\n[MAX 2 9 ]\n', { source: 'train.tsv' })).toThrow(
      'readNangiaTsv: train.tsv line 2: expected 2 tab-separated fields (label, expression), got 1',
    );
    expect(() => readNangiaTsv('9\t[MAX 2 9 ]\textra\n', { source: 'train.tsv' })).toThrow(/line 1: expected 2 tab-separated fields .* got 3/);
    expect(() => readNangiaTsv('4\t[MAX 2 9 ]\n', { source: 'train.tsv' })).toThrow(
      "readNangiaTsv: train.tsv line 1: label 4 disagrees with the expression's value 9",
    );
    expect(() => readNangiaTsv('12\t[MAX 2 9 ]\n')).toThrow(/label "12" is not a digit/);
    expect(() => readNangiaTsv('9\t[MAX 2 9\n')).toThrow(/line 1: unbalanced/);
    expect(() => readNangiaTsv('9\t[MAX 2 9 ]\n\n9\t[MAX 2 9 ]\n')).toThrow(/line 2: blank line/);
  });
});
