import { describe, expect, it } from 'vitest';
import { additionSplits, generateAdditionPairs, numberOf, readAdditionPairs, writeAdditionPairs } from './additionPairs.js';

const labels = Uint8Array.from({ length: 100 }, (_, i) => (i * 7) % 10);

describe('generateAdditionPairs', () => {
  it('uses every image at most once per epoch and labels the sum', () => {
    for (const digits of [1, 2, 4, 15]) {
      const pairs = generateAdditionPairs({ labels, digits, seed: 3 });
      expect(pairs).toHaveLength(Math.floor(100 / (2 * digits)));
      const used = pairs.flatMap((p) => [...p.a, ...p.b]);
      expect(new Set(used).size).toBe(used.length);
      for (const p of pairs) {
        expect(p.a).toHaveLength(digits);
        expect(p.sum).toBe(numberOf(p.a, labels) + numberOf(p.b, labels));
      }
    }
  });

  it('reshuffles for a second epoch, deterministically', () => {
    const pairs = generateAdditionPairs({ labels, seed: 1, count: 100 });
    const first = pairs.slice(0, 50).flatMap((p) => [p.a[0], p.b[0]]);
    const second = pairs.slice(50).flatMap((p) => [p.a[0], p.b[0]]);
    expect(new Set(first).size).toBe(100);
    expect(new Set(second).size).toBe(100);
    expect(second).not.toEqual(first);
    expect(generateAdditionPairs({ labels, seed: 1, count: 100 })).toEqual(pairs);
  });

  it('keeps test pairs on test images', () => {
    const testLabels = Uint8Array.from({ length: 20 }, (_, i) => i % 10);
    const s = additionSplits({ trainLabels: labels, testLabels, seed: 2, digits: 2 });
    expect(s.train).toHaveLength(25);
    expect(s.test).toHaveLength(5);
    expect(s.test.every((p) => [...p.a, ...p.b].every((i) => i < 20))).toBe(true);
  });

  it('validates', () => {
    expect(() => generateAdditionPairs({ labels, digits: 16, seed: 1 })).toThrow('generateAdditionPairs: digits must be an integer in 1..15, got 16');
    expect(() => generateAdditionPairs({ labels: Uint8Array.of(1), seed: 1 })).toThrow(/too few/);
  });
});

describe('DeepProbLog index files', () => {
  it('writes and reads one- and multi-digit lines, checked against labels', () => {
    const pairs = [...generateAdditionPairs({ labels, seed: 5, count: 3 }), ...generateAdditionPairs({ labels, digits: 2, seed: 5, count: 2 })];
    const text = writeAdditionPairs(pairs);
    expect(text.split('\n')[0]).toMatch(/^addition\(\d+,\d+,\d+\)\.$/);
    expect(text.split('\n')[3]).toMatch(/^addition\(\[\d+,\d+\],\[\d+,\d+\],\d+\)\.$/);
    expect(readAdditionPairs(text, { labels })).toEqual(pairs);
  });

  it('reads hand-written lines, including DeepProbLog’s train(i) terms and CRLF', () => {
    // labels[3] = 1, labels[8] = 6, labels[1] = 7, labels[2] = 4
    const got = readAdditionPairs('addition(3,8,7).\r\naddition(train(1), train(2), 11).\naddition([1,2],[3,8],90).\n', { labels });
    expect(got.map((p) => p.sum)).toEqual([7, 11, 90]);
    expect(Array.from(got[2]!.b)).toEqual([3, 8]);
  });

  it('rejects a wrong sum, a bad index, unequal lengths and malformed lines with file and line', () => {
    expect(() => readAdditionPairs('addition(3,8,7).\naddition(3,8,9).\n', { labels, source: 'train_data.txt' })).toThrow(
      "readAdditionPairs: train_data.txt line 2: sum 9 disagrees with the images' labels (1 + 6 = 7)",
    );
    expect(() => readAdditionPairs('addition(3,800,7).\n', { labels })).toThrow(/image index 800 is outside the 100 images/);
    expect(() => readAdditionPairs('addition([1,2],3,7).\n')).toThrow(/line 1: the numbers have 2 and 1 digits/);
    expect(() => readAdditionPairs('addition(3,8).\n', { source: 'f' })).toThrow(/^readAdditionPairs: f line 1: expected addition\(i,j,sum\)\./);
    expect(() => readAdditionPairs('addition(3,8,7)\n')).toThrow(/line 1: expected/);
  });
});
