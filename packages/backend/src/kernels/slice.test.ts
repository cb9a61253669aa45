import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import '@dccg/backend/gradients';
import { registerWasmTrainingKernels } from '../registerWasmTrainingKernels.js';
import { randomValues, runOn, wasmVsCpu } from '../__fixtures__/compareBackends.js';
import { slice } from './slice.js';

beforeAll(async () => {
  registerWasmTrainingKernels();
  await tf.setBackend('wasm');
});

const tensor = (shape: number[], seed: number) => tf.tensor(randomValues(shape.reduce((a, b) => a * b, 1), seed), shape);

describe('Slice, SplitV and Unpack on wasm', () => {
  it('are the replacements, registered', () => {
    expect(tf.getKernel('Slice', 'wasm')?.kernelFunc).toBe(slice);
  });

  it('slice as the cpu backend does: contiguous and strided, ranks 1 to 5, negative sizes', async () => {
    const cases: [number[], number[], number[]][] = [
      [[10], [3], [4]],
      [[1500, 48], [500, 0], [50, 48]], // contiguous rows (an LSTM time step)
      [[6, 9], [1, 2], [4, 5]],
      [[4, 5, 6], [1, 0, 2], [2, 5, 3]],
      [[4, 5, 6], [0, 2, 0], [4, 2, 6]],
      [[3, 4, 5, 6], [1, 1, 1, 1], [2, -1, 3, 4]],
      [[2, 3, 4, 5, 6], [1, 0, 2, 1, 3], [1, 3, 2, 4, 2]],
      [[4, 5], [2, 1], [0, 3]], // empty
    ];
    for (const [k, [shape, begin, size]] of cases.entries()) {
      const x = tensor(shape, k + 1);
      const err = await wasmVsCpu(() => tf.slice(x, begin, size));
      expect(err, `case ${k}`).toBe(0);
    }
  });

  it('splitV and unpack along every axis, int32 and bool too', async () => {
    const x = tensor([4, 6, 5], 9);
    for (const axis of [0, 1, 2, -1]) {
      expect(await wasmVsCpu(() => tf.split(x, x.shape.at(axis)! === 6 ? [1, 3, 2] : x.shape.at(axis)!, axis))).toBe(0);
      expect(await wasmVsCpu(() => tf.unstack(x, axis))).toBe(0);
    }
    const ints = tf.tensor2d([1, 2, 3, 4, 5, 6], [2, 3], 'int32');
    const [a] = await runOn('wasm', () => tf.slice(ints, [0, 1], [2, 2]));
    expect(Array.from(a!)).toEqual([2, 3, 5, 6]);
    const flags = tf.tensor1d([true, false, true], 'bool');
    const parts = tf.unstack(flags);
    expect(parts.map((p) => p.dtype)).toEqual(['bool', 'bool', 'bool']);
    expect(parts.map((p) => p.dataSync()[0])).toEqual([1, 0, 1]);
  });

  it('gives the gradients of slice, split and unstack (an LSTM over time steps)', async () => {
    const x = tensor([6, 8], 5);
    const f = (t: tf.Tensor) => {
      const [p, q] = tf.split(t, [2, 4], 0);
      const rows = tf.unstack(q!, 0);
      return tf.sum(tf.mul(tf.add(tf.slice(p!, [1, 2], [1, 5]), tf.slice(rows[3]!, [1], [5])), tf.range(1, 6)));
    };
    expect(await wasmVsCpu(() => tf.grad(f)(x))).toBeLessThan(1e-6);
  });

  it('leaves no tensors behind', () => {
    const x = tensor([30, 50, 12], 3);
    const before = tf.memory().numTensors;
    tf.dispose([tf.slice(x, [3, 0, 0], [1, 50, 12]), ...tf.split(x, 5, 1), ...tf.unstack(x, 0)]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
