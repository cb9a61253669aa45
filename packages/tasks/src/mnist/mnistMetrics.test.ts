import { describe, expect, it } from 'vitest';
import { addMetricSums, metricValues } from '../engine/evaluate.js';
import { mnistMetricSums, summarizeMnistMetrics } from './mnistMetrics.js';

describe('mnistMetricSums / summarizeMnistMetrics', () => {
  it('counts a sum right only when every digit is', () => {
    const s = mnistMetricSums({ predicted: [[7, 0], [3, 1], [2, 1]], truth: [[7, 0], [3, 0], [2, 1]] });
    expect(s.sumAccuracy).toEqual({ sum: 2, count: 3 });
    expect(s.sumDigitAccuracy).toEqual({ sum: 5, count: 6 });
  });

  it('reads the digit classifier through the best permutation, over all batches', () => {
    // States are digits shifted by one (state = digit + 1 mod 10), with one mistake.
    const labels = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1];
    const states = labels.map((d) => (d + 1) % 10);
    states[11] = 5;
    const one = mnistMetricSums({ predicted: [[0, 0]], truth: [[0, 0]], states: states.slice(0, 6), digitLabels: labels.slice(0, 6) });
    const two = mnistMetricSums({ predicted: [[0, 0]], truth: [[1, 0]], states: states.slice(6), digitLabels: labels.slice(6) });
    const metrics = metricValues(addMetricSums(addMetricSums({}, one), two));
    expect(metrics.digitAccuracyInOrder).toBe(0);
    const summary = summarizeMnistMetrics(metrics);
    expect(summary.digitAccuracy).toBeCloseTo(11 / 12, 10);
    expect(summary.stateOfDigit).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 0]);
    expect(summary.sumAccuracy).toBe(0.5);
    expect(summary.confusion[1]![2]).toBeCloseTo(1 / 12, 10);
  });

  it('computes the macro F1 over the sum classes by hand', () => {
    // truth 3, 3, 5; predicted 3, 5, 5 → class 3: tp 1, fn 1 → F1 2/3; class 5: tp 1, fp 1 → 2/3.
    const s = mnistMetricSums({ predicted: [[3, 0], [5, 0], [5, 0]], truth: [[3, 0], [3, 0], [5, 0]], sumClasses: 19 });
    const summary = summarizeMnistMetrics(metricValues(s));
    expect(summary.macroF1).toBeCloseTo(2 / 3, 10);
    expect(summary.digitAccuracy).toBeNaN();
  });

  it('rejects mismatched inputs', () => {
    expect(() => mnistMetricSums({ predicted: [[1, 0]], truth: [] })).toThrow(/predicted has 1 rows, truth 0/);
    expect(() => mnistMetricSums({ predicted: [[1]], truth: [[1, 0]] })).toThrow(/row 0 has 1 predicted digits, 2 true/);
    expect(() => mnistMetricSums({ predicted: [], truth: [], states: [1], digitLabels: [] })).toThrow(/states has 1 entries, digitLabels 0/);
  });
});
