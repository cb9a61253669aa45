import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '@dccg/gumbel';
import { identityTap } from './tap.js';
import type { AnyTask, Metrics, MetricSums, StepContext, TaskModel } from './types.js';

/**
 * The step context of evaluation: α = 1 (no residual), hard samples, no noise (β = 0, so a discrete
 * node takes its argmax), no dropout. The key is fixed by `seed` and never touches the run's key, so
 * evaluating does not change what training draws next.
 *
 * @example
 * ```ts
 * const r = model.forward(batch, evaluationContext(0));
 * ```
 */
export function evaluationContext(seed = 0, tau = 1): StepContext {
  return {
    training: false,
    tau,
    beta: 0,
    alpha: 1,
    hard: true,
    dropresMode: 'batch',
    rng: createRng(seed).split(),
    tap: identityTap,
  };
}

/**
 * Adds metric sums (in place into `into`).
 *
 * @example
 * ```ts
 * addMetricSums(total, { accuracy: { sum: 3, count: 4 } });
 * ```
 */
export function addMetricSums(into: MetricSums, more: MetricSums): MetricSums {
  for (const [k, v] of Object.entries(more)) {
    const t = into[k];
    if (t) {
      t.sum += v.sum;
      t.count += v.count;
    } else {
      into[k] = { sum: v.sum, count: v.count };
    }
  }
  return into;
}

/**
 * Metric values `sum / count` (names with a zero count are left out).
 *
 * @example
 * ```ts
 * metricValues({ accuracy: { sum: 3, count: 4 } }); // { accuracy: 0.75 }
 * ```
 */
export function metricValues(sums: MetricSums): Metrics {
  const out: Metrics = {};
  for (const k of Object.keys(sums).sort()) {
    const { sum, count } = sums[k]!;
    if (count > 0) out[k] = sum / count;
  }
  return out;
}

/** Options of `evaluate`. */
export interface EvaluateOptions {
  /** The set's name, passed to `Task.evaluateBatch` (default `'test'`). */
  set?: string;
  /** Examples per batch (default 250). */
  batchSize?: number;
  /** Seed of the evaluation key (default 0). */
  seed?: number;
  /** Temperature passed to the model (default 1). */
  tau?: number;
}

/**
 * Evaluates `model` on `examples` in length-ordered batches and returns `sum / count` of the task's
 * metric sums. Nothing leaks: each batch runs in `tf.tidy`.
 *
 * @example
 * ```ts
 * const metrics = evaluate(task, model, task.data.test, { set: 'test' }); // { accuracy: 0.93, … }
 * ```
 */
export function evaluate(task: AnyTask, model: TaskModel, examples: readonly unknown[], options: EvaluateOptions = {}): Metrics {
  const { set = 'test', batchSize = 250, seed = 0, tau = 1 } = options;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`evaluate: batchSize must be an integer >= 1, got ${batchSize}`);
  const lengths = examples.map((e) => task.exampleLength(e));
  const total: MetricSums = {};
  const ctx = evaluationContext(seed, tau);
  for (const idx of evaluationBatches(lengths, batchSize, task.maxBatchSize?.bind(task))) {
    const chunk = idx.map((i) => examples[i]);
    const batch = task.makeBatch(chunk, { training: false });
    try {
      tf.tidy(() => {
        const r = model.forward(batch, ctx);
        addMetricSums(total, task.evaluateBatch(batch, r.outputs, { set }));
      });
    } finally {
      batch.dispose();
    }
  }
  return metricValues(total);
}

/**
 * Evaluation batches: indices in length order, at most `batchSize` each and, when `limit` is given, at
 * most `limit(longest length in the batch)`.
 *
 * @example
 * ```ts
 * evaluationBatches([5, 1, 9], 2); // [[1, 0], [2]]
 * ```
 */
export function evaluationBatches(lengths: readonly number[], batchSize: number, limit?: (length: number) => number): number[][] {
  const order = lengths.map((_, i) => i).sort((a, b) => lengths[a]! - lengths[b]! || a - b);
  const out: number[][] = [];
  let cur: number[] = [];
  for (const i of order) {
    const cap = Math.max(1, Math.min(batchSize, limit ? limit(lengths[i]!) : batchSize));
    if (cur.length >= cap) {
      out.push(cur);
      cur = [];
    }
    cur.push(i);
  }
  if (cur.length) out.push(cur);
  return out;
}
