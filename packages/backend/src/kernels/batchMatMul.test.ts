import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import '@dccg/backend/gradients';
import { registerWasmTrainingKernels } from '../registerWasmTrainingKernels.js';
import { randomValues, wasmVsCpu } from '../__fixtures__/compareBackends.js';

beforeAll(async () => {
  registerWasmTrainingKernels();
  await tf.setBackend('wasm');
});

describe('BatchMatMul on wasm', () => {
  it('matches the cpu backend for every transpose flag, rank 2 and 3, with gradients', async () => {
    const cases: [number[], number[], boolean, boolean][] = [
      [[7, 5], [5, 3], false, false],
      [[5, 7], [5, 3], true, false],
      [[7, 5], [3, 5], false, true],
      [[5, 7], [3, 5], true, true],
      [[4, 7, 5], [4, 3, 5], false, true],
      [[4, 5, 7], [4, 5, 3], true, false],
    ];
    for (const [sa, sb, ta, tb] of cases) {
      const err = await wasmVsCpu(() => {
        const a = tf.tensor(randomValues(sa.reduce((x, y) => x * y, 1), 3), sa);
        const b = tf.tensor(randomValues(sb.reduce((x, y) => x * y, 1), 4), sb);
        const y = tf.matMul(a, b, ta, tb);
        const [ga, gb] = tf.grads((p: tf.Tensor, q: tf.Tensor) => tf.sum(tf.mul(tf.matMul(p, q, ta, tb), y)))([a, b]);
        return [y, ga, gb];
      });
      expect(err).toBeLessThan(1e-5);
    }
  });

  it('leaks no tensor and no wasm memory for the transposed copies', () => {
    const a = tf.tensor2d(randomValues(12, 1), [3, 4]);
    const b = tf.tensor2d(randomValues(8, 2), [2, 4]);
    tf.matMul(a, b, false, true).dispose();
    const before = tf.memory();
    for (let i = 0; i < 5; i++) tf.matMul(a, b, false, true).dispose();
    const after = tf.memory();
    expect(after.numTensors).toBe(before.numTensors);
    expect(after.numBytes).toBe(before.numBytes);
    expect(after.numDataBuffers).toBe(before.numDataBuffers);
  });
});
