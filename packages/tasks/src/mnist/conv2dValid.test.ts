import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@dccg/backend/gradients';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '@dccg/gumbel';
import { conv2dValid } from './conv2dValid.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function maxAbsDiff(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]!);
}

describe('conv2dValid', () => {
  it('equals tf.conv2d (stride 1, valid) forward', () => {
    const rng = createRng(1);
    const x = rng.uniform([2, 9, 7, 3]);
    const w = tf.sub(rng.uniform([3, 2, 3, 4]), 0.5);
    const y = conv2dValid(x as tf.Tensor4D, w as tf.Tensor4D);
    expect(y.shape).toEqual([2, 7, 6, 4]);
    expect(maxAbsDiff(y, tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, 1, 'valid'))).toBeLessThan(1e-5);
    tf.dispose([x, w, y]);
  });

  it('has the gradients of tf.conv2d, for both the input and the filter', () => {
    const rng = createRng(2);
    const x = rng.uniform([3, 8, 8, 2]) as tf.Tensor4D;
    const w = tf.sub(rng.uniform([5, 5, 2, 3]), 0.5) as tf.Tensor4D;
    const r = rng.uniform([3, 4, 4, 3]);
    const ours = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(conv2dValid(a as tf.Tensor4D, b as tf.Tensor4D), r)))([x, w]);
    const theirs = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 1, 'valid'), r)))([x, w]);
    expect(maxAbsDiff(ours[0]!, theirs[0]!)).toBeLessThan(1e-4);
    expect(maxAbsDiff(ours[1]!, theirs[1]!)).toBeLessThan(1e-4);
    tf.dispose([x, w, r, ...ours, ...theirs]);
  });

  it('matches central finite differences of the filter gradient', () => {
    const rng = createRng(3);
    const x = rng.uniform([2, 5, 5, 1]) as tf.Tensor4D;
    const w = tf.sub(rng.uniform([3, 3, 1, 2]), 0.5) as tf.Tensor4D;
    const f = (b: tf.Tensor) => tf.sum(tf.square(conv2dValid(x, b as tf.Tensor4D)));
    const g = tf.grad(f)(w).dataSync();
    const w0 = w.dataSync();
    const eps = 1e-2;
    for (const i of [0, 5, 11, 17]) {
      const plus = Float32Array.from(w0);
      const minus = Float32Array.from(w0);
      plus[i]! += eps;
      minus[i]! -= eps;
      const fp = tf.tidy(() => f(tf.tensor(plus, w.shape)).dataSync()[0]!);
      const fm = tf.tidy(() => f(tf.tensor(minus, w.shape)).dataSync()[0]!);
      expect(g[i]!).toBeCloseTo((fp - fm) / (2 * eps), 1);
    }
    tf.dispose([x, w]);
  });

  it('does not leak tensors in forward and backward', () => {
    const x = tf.ones([1, 6, 6, 1]);
    const w = tf.ones([3, 3, 1, 1]);
    const before = tf.memory().numTensors;
    tf.dispose(tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(conv2dValid(a as tf.Tensor4D, b as tf.Tensor4D)))([x, w]));
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, w]);
  });

  it('rejects bad shapes with errors that name the argument', () => {
    expect(() => conv2dValid(tf.ones([6, 6, 1]) as unknown as tf.Tensor4D, tf.ones([3, 3, 1, 1]))).toThrow(/conv2dValid: x must be a rank-4/);
    expect(() => conv2dValid(tf.ones([1, 6, 6, 2]), tf.ones([3, 3, 1, 1]))).toThrow(/in-channels must equal x's channels \(2\), got 1/);
    expect(() => conv2dValid(tf.ones([1, 2, 2, 1]), tf.ones([3, 3, 1, 1]))).toThrow(/kernel 3x3 must fit/);
  });
});
