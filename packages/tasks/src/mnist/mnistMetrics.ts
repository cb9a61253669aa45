import type { MetricSums, Metrics } from '../engine/types.js';
import { bestAssignment } from './bestAssignment.js';

/**
 * Metric sums of one batch of addition predictions: `sumAccuracy` (all N + 1 digits of the sum right),
 * `sumDigitAccuracy` (per digit of the sum), and with `states` the digit node's
 * `digitAccuracyInOrder` (state k read as digit k) and the confusion cells `digitConfusion/<digit>/<state>`
 * (as fractions of the set's images, so they add over batches), from which {@link summarizeMnistMetrics}
 * finds the best one-to-one reading of the states. With `sumClasses` (N = 1) also the per-class
 * `sumClass/<k>/tp|fp|fn` fractions for the macro F1.
 *
 * @example
 * ```ts
 * mnistMetricSums({ predicted: [[7, 0]], truth: [[7, 0]] }).sumAccuracy; // { sum: 1, count: 1 }
 * ```
 */
export function mnistMetricSums(input: {
  /** Predicted sum digits per example (least significant first). */
  predicted: readonly (readonly number[])[];
  truth: readonly (readonly number[])[];
  /** Chosen states and true digits of the images (same length). */
  states?: ArrayLike<number>;
  digitLabels?: ArrayLike<number>;
  /** Number of states of the digit node. Default 10. */
  stateCount?: number;
  /** Number of sum classes for the F1 (19 for N = 1); omitted → no F1 sums. */
  sumClasses?: number;
}): MetricSums {
  const { predicted, truth, states, digitLabels, stateCount = 10, sumClasses } = input;
  if (predicted.length !== truth.length) {
    throw new Error(`mnistMetricSums: predicted has ${predicted.length} rows, truth ${truth.length}`);
  }
  const n = truth.length;
  const out: MetricSums = {};
  let right = 0;
  let digitRight = 0;
  let digitCount = 0;
  for (let i = 0; i < n; i++) {
    const p = predicted[i]!;
    const t = truth[i]!;
    if (p.length !== t.length) throw new Error(`mnistMetricSums: row ${i} has ${p.length} predicted digits, ${t.length} true`);
    let all = true;
    for (let k = 0; k < t.length; k++) {
      if (p[k] === t[k]) digitRight++;
      else all = false;
    }
    digitCount += t.length;
    if (all) right++;
  }
  out.sumAccuracy = { sum: right, count: n };
  out.sumDigitAccuracy = { sum: digitRight, count: digitCount };
  if (sumClasses !== undefined) {
    const value = (ds: readonly number[]) => ds.reduce((acc, d, k) => acc + d * 10 ** k, 0);
    const tp = new Float64Array(sumClasses);
    const fp = new Float64Array(sumClasses);
    const fn = new Float64Array(sumClasses);
    for (let i = 0; i < n; i++) {
      const p = value(predicted[i]!);
      const t = value(truth[i]!);
      if (p === t) tp[t]!++;
      else {
        if (p < sumClasses) fp[p]!++;
        fn[t]!++;
      }
    }
    for (let k = 0; k < sumClasses; k++) {
      out[`sumClass/${k}/tp`] = { sum: tp[k]!, count: n };
      out[`sumClass/${k}/fp`] = { sum: fp[k]!, count: n };
      out[`sumClass/${k}/fn`] = { sum: fn[k]!, count: n };
    }
  }
  if (states && digitLabels) {
    if (states.length !== digitLabels.length) {
      throw new Error(`mnistMetricSums: states has ${states.length} entries, digitLabels ${digitLabels.length}`);
    }
    const m = states.length;
    const cells = new Float64Array(10 * stateCount);
    let inOrder = 0;
    for (let i = 0; i < m; i++) {
      const d = digitLabels[i]!;
      const s = states[i]!;
      cells[d * stateCount + s]!++;
      if (d === s) inOrder++;
    }
    out.digitAccuracyInOrder = { sum: inOrder, count: m };
    for (let d = 0; d < 10; d++) {
      for (let s = 0; s < stateCount; s++) out[`digitConfusion/${d}/${s}`] = { sum: cells[d * stateCount + s]!, count: m };
    }
  }
  return out;
}

/** The headline figures derived from a set's metrics (see {@link summarizeMnistMetrics}). */
export interface MnistSummary {
  sumAccuracy: number;
  /** Digit accuracy with the best one-to-one reading of states as digits (NaN without a digit node). */
  digitAccuracy: number;
  /** `stateOfDigit[d]`: the state read as digit d (empty without a digit node). */
  stateOfDigit: number[];
  /** Confusion fractions `[digit][state]` (empty without a digit node). */
  confusion: number[][];
  /** Macro F1 over the sum classes (NaN when the metrics hold no per-class sums). */
  macroF1: number;
}

/**
 * Derives the headline figures from a set's reported metrics (`sum / count` of {@link mnistMetricSums}
 * over all its batches): the sum accuracy, the digit accuracy under the best one-to-one assignment of
 * states to digits (Hungarian over the 10 × states confusion), the confusion itself, and the macro F1
 * over the sum classes (classes that never occur, as truth or prediction, are left out).
 *
 * @example
 * ```ts
 * const s = summarizeMnistMetrics(result.test);
 * console.log(s.sumAccuracy, s.digitAccuracy, s.macroF1);
 * ```
 */
export function summarizeMnistMetrics(metrics: Metrics): MnistSummary {
  if (typeof metrics !== 'object' || metrics === null) throw new Error(`summarizeMnistMetrics: metrics must be an object, got ${String(metrics)}`);
  const sumAccuracy = metrics.sumAccuracy ?? NaN;
  let states = 0;
  while (`digitConfusion/0/${states}` in metrics) states++;
  let digitAccuracy = NaN;
  let stateOfDigit: number[] = [];
  const confusion: number[][] = [];
  if (states >= 10) {
    for (let d = 0; d < 10; d++) {
      const row: number[] = [];
      for (let s = 0; s < states; s++) row.push(metrics[`digitConfusion/${d}/${s}`] ?? 0);
      confusion.push(row);
    }
    const best = bestAssignment(confusion);
    stateOfDigit = best.assignment;
    digitAccuracy = best.total;
  }
  let classes = 0;
  while (`sumClass/${classes}/tp` in metrics) classes++;
  let macroF1 = NaN;
  if (classes > 0) {
    let f1Sum = 0;
    let present = 0;
    for (let k = 0; k < classes; k++) {
      const tp = metrics[`sumClass/${k}/tp`] ?? 0;
      const fp = metrics[`sumClass/${k}/fp`] ?? 0;
      const fn = metrics[`sumClass/${k}/fn`] ?? 0;
      const denom = 2 * tp + fp + fn;
      if (denom === 0) continue;
      f1Sum += (2 * tp) / denom;
      present++;
    }
    macroF1 = present ? f1Sum / present : NaN;
  }
  return { sumAccuracy, digitAccuracy, stateOfDigit, confusion, macroF1 };
}
