import type * as tf from '@tensorflow/tfjs-core';
import type { ListOpsExample, ListOpsVariant } from '@dccg/datasets';
import { generateListOps, listOpsSplits } from '@dccg/datasets';
import type { MetricSums, Task, TaskData } from '../engine/types.js';
import { makeListOpsBatch } from './listOpsBatch.js';
import type { ListOpsBatch } from './listOpsBatch.js';
import { createListOpsModel, listOpsNodeNames, resolveListOpsModelConfig } from './listOpsModel.js';
import type { ListOpsModel, ListOpsModelConfig } from './listOpsModel.js';

/** Options of `listOpsTask`. */
export interface ListOpsTaskOptions {
  /** The examples. `extra` sets named `depthN` are evaluated with N message-passing rounds. */
  data: TaskData<ListOpsExample>;
  /** The model (default: the paper's `dccg`, d = 60, 5 rounds). */
  model?: ListOpsModelConfig;
  /** Update events per epoch (default 10, the paper's). */
  updateEventsPerEpoch?: number;
  /**
   * Memory budget: a training or evaluation batch holds at most `budget / (L²·d)` examples of padded
   * length L (the size of the pairwise message tensors), at least one. Default 8e6 floats: batches of
   * up to 36 tokens are unaffected at d = 60, batch 100; at 100 tokens a batch holds 13. (At 2e7 a
   * batch of 33 expressions of 100 tokens exhausts wasm's 4 GB heap in the backward pass.)
   */
  evalBudget?: number;
}

/** One described test example for the report: the true and the predicted parse tree. */
export interface ListOpsSample {
  tokens: string[];
  value: number;
  predicted: number;
  depth: number;
  parents: number[];
  predictedParents: number[] | null;
  values: number[];
  predictedValues: number[] | null;
}

/** The ListOps task (`Task<ListOpsExample, ListOpsBatch, ListOpsModel>`). */
export type ListOpsTask = Task<ListOpsExample, ListOpsBatch, ListOpsModel> & {
  /** Largest batch of padded length `length` that fits the evaluation budget. */
  maxBatchSize(length: number): number;
};

/**
 * The ListOps task of the paper: unsupervised parsing and evaluation of nested MIN/MAX/MED (and SM)
 * prefix expressions, trained from the expression's value alone.
 *
 * Metrics (each also `…/depthN` by the expression's depth): `accuracy` (value), `parentAccuracy`
 * (predicted parent = true parent, over tokens other than the root and closing brackets; not for the
 * LSTM), `intermediateAccuracy` (at operator nodes other than the root, the model's value vs the true
 * sub-expression value: the head on the state after the last round, or with `valueLogits: 'tied'` the
 * value the last value node chose; not for the LSTM; absent for depth 1). The primary metric is `accuracy`.
 *
 * @example
 * ```ts
 * const task = listOpsTask({ data: listOpsData({ seed: 0, trainSize: 2000 }) });
 * const out = await train(task, { config: { epochs: 2 } });
 * ```
 */
export function listOpsTask(options: ListOpsTaskOptions): ListOpsTask {
  if (!options || !options.data) throw new Error('listOpsTask: options.data is required');
  const modelConfig = resolveListOpsModelConfig(options.model);
  const updateEventsPerEpoch = options.updateEventsPerEpoch ?? 10;
  if (!Number.isInteger(updateEventsPerEpoch) || updateEventsPerEpoch < 1) {
    throw new Error(`listOpsTask: updateEventsPerEpoch must be an integer >= 1, got ${updateEventsPerEpoch}`);
  }
  const evalBudget = options.evalBudget ?? 8e6;
  if (!(evalBudget > 0)) throw new Error(`listOpsTask: evalBudget must be > 0, got ${evalBudget}`);
  const structured = modelConfig.kind !== 'lstm';
  return {
    name: 'listops',
    nodes: listOpsNodes(modelConfig),
    data: options.data,
    primaryMetric: 'accuracy',
    updateEventsPerEpoch,
    modelConfig: modelConfig as unknown as Record<string, unknown>,
    exampleLength: (e) => e.ids.length,
    // The LSTM has no pairwise tensors, so only the graph models need the budget.
    maxBatchSize: (length) => (structured ? Math.max(1, Math.floor(evalBudget / (length * length * modelConfig.d))) : Number.MAX_SAFE_INTEGER),
    makeBatch: (examples) => makeListOpsBatch(examples, { parents: modelConfig.parents, closing: modelConfig.closing, trueParse: modelConfig.parse === 'given' }),
    createModel: (config, rng) => createListOpsModel(config as ListOpsModelConfig, rng),
    modelForSet(model, set) {
      const m = /^depth(\d+)$/.exec(set);
      return m && structured ? model.withRounds(Number(m[1])) : model;
    },
    evaluateBatch(batch, outputs) {
      return listOpsMetrics(batch, outputs);
    },
    describe(batch, outputs, examples) {
      const pred = outputs.prediction!.dataSync();
      const parents = outputs.parents ? outputs.parents.dataSync() : null;
      const values = outputs.values ? outputs.values.dataSync() : null;
      const L = batch.length;
      return examples.map((e, b): ListOpsSample => {
        const n = e.ids.length;
        const slice = (a: ArrayLike<number> | null) => (a ? Array.from({ length: n }, (_, i) => Number(a[b * L + i])) : null);
        const pp = slice(parents);
        if (pp) pp[0] = -1;
        return {
          tokens: [...e.tokens],
          value: e.value,
          predicted: Number(pred[b]),
          depth: e.depth,
          parents: Array.from(e.parents),
          predictedParents: pp,
          values: Array.from(e.values),
          predictedValues: slice(values),
        };
      });
    },
  };
}

