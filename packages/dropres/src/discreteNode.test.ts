import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@dccg/backend/gradients';
import { createRng } from '@dccg/gumbel';
import { beforeAll, describe, expect, it } from 'vitest';
import { discreteNode } from './discreteNode.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const table = () => tf.tensor2d([[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 1, 1]]); // 4 states, d = 3

describe('discreteNode', () => {
  it('logits = x·tableᵀ; with beta = 0, hard and alpha = 1 the output is the argmax state embedding', () => {
    const t = table();
    const x = tf.tensor3d([[[3, 0, 0], [0, 0.2, 0.1]], [[0.5, 0.6, 0.7], [-1, -1, 2]]]); // [2, 2, 3]
    const before = tf.memory().numTensors;
    const { output, sample, logits } = discreteNode(x, { table: t, beta: 0, hard: true, alpha: 1 });
    expect(logits.shape).toEqual([2, 2, 4]);
    expect(sample.shape).toEqual([2, 2, 4]);
    expect(output.shape).toEqual([2, 2, 3]);
    const l = logits.arraySync() as number[][][];
    expect(l[0]![0]).toEqual([3, 0, 0, 3]);
    expect(l[1]![1]).toEqual([-1, -1, 2, 0]);
    // Row [0.5, 0.6, 0.7] scores 1.8 on state 3 = [1, 1, 1]; row [-1, -1, 2] picks state 2.
    const out = output.arraySync() as number[][][];
    expect(out[1]![0]).toEqual([1, 1, 1]);
    expect(out[1]![1]).toEqual([0, 0, 1]);
    tf.dispose([output, sample, logits]);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([t, x]);
  });

  it('alpha = 0 keeps the residual: output = x + sample·table, and rows of the sample sum to 1', () => {
    const t = table();
    const x = tf.tensor2d([[0.1, 0.2, 0.3], [1, -1, 0]]);
    const { output, sample, logits } = discreteNode(x, { table: t, tau: 0.5, beta: 1, alpha: 0, rng: createRng(3) });
    const want = tf.add(x, tf.matMul(sample, t));
    const o = output.dataSync();
    want.dataSync().forEach((v, i) => expect(o[i]!).toBeCloseTo(v, 6));
    tf.sum(sample, -1).dataSync().forEach((s) => expect(s).toBeCloseTo(1, 6));
    tf.dispose([t, x, output, sample, logits, want]);
  });

  it('gradients reach x and the table; with alpha = 1 only through the sample', () => {
    const t = table();
    const x = tf.tensor2d([[0.1, 0.2, 0.3], [1, -1, 0]]);
    const w = tf.tensor2d([[1, -2, 0.5], [0.3, 0.7, -1]]);
    const rng = createRng(5);
    const before = tf.memory().numTensors;
    for (const alpha of [0, 1]) {
      const [gx, gt] = tf.grads((a: tf.Tensor, b: tf.Tensor) => {
        const r = discreteNode(a, { table: b, tau: 0.7, alpha, rng });
        return tf.sum(tf.mul(r.output, w));
      })([x, t]);
      expect(gx!.shape).toEqual([2, 3]);
      expect(gt!.shape).toEqual([4, 3]);
      expect(gx!.dataSync().every(Number.isFinite)).toBe(true);
      expect(gt!.dataSync().some((v) => v !== 0)).toBe(true);
      if (alpha === 0) {
        // x + xd: the residual contributes w itself on top of the path through the sample.
        expect(gx!.dataSync().some((v, i) => Math.abs(v - w.dataSync()[i]!) > 1e-6)).toBe(true);
      }
      tf.dispose([gx!, gt!]);
    }
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([t, x, w]);
  });

  it('learns: a table fitted so that the node maps inputs to targets', () => {
    // Three clusters; the node must pick, for each input, the state whose embedding matches the target.
    const rng = createRng(11);
    const xs = tf.tensor2d([[2, 0], [0, 2], [-2, -2], [2.2, 0.1], [0.1, 1.8], [-1.9, -2.1]]);
    const targets = tf.tensor2d([[1, 0], [0, 1], [-1, -1], [1, 0], [0, 1], [-1, -1]]);
    const tableVar = tf.variable(tf.tensor2d([[0.1, 0.2], [0.2, -0.1], [-0.1, 0.1]]));
    const opt = tf.train.adam(0.05);
    const lossOf = () =>
      tf.tidy(() => {
        const { output } = discreteNode(xs, { table: tableVar, beta: 0, hard: true, alpha: 1 });
        return tf.mean(tf.square(tf.sub(output, targets))).dataSync()[0]!;
      });
    const first = lossOf();
    for (let i = 0; i < 150; i++) {
      opt.minimize(() => {
        const { output } = discreteNode(xs, { table: tableVar, tau: 0.5, beta: 0.3, alpha: 1, rng });
        return tf.mean(tf.square(tf.sub(output, targets)));
      });
    }
    const last = lossOf();
    expect(last).toBeLessThan(first / 4);
    expect(last).toBeLessThan(0.1);
    opt.dispose();
    tf.dispose([xs, targets, tableVar]);
  });

  it('throws clear errors', () => {
    const t = table();
    const x = tf.zeros([2, 5]);
    expect(() => discreteNode(x, { table: t })).toThrow("discreteNode: table must have x's last dimension 5 as its second, got shape [4, 3]");
    const bad = tf.zeros([4]);
    expect(() => discreteNode(x, { table: bad })).toThrow('discreteNode: table must be a float32 tf.Tensor of shape [states, d], got float32 of shape [4]');
    const x3 = tf.zeros([2, 3]);
    expect(() => discreteNode(x3, { table: t, alpha: 2 })).toThrow('discreteNode: alpha must be a number in [0, 1], got 2');
    expect(() => discreteNode(x3, { table: t, tau: 0, rng: createRng(0) })).toThrow('gumbelSoftmax: tau must be a finite number > 0, got 0');
    const before = tf.memory().numTensors;
    expect(() => discreteNode(x3, { table: t, beta: 1 })).toThrow('gumbelSoftmax: rng must be an Rng');
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([t, x, bad, x3]);
  });
});
