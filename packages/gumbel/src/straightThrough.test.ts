import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@dccg/backend/gradients';
import { beforeAll, describe, expect, it } from 'vitest';
import { straightThrough } from './straightThrough.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('straightThrough', () => {
  it('forwards the one-hot of the argmax and passes the gradient unchanged', () => {
    const soft = tf.tensor2d([[0.1, 0.7, 0.2], [0.5, 0.2, 0.3]]);
    const w = tf.tensor2d([[1, 2, 3], [-1, 0.5, 4]]);
    const before = tf.memory().numTensors;
    const hard = straightThrough(soft);
    expect(hard.dtype).toBe('float32');
    expect(hard.arraySync()).toEqual([[0, 1, 0], [1, 0, 0]]);
    const g = tf.grad((x: tf.Tensor) => tf.sum(tf.mul(straightThrough(x), w)))(soft);
    expect(Array.from(g.dataSync())).toEqual(Array.from(w.dataSync()));
    tf.dispose([hard, g]);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([soft, w]);
  });

  it('works along a non-last axis', () => {
    const soft = tf.tensor2d([[0.1, 0.7], [0.9, 0.3]]);
    const hard = straightThrough(soft, { axis: 0 });
    expect(hard.arraySync()).toEqual([[0, 1], [1, 0]]);
    tf.dispose([soft, hard]);
  });

  it('throws clear errors', () => {
    const x = tf.tensor1d([1, 2]);
    expect(() => straightThrough(x, { axis: 1 })).toThrow('straightThrough: axis must be an integer in [-1, 0] for rank 1, got 1');
    const s = tf.scalar(1);
    expect(() => straightThrough(s)).toThrow('straightThrough: soft must have rank >= 1');
    const i = tf.tensor1d([1, 2], 'int32');
    expect(() => straightThrough(i)).toThrow('straightThrough: soft must be a float32 tensor, got dtype int32');
    tf.dispose([x, s, i]);
  });
});