/** The discrete nodes of a ListOps model: the parent choice (when learned), the values (the paper's model). */
function listOpsNodes(c: Required<ListOpsModelConfig>): string[] {
  if (c.kind === 'lstm') return [];
  const names = c.kind === 'dccg' ? listOpsNodeNames(c.rounds) : ['parent'];
  return c.parse === 'given' ? names.filter((n) => n !== 'parent') : names;
}

/**
 * Host-side ListOps metric sums of one batch (see `listOpsTask`).
 *
 * @example
 * ```ts
 * const sums = listOpsMetrics(batch, outputs); // { accuracy: { sum, count }, 'accuracy/depth2': … }
 * ```
 */
export function listOpsMetrics(batch: ListOpsBatch, outputs: Record<string, tf.Tensor>): MetricSums {
  const sums: MetricSums = {};
  const add = (name: string, depth: number, hit: number, count = 1) => {
    for (const k of [name, `${name}/depth${depth}`]) {
      const s = (sums[k] ??= { sum: 0, count: 0 });
      s.sum += hit;
      s.count += count;
    }
  };
  const pred = outputs.prediction!.dataSync();
  const parents = outputs.parents?.dataSync();
  const values = outputs.values?.dataSync();
  const L = batch.length;
  batch.examples.forEach((e, b) => {
    add('accuracy', e.depth, pred[b] === e.value ? 1 : 0);
    if (parents) {
      let hit = 0;
      let count = 0;
      for (let i = 1; i < e.ids.length; i++) {
        if (e.tokens[i] === ']') continue;
        count += 1;
        if (parents[b * L + i] === e.parents[i]) hit += 1;
      }
      if (count > 0) add('parentAccuracy', e.depth, hit, count);
    }
    if (values) {
      let hit = 0;
      let count = 0;
      // Inner operators only: the root's value is the expression's (as the reference filters it).
      for (let i = 1; i < e.ids.length; i++) {
        if (!e.isOperator[i]) continue;
        count += 1;
        if (values[b * L + i] === e.values[i]) hit += 1;
      }
      if (count > 0) add('intermediateAccuracy', e.depth, hit, count);
    }
  });
  return sums;
}

/** Options of `listOpsData`. */
export interface ListOpsDataOptions {
  /** Seed of the data (integer). */
  seed: number;
  /** Training examples, depth 1..5 uniformly. Default 100,000 (the reference's files are not available). */
  trainSize?: number;
  /** Dev and test examples per depth 1..5. Default 2,000. */
  evalPerDepth?: number;
  /** Examples of each extrapolation set (`depth8`, `depth10`); 0 = none. Default 2,000. */
  extrapolationSize?: number;
  /** Extrapolation depths. Default [8, 10]. */
  extrapolationDepths?: readonly number[];
  /** Longest training/dev/test expression in tokens. Default 100. */
  maxLength?: number;
  /** Longest extrapolation expression in tokens. Default: no limit. */
  extrapolationMaxLength?: number;
  /** `paper` (MIN, MAX, MED) or `nangia` (adds SM). Default `paper`. */
  variant?: ListOpsVariant;
}

/**
 * Generates the ListOps splits (deterministic in `seed`, no expression in two splits): train of depth
 * ≤ 5, dev and test with `evalPerDepth` per depth 1..5, and extrapolation sets `depth8`, `depth10`.
 *
 * @example
 * ```ts
 * const data = listOpsData({ seed: 0, trainSize: 5000, evalPerDepth: 100, extrapolationSize: 50 });
 * data.extra.depth8.length; // 50
 * ```
 */
export function listOpsData(options: ListOpsDataOptions): Required<TaskData<ListOpsExample>> {
  const {
    seed,
    trainSize = 100_000,
    evalPerDepth = 2000,
    extrapolationSize = 2000,
    extrapolationDepths = [8, 10],
    maxLength = 100,
    extrapolationMaxLength,
    variant = 'paper',
  } = options;
  if (!Number.isInteger(seed) || seed < 0) throw new Error(`listOpsData: seed must be an integer >= 0, got ${seed}`);
  if (!Number.isInteger(extrapolationSize) || extrapolationSize < 0) {
    throw new Error(`listOpsData: extrapolationSize must be an integer >= 0, got ${extrapolationSize}`);
  }
  const s = listOpsSplits({ seed, trainSize, evalPerDepth, extrapolationDepths: [], maxLength, variant });
  const extra: Record<string, ListOpsExample[]> = {};
  if (extrapolationSize > 0) {
    extrapolationDepths.forEach((depth, i) => {
      extra[`depth${depth}`] = generateListOps({
        count: extrapolationSize,
        depth,
        seed: seed * 1000 + 900 + i,
        variant,
        ...(extrapolationMaxLength !== undefined ? { maxLength: extrapolationMaxLength } : {}),
      });
    });
  }
  return { train: s.train, dev: s.dev, test: s.test, extra };
}
