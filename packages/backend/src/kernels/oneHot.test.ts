import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerWasmTrainingKernels } from '../registerWasmTrainingKernels.js';
import { randomInts, wasmVsCpu } from '../__fixtures__/compareBackends.js';

beforeAll(async () => {
  registerWasmTrainingKernels();
  await tf.setBackend('wasm');
});

describe('OneHot on wasm', () => {
  it('gives float32 one-hot rows (the stock wasm kernel gives int32 bit patterns)', async () => {
    const o = tf.oneHot(tf.tensor1d([0, 2], 'int32'), 3, 1, 0, 'float32');
    expect(o.dtype).toBe('float32');
    expect(Array.from(o.dataSync())).toEqual([1, 0, 0, 0, 0, 1]);
    o.dispose();
  });

  it('matches the cpu backend for float32 and int32, any on/off values, rank-2 indices, out-of-range ids', async () => {
    const ids = Int32Array.from([...randomInts(58, 9, 3), -1, 12]);
    for (const dtype of ['float32', 'int32'] as const) {
      const err = await wasmVsCpu(() => tf.oneHot(tf.tensor2d(ids, [6, 10], 'int32'), 9, 3, -2, dtype));
      expect(err).toBe(0);
    }
  });
});
