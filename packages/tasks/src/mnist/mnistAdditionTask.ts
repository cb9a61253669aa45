import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '@dccg/gumbel';
import type { MetricSums, Task, TaskData } from '../engine/types.js';
import { makeMnistAdditionBatch } from './mnistAdditionBatch.js';
import type { MnistAdditionBatch, MnistAdditionExample, MnistImageSet } from './mnistAdditionBatch.js';
import { createMnistAdditionModel, mnistNodeNames } from './mnistAdditionModel.js';
import type { MnistAdditionModel, MnistAdditionModelConfig } from './mnistAdditionModel.js';
import { mnistMetricSums } from './mnistMetrics.js';

/** Options of {@link createMnistAdditionTask}. */
export interface MnistAdditionTaskOptions {
  /** Image sets by name; examples refer to one by `set` (default `'train'`). */
  images: Record<string, MnistImageSet>;
  /** The examples of each split (dev may be empty). */
  data: TaskData<MnistAdditionExample>;
  /** The model's config (`digits` must match the examples). Default `{ kind: 'dccg', digits: 1 }`. */
  model?: MnistAdditionModelConfig;
  /** Schedule update events per epoch. Default 8 (the paper's). */
  updateEventsPerEpoch?: number;
}

/** A single-image description for the report's grid: its true digit, the chosen state and its pixels. */
export interface MnistDigitSample {
  label: number;
  /** The state chosen by the digit node (−1 for the CNN baseline). */
  state: number;
  /** rows × cols pixels 0..255, base64. */
  pixels: string;
}

/** What `describe` gives per example: the numbers, the sum, the prediction and every image. */
export interface MnistAdditionSample {
  a: number;
  b: number;
  sum: number;
  predictedSum: number;
  rows: number;
  cols: number;
  /** a's digits (most significant first), then b's. */
  images: MnistDigitSample[];
}

/**
 * MNIST addition as an engine `Task`: two N-digit numbers shown as images of their digits, the sum as
 * the only label. `primaryMetric` is `sumAccuracy`; the metrics are those of `mnistMetricSums`
 * (`sumAccuracy`, `sumDigitAccuracy`, `digitAccuracyInOrder`, the digit confusion cells and, for
 * N = 1, the per-class F1 sums); `summarizeMnistMetrics` turns them into the digit accuracy under the
 * best assignment and the macro F1.
 *
 * Throws when an example's numbers do not have `model.digits` digits or refer to an unknown image set.
 *
 * @example
 * ```ts
 * const task = createMnistAdditionTask({
 *   images: { train, test },
 *   data: { train: generateAdditionPairs({ labels: train.labels, seed: 0 }), dev: [], test: testPairs.map((e) => ({ ...e, set: 'test' })) },
 *   model: { digits: 1 },
 * });
 * const result = await train(task, { epochs: 1, batchSize: 16, lr: 1e-3, tau: 8 });
 * ```
 */
export function createMnistAdditionTask(
  options: MnistAdditionTaskOptions,
): Task<MnistAdditionExample, MnistAdditionBatch, MnistAdditionModel> {
  const fn = 'createMnistAdditionTask';
  const { images, data, model = {}, updateEventsPerEpoch = 8 } = options;
  if (!images || typeof images !== 'object' || Object.keys(images).length === 0) {
    throw new Error(`${fn}: images must name at least one image set, got ${String(images)}`);
  }
  if (!Number.isInteger(updateEventsPerEpoch) || updateEventsPerEpoch < 1) {
    throw new Error(`${fn}: updateEventsPerEpoch must be an integer >= 1, got ${updateEventsPerEpoch}`);
  }
  const modelConfig: MnistAdditionModelConfig = { kind: 'dccg', digits: 1, ...model };
  const digits = modelConfig.digits!;
  for (const [split, examples] of Object.entries({ train: data.train, dev: data.dev, test: data.test, ...(data.extra ?? {}) })) {
    examples.forEach((e, i) => {
      if (e.a.length !== digits || e.b.length !== digits) {
        throw new Error(`${fn}: data.${split}[${i}] has ${e.a.length}+${e.b.length} digits, expected ${digits} each`);
      }
      const set = e.set ?? 'train';
      if (!(set in images)) throw new Error(`${fn}: data.${split}[${i}] refers to image set '${set}', expected one of ${Object.keys(images).join(', ')}`);
    });
  }
  const stateCount = digits === 1 ? 19 : 10;
  const discrete = modelConfig.kind !== 'cnn';
  return {
    name: 'mnist-addition',
    nodes: mnistNodeNames(modelConfig),
    data,
    primaryMetric: 'sumAccuracy',
    updateEventsPerEpoch,
    modelConfig: modelConfig as Record<string, unknown>,
    exampleLength: () => digits,
    makeBatch(examples: readonly MnistAdditionExample[]): MnistAdditionBatch {
      const set = examples[0]?.set ?? 'train';
      if (examples.some((e) => (e.set ?? 'train') !== set)) {
        throw new Error(`${fn}: a batch must draw from one image set, got '${set}' and others`);
      }
      return makeMnistAdditionBatch(examples, images[set]!, digits);
    },
    createModel(config: Record<string, unknown>, rng: Rng): MnistAdditionModel {
      return createMnistAdditionModel(config as MnistAdditionModelConfig, rng);
    },
    evaluateBatch(batch: MnistAdditionBatch, outputs: Record<string, tf.Tensor>): MetricSums {
      const predicted = rows(outputs.sumDigits!);
      const truth = rows(batch.sumDigits);
      return mnistMetricSums({
        predicted,
        truth,
        ...(discrete && outputs.digitStates
          ? { states: outputs.digitStates.dataSync() as Int32Array, digitLabels: batch.digitLabels, stateCount }
          : {}),
        ...(digits === 1 ? { sumClasses: 19 } : {}),
      });
    },
    describe(batch: MnistAdditionBatch, outputs: Record<string, tf.Tensor>, examples: readonly MnistAdditionExample[]): MnistAdditionSample[] {
      const predicted = rows(outputs.sumDigits!);
      const states = discrete && outputs.digitStates ? (outputs.digitStates.dataSync() as Int32Array) : null;
      const n = batch.size;
      return examples.slice(0, n).map((e, row) => {
        const set = images[e.set ?? 'train']!;
        const area = set.rows * set.cols;
        const slot = (which: number, p: number) => (which * n + row) * digits + p;
        const describeNumber = (ids: ArrayLike<number>, which: number) =>
          Array.from(ids, (index, k) => {
            const s = slot(which, digits - 1 - k);
            return {
              label: set.labels[index]!,
              state: states ? states[s]! : -1,
              pixels: toBase64(set.images.subarray(index * area, (index + 1) * area)),
            };
          });
        const value = (ids: ArrayLike<number>) => Array.from(ids).reduce((acc, i) => acc * 10 + set.labels[i]!, 0);
        return {
          a: value(e.a),
          b: value(e.b),
          sum: e.sum,
          predictedSum: predicted[row]!.reduce((acc, d, k) => acc + d * 10 ** k, 0),
          rows: set.rows,
          cols: set.cols,
          images: [...describeNumber(e.a, 0), ...describeNumber(e.b, 1)],
        };
      });
    },
  };
}

function rows(t: tf.Tensor): number[][] {
  const [n, m] = t.shape as [number, number];
  const v = t.dataSync();
  const out: number[][] = [];
  for (let i = 0; i < n; i++) out.push(Array.from(v.subarray(i * m, (i + 1) * m)));
  return out;
}

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]!);
  return btoa(s);
}
