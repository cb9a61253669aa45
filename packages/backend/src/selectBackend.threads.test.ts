import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { selectBackend } from './selectBackend.js';
import { randomValues, relativeError, runOn } from './__fixtures__/compareBackends.js';

// Its own file, so its own process: the wasm backend initialises once per process, and this one
// starts the threaded build.
describe('selectBackend with wasm threads (Node)', () => {
  it('starts the threaded SIMD build in Node, whose results match the cpu backend', async () => {
    const choice = await selectBackend({ prefer: 'wasm', wasm: { threads: 2 } });
    expect(choice.name).toBe('wasm');
    expect(choice.details.build).toBe('threaded SIMD build');
    // tfjs caps the pool at half the logical cores, so a 2-core machine runs 1 thread.
    expect(choice.details.threads).toBeGreaterThanOrEqual(1);
    const a = randomValues(96 * 80, 1);
    const b = randomValues(80 * 64, 2);
    const x = randomValues(4 * 12 * 12 * 6, 3);
    const w = randomValues(5 * 5 * 6 * 16, 4);
    const fn = () => [
      tf.matMul(tf.tensor2d(a, [96, 80]), tf.tensor2d(b, [80, 64])),
      tf.grad((k: tf.Tensor) => tf.sum(tf.square(tf.conv2d(tf.tensor4d(x, [4, 12, 12, 6]), k as tf.Tensor4D, 1, 'valid'))))(
        tf.tensor4d(w, [5, 5, 6, 16]),
      ),
    ];
    const onWasm = await runOn('wasm', fn);
    const onCpu = await runOn('cpu', fn);
    for (let i = 0; i < onCpu.length; i++) expect(relativeError(onWasm[i], onCpu[i])).toBeLessThan(1e-4);
  });
});
