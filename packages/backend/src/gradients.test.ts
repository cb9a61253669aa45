import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import '@dccg/backend/gradients';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('@dccg/backend/gradients', () => {
  it('registers the gradients of tfjs-core ops (exp, gather, matMul)', () => {
    const dExp = tf.grad((x: tf.Tensor) => tf.sum(tf.exp(x)))(tf.tensor1d([0, 1]));
    expect(Array.from(dExp.dataSync())).toEqual([1, Math.fround(Math.E)].map((v) => expect.closeTo(v, 5)));
    const dGather = tf.grad((x: tf.Tensor) => tf.sum(tf.gather(x, [0, 0, 1])))(tf.tensor1d([1, 2, 3]));
    expect(Array.from(dGather.dataSync())).toEqual([2, 1, 0]);
    const dMat = tf.grad((x: tf.Tensor) => tf.sum(tf.matMul(x as tf.Tensor2D, x as tf.Tensor2D)))(
      tf.tensor2d([[1, 2], [3, 4]]),
    );
    expect(Array.from(dMat.dataSync())).toEqual([7, 11, 9, 13]);
  });

  it('makes the gradients that call chained ops work: prod, and gather with batchDims 1', () => {
    const x = tf.tensor2d([[1, 2, 3], [4, 5, 6]]);
    const dProd = tf.grad((v: tf.Tensor) => tf.sum(tf.prod(v, 1)))(x);
    expect(Array.from(dProd.dataSync())).toEqual([6, 3, 2, 30, 24, 20]);
    const idx = tf.tensor2d([[2, 2], [0, 1]], [2, 2], 'int32');
    const dGather = tf.grad((v: tf.Tensor) => tf.sum(tf.gather(v, idx, 1, 1)))(x);
    expect(Array.from(dGather.dataSync())).toEqual([0, 0, 2, 1, 1, 0]);
    tf.dispose([x, dProd, idx, dGather]);
  });
});
