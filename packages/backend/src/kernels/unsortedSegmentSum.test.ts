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

describe('UnsortedSegmentSum on wasm', () => {
  it('sums rows by segment id as the cpu backend does, duplicate ids included', async () => {
    for (const [rows, inner, segments, seed] of [
      [200, 16, 7, 1],
      [1000, 1, 40, 2],
      [64, 33, 64, 3],
    ] as const) {
      const x = randomValues(rows * inner, seed);
      const ids = randomInts(rows, segments, seed + 10);
      expect(new Set(ids).size).toBeLessThan(rows); // duplicates present
      const err = await wasmVsCpu(() =>
        tf.unsortedSegmentSum(tf.tensor2d(x, [rows, inner]), tf.tensor1d(ids, 'int32'), segments),
      );
      expect(err).toBeLessThan(1e-4);
    }
  });

  it('handles rank-3 values, int32 values, and ids outside [0, numSegments) (dropped)', async () => {
    const x = randomValues(30 * 4 * 3, 4);
    const ids = Int32Array.from([0, 2, 2, -1, 5, 1, 1, 1, 0, 9, 2, 3, 3, 0, 4, 4, 2, 1, 0, 0, 3, 2, 1, 0, 6, 2, 2, 2, 1, 0]);
    const err = await wasmVsCpu(() =>
      tf.unsortedSegmentSum(tf.tensor3d(x, [30, 4, 3]), tf.tensor1d(ids, 'int32'), 5),
    );
    expect(err).toBeLessThan(1e-4);
    await tf.setBackend('wasm');
    const ints = tf.unsortedSegmentSum(tf.tensor1d([1, 2, 3, 4], 'int32'), tf.tensor1d([1, 0, 1, 7], 'int32'), 2);
    expect(ints.dtype).toBe('int32');
    expect(ints.shape).toEqual([2]);
    expect(Array.from(ints.dataSync())).toEqual([2, 4]);
    ints.dispose();
  });

  it('is the gradient of gather (an embedding table) on wasm, and leaks nothing', async () => {
    const table = randomValues(50 * 8, 5);
    const idx = randomInts(300, 50, 6);
    const err = await wasmVsCpu(() =>
      tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.gather(t, tf.tensor1d(idx, 'int32')), tf.tensor1d(randomValues(8, 7)))))(
        tf.tensor2d(table, [50, 8]),
      ),
    );
    expect(err).toBeLessThan(1e-4);
    await tf.setBackend('wasm');
    const t = tf.tensor2d(table, [50, 8]);
    const i = tf.tensor1d(idx, 'int32');
    const before = tf.memory().numTensors;
    tf.dispose(tf.tidy(() => tf.grad((v: tf.Tensor) => tf.sum(tf.gather(v, i)))(t)));
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([t, i]);
  });
});
