import os from 'node:os';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { selectBackend } from './selectBackend.js';
import { randomValues, relativeError, runOn } from './__fixtures__/compareBackends.js';

// Its own file, so its own process: the wasm backend initialises once per process, and this one
// starts the threaded build.
describe('selectBackend with wasm threads (Node)', () => {
  it('starts the threaded SIMD build in Node, whose results match the cpu backend', async () => {
    // tfjs caps the pool at half the logical cores it is told of (so at 1 on a 2-core CI machine);
    // telling it of 4 during initialisation makes it start 2 pool threads on any machine.
    const cpus = os.cpus;
    os.cpus = () => [...cpus(), ...cpus(), ...cpus(), ...cpus()].slice(0, 4);
    let choice;
    try {
      choice = await selectBackend({ prefer: 'wasm', wasm: { threads: 2 } });
    } finally {
      os.cpus = cpus;
    }
    expect(choice.name).toBe('wasm');
    expect(choice.details.build).toBe('threaded SIMD build');
    expect(choice.details.threads).toBe(2);
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
