import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import '@dccg/backend/gradients';
import { registerWasmTrainingKernels } from '../registerWasmTrainingKernels.js';
import { randomInts, randomValues, wasmVsCpu } from '../__fixtures__/compareBackends.js';

beforeAll(async () => {
  registerWasmTrainingKernels();
  await tf.setBackend('wasm');
});

describe('GatherV2 on wasm', () => {
  it('picks one entry per row with batchDims = 1 (the stock wasm kernel reads past the batch)', () => {
    const r = tf.gather(tf.tensor2d([[1, 2, 3], [4, 5, 6]]), tf.tensor1d([2, 0], 'int32'), 1, 1);
    expect(r.shape).toEqual([2]);
    expect(Array.from(r.dataSync())).toEqual([3, 4]);
    r.dispose();
  });

  it('matches the cpu backend for batched gathers of several shapes, duplicates included, and their gradients', async () => {
    const x = randomValues(4 * 3 * 7 * 5, 11);
    const cases: [number[], number[], number, number][] = [
      [[4, 105], [4], 1, 1],
      [[4, 105], [4, 6], 1, 1],
      [[4, 3, 35], [4, 3], 2, 2],
      [[4, 3, 7, 5], [4, 9], 2, 1],
      [[4, 3, 7, 5], [4], 1, 1],
    ];
    for (const [xShape, iShape, axis, batchDims] of cases) {
      const dim = xShape[axis];
      const ids = randomInts(iShape.reduce((a, b) => a * b, 1), dim, 5 + axis);
      const err = await wasmVsCpu(() => {
        const xt = tf.tensor(x.subarray(0, xShape.reduce((a, b) => a * b, 1)), xShape);
        const it = tf.tensor(ids, iShape, 'int32');
        const y = tf.gather(xt, it, axis, batchDims);
        // tfjs-core's own gradient of a gather with batchDims > 1 fails on every backend.
        if (batchDims > 1) return [y];
        const g = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.gather(t, it, axis, batchDims), y)))(xt);
        return [y, g];
      });
      expect(err).toBeLessThan(1e-6);
    }
  });

  it('still gathers plain embedding rows (batchDims = 0) through the stock kernel, and rejects bad indices', async () => {
    const err = await wasmVsCpu(() => tf.gather(tf.tensor2d(randomValues(40, 3), [10, 4]), tf.tensor1d([9, 0, 9, 3], 'int32')));
    expect(err).toBe(0);
    expect(() => tf.gather(tf.tensor2d([[1, 2], [3, 4]]), tf.tensor1d([2, 0], 'int32'), 1, 1)).toThrow(/index value 2 is not in \[0, 1\]/);
  });
});
