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

/** The kernel itself (tfjs-core exports no op for it; conv2d's gradient calls it the same way). */
function backpropFilter(
  x: tf.Tensor4D,
  dy: tf.Tensor4D,
  filterShape: [number, number, number, number],
  strides: number | [number, number],
  pad: 'valid' | 'same' | number,
  dataFormat: 'NHWC' | 'NCHW' = 'NHWC',
): tf.Tensor {
  return tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, { strides, pad, dataFormat, filterShape }) as tf.Tensor;
}

type Case = {
  x: [number, number, number, number];
  filter: [number, number, number, number];
  strides: number | [number, number];
  pad: 'valid' | 'same' | number;
  dataFormat?: 'NHWC' | 'NCHW';
};

const cases: Case[] = [
  // LeNet on MNIST: conv 1→6 k5 on 28², then 6→16 k5 on 12².
  { x: [4, 28, 28, 1], filter: [5, 5, 1, 6], strides: 1, pad: 'valid' },
  { x: [4, 12, 12, 6], filter: [5, 5, 6, 16], strides: 1, pad: 'valid' },
  { x: [3, 9, 11, 2], filter: [3, 3, 2, 4], strides: 2, pad: 'same' },
  { x: [2, 8, 7, 3], filter: [2, 3, 3, 5], strides: [1, 2], pad: 1 },
  { x: [2, 3, 10, 9], filter: [3, 3, 3, 4], strides: 1, pad: 'same', dataFormat: 'NCHW' },
];

describe('Conv2DBackpropFilter on wasm', () => {
  it('matches the cpu backend (strides, same/valid/explicit padding, NHWC and NCHW)', async () => {
    let seed = 1;
    for (const c of cases) {
      const nchw = c.dataFormat === 'NCHW';
      const xs = randomValues(c.x.reduce((a, b) => a * b), seed++);
      // The output shape comes from the forward conv on cpu (which supports NCHW).
      await tf.setBackend('cpu');
      const yShape = tf.tidy(() =>
        tf.conv2d(tf.tensor4d(xs, c.x), tf.zeros(c.filter) as tf.Tensor4D, c.strides, c.pad, c.dataFormat ?? 'NHWC').shape,
      );
      const dys = randomValues(yShape.reduce((a, b) => a * b), seed++);
      const err = await wasmVsCpu(() =>
        backpropFilter(tf.tensor4d(xs, c.x), tf.tensor4d(dys, yShape), c.filter, c.strides, c.pad, c.dataFormat ?? 'NHWC'),
      );
      expect(err, JSON.stringify(c) + (nchw ? ' NCHW' : '')).toBeLessThan(1e-4);
    }
  });

  it('splits a large batch into chunks without changing the result', async () => {
    // 40 examples of 24² output pixels × 200 patch values: more than one chunk of 2^22 elements.
    const x = randomValues(40 * 28 * 28 * 8, 21);
    const dy = randomValues(40 * 24 * 24 * 1, 22);
    const err = await wasmVsCpu(() =>
      backpropFilter(tf.tensor4d(x, [40, 28, 28, 8]), tf.tensor4d(dy, [40, 24, 24, 1]), [5, 5, 8, 1], 1, 'valid'),
    );
    expect(err).toBeLessThan(1e-4);
  });

  it('is the filter gradient of conv2d on wasm, and leaks nothing', async () => {
    const x = randomValues(2 * 10 * 10 * 3, 31);
    const w = randomValues(3 * 3 * 3 * 4, 32);
    const loss = (f: tf.Tensor) => tf.sum(tf.square(tf.conv2d(tf.tensor4d(x, [2, 10, 10, 3]), f as tf.Tensor4D, 1, 'same')));
    const err = await wasmVsCpu(() => tf.grad(loss)(tf.tensor4d(w, [3, 3, 3, 4])));
    expect(err).toBeLessThan(1e-4);
    await tf.setBackend('wasm');
    const filter = tf.tensor4d(w, [3, 3, 3, 4]);
    const before = tf.memory().numTensors;
    tf.dispose(tf.tidy(() => tf.grad(loss)(filter)));
    expect(tf.memory().numTensors).toBe(before);
    filter.dispose();
  });
});
