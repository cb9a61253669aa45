import * as tf from '@tensorflow/tfjs-core';
import { createRng, gumbelSoftmax } from '@dccg/gumbel';
import { dropres } from '@dccg/dropres';
import { glorotVariable, constantVariable } from './layers.js';
import type { Batch, ForwardResult, MetricSums, StepContext, Task, TaskModel } from './types.js';

/** One example of the toy task: a point in the plane and which of `classes` sectors it lies in. */
export interface ToyExample {
  x: [number, number];
  label: number;
  length: number;
}

interface ToyBatch extends Batch {
  x: tf.Tensor2D;
  labels: tf.Tensor1D;
  examples: readonly ToyExample[];
}

/**
 * A tiny task with one discrete node (a class choice through a Gumbel-softmax and DROPRES), used by the
 * engine's own tests: it learns in a few hundred steps on the cpu backend.
 *
 * @example
 * ```ts
 * const task = toyTask({ seed: 0, train: 256 });
 * ```
 */
export function toyTask({ seed = 0, train = 256, dev = 64, test = 64, classes = 4 } = {}): Task<ToyExample, ToyBatch, TaskModel<ToyBatch>> {
  const rng = createRng(seed);
  const draw = (n: number): ToyExample[] =>
    Array.from({ length: n }, () => {
      const a = rng.nextFloat() * 2 * Math.PI;
      const r = 0.5 + rng.nextFloat();
      return { x: [r * Math.cos(a), r * Math.sin(a)], label: Math.floor((a / (2 * Math.PI)) * classes) % classes, length: 1 + rng.nextInt(3) };
    });
  const d = 16;
  return {
    name: 'toy',
    nodes: ['class'],
    data: { train: draw(train), dev: draw(dev), test: draw(test), extra: { more: draw(32) } },
    primaryMetric: 'accuracy',
    updateEventsPerEpoch: 4,
    modelConfig: { d },
    exampleLength: (e) => e.length,
    makeBatch: (examples) => {
      const x = tf.tensor2d(examples.flatMap((e) => e.x), [examples.length, 2]);
      const labels = tf.tensor1d(examples.map((e) => e.label), 'int32');
      return { size: examples.length, x, labels, examples, dispose: () => { x.dispose(); labels.dispose(); } };
    },
    createModel(config, initRng) {
      const h = config.d as number;
      const variables = {
        w1: glorotVariable([2, h], initRng),
        b1: constantVariable([h]),
        table: glorotVariable([classes, h], initRng),
        w2: glorotVariable([h, classes], initRng),
        b2: constantVariable([classes]),
      };
      return {
        variables,
        config,
        dispose: () => Object.values(variables).forEach((v) => v.dispose()),
        forward(batch: ToyBatch, ctx: StepContext): ForwardResult {
          const hidden = tf.relu(tf.add(tf.matMul(batch.x, variables.w1), variables.b1));
          const logits = ctx.tap('class', tf.matMul(hidden, variables.table, false, true));
          const sample = gumbelSoftmax(logits, { tau: ctx.tau, beta: ctx.beta, hard: ctx.hard, rng: ctx.rng.split() });
          const xd = tf.matMul(sample, variables.table);
          const state = dropres(hidden, xd, { alpha: ctx.alpha, mode: ctx.dropresMode, rng: ctx.rng.split() });
          const out = tf.add(tf.matMul(state, variables.w2), variables.b2);
          const loss = tf.mean(tf.neg(tf.sum(tf.mul(tf.oneHot(batch.labels, classes), tf.logSoftmax(out)), 1))) as tf.Scalar;
          const prediction = tf.argMax(out, 1);
          const accuracy = tf.mean(tf.cast(tf.equal(prediction, batch.labels), 'float32')) as tf.Scalar;
          return { loss, outputs: { prediction }, accuracy };
        },
      };
    },
    evaluateBatch(batch, outputs): MetricSums {
      const p = outputs.prediction!.dataSync();
      let hit = 0;
      batch.examples.forEach((e, i) => (hit += p[i] === e.label ? 1 : 0));
      return { accuracy: { sum: hit, count: batch.size } };
    },
  };
}
