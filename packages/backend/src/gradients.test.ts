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
});
