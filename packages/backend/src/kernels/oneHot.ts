import { OneHot, util } from '@tensorflow/tfjs-core';
import type { KernelConfig, KernelFunc, OneHotAttrs, TensorInfo } from '@tensorflow/tfjs-core';
import { readData, writeOutput } from './wasmHost.js';
import type { WasmHost } from './wasmHost.js';

/**
 * `OneHot` for the wasm backend, replacing tfjs-backend-wasm 4.22's own, which writes int32 bit
 * patterns into a float32 output (`tf.oneHot(i, n, 1, 0, 'float32')` gives 1.4e-45 instead of 1).
 * Indices outside `[0, depth)` give a row of `offValue`, as on the cpu backend.
 *
 * ```ts
 * registerWasmTrainingKernels();
 * tf.oneHot(tf.tensor1d([0, 2], 'int32'), 3, 1, 0, 'float32'); // [[1, 0, 0], [0, 0, 1]]
 * ```
 */
export const oneHot: KernelFunc = ({ inputs, backend, attrs }) => {
  const { indices } = inputs as { indices: TensorInfo };
  const { dtype, depth, onValue, offValue } = attrs as unknown as OneHotAttrs;
  const host = backend as unknown as WasmHost;
  const ids = readData(host, indices);
  const n = util.sizeFromShape(indices.shape);
  const values = dtype === 'float32' ? new Float32Array(n * depth) : new Int32Array(n * depth);
  if (offValue !== 0) values.fill(offValue);
  for (let i = 0; i < n; i++) {
    const k = ids[i];
    if (k >= 0 && k < depth) values[i * depth + k] = onValue;
  }
  return writeOutput(host, [...indices.shape, depth], dtype, values);
};

/** Registration record of {@link oneHot}. */
export const oneHotConfig: KernelConfig = { kernelName: OneHot, backendName: 'wasm', kernelFunc: oneHot };
