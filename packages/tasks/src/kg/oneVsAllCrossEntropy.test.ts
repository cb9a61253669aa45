import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@dccg/backend/gradients';
import { oneVsAllCrossEntropy } from './oneVsAllCrossEntropy.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('oneVsAllCrossEntropy', () => {
  const rows = [
    [1, 2, 0.5, -1],
    [0, 0, 3, 1],
  ];
  const targets = Int32Array.from([1, 3]);

  it('is the mean of logsumexp(row) − row[target]', () => {
    const expected =
      rows.reduce((s, r, i) => s + Math.log(r.reduce((a, v) => a + Math.exp(v), 0)) - r[targets[i]!]!, 0) / rows.length;
    expect(oneVsAllCrossEntropy(tf.tensor2d(rows), targets).dataSync()[0]).toBeCloseTo(expected, 5);
  });

  it('has the gradient (softmax − onehot) / batch', () => {
    const g = tf.grad((s: tf.Tensor) => oneVsAllCrossEntropy(s, targets))(tf.tensor2d(rows)).arraySync() as number[][];
    rows.forEach((r, i) => {
      const z = r.reduce((a, v) => a + Math.exp(v), 0);
      r.forEach((v, e) => expect(g[i]![e]).toBeCloseTo((Math.exp(v) / z - (e === targets[i] ? 1 : 0)) / rows.length, 5));
    });
  });

  it('rejects targets outside the entities, naming the index', () => {
    expect(() => oneVsAllCrossEntropy(tf.tensor2d(rows), Int32Array.from([1, 4]))).toThrow(
      /oneVsAllCrossEntropy: targets\[1\] must be an integer in \[0, 4\), got 4/,
    );
    expect(() => oneVsAllCrossEntropy(tf.tensor2d(rows), [1])).toThrow(/targets must hold 2 indices/);
  });
});
