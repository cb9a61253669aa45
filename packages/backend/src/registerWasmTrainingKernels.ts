import { getKernel, registerKernel, unregisterKernel } from '@tensorflow/tfjs-core';
import type { KernelConfig, KernelFunc } from '@tensorflow/tfjs-core';
import { conv2DBackpropFilterConfig } from './kernels/conv2DBackpropFilter.js';
import { batchMatMulConfig } from './kernels/batchMatMul.js';
import { gatherV2Config } from './kernels/gatherV2.js';
import { sliceConfigs } from './kernels/slice.js';
import { rememberStockKernel } from './kernels/stockKernels.js';
import { oneHotConfig } from './kernels/oneHot.js';
import { unsortedSegmentSumConfig } from './kernels/unsortedSegmentSum.js';

/**
 * The kernels this package adds to tfjs-backend-wasm 4.22 for training: those that the backward
 * passes of the dccg tasks reach and that the wasm backend does not register.
 */
export const WASM_TRAINING_KERNELS: readonly KernelConfig[] = [conv2DBackpropFilterConfig, unsortedSegmentSumConfig];

/** Kernels of tfjs-backend-wasm 4.22 that give wrong results, and the replacements this package registers. */
export const WASM_KERNEL_FIXES: readonly KernelConfig[] = [oneHotConfig, gatherV2Config, batchMatMulConfig, ...sliceConfigs];

/**
 * Registers {@link WASM_TRAINING_KERNELS} for the `'wasm'` backend: `Conv2DBackpropFilter` (the
 * filter gradient of `conv2d`) and `UnsortedSegmentSum` (the gradient of `gather`, so of every
 * embedding table), where tfjs-backend-wasm has none (a later version may ship its own, which is then
 * kept); and {@link WASM_KERNEL_FIXES}: `OneHot`, whose wasm kernel fills float32 outputs with int32
 * bit patterns, and `GatherV2`, whose batched form (`batchDims > 0`) reads past its batch, and `BatchMatMul`, which is 7–18× slower
 * with a transpose flag than a transpose followed by a plain product (and matMul's gradient sets the
 * flags); and `Slice`, `SplitV` and `Unpack`, which copy their whole input out of the wasm heap for
 * every slice (an LSTM slices its input projection once per time step). Idempotent. Call it before or after `tf.setBackend('wasm')`; `selectBackend` calls it
 * for you. Returns the names it registered by this call.
 *
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import '@tensorflow/tfjs-backend-wasm';
 * import '@dccg/backend/gradients';
 * import { registerWasmTrainingKernels } from '@dccg/backend';
 *
 * registerWasmTrainingKernels();
 * await tf.setBackend('wasm');
 * const table = tf.variable(tf.randomNormal([10, 4]));
 * const g = tf.grad((t: tf.Tensor) => tf.sum(tf.gather(t, [1, 1, 3])))(table); // UnsortedSegmentSum on wasm
 * ```
 */
export function registerWasmTrainingKernels(): string[] {
  const added: string[] = [];
  for (const config of WASM_TRAINING_KERNELS) {
    if (getKernel(config.kernelName, 'wasm') != null) continue;
    registerKernel(config);
    added.push(config.kernelName);
  }
  for (const config of WASM_KERNEL_FIXES) {
    const current = getKernel(config.kernelName, 'wasm');
    if (current?.kernelFunc === config.kernelFunc) continue;
    if (current != null) rememberStockKernel(config.kernelName, current.kernelFunc as KernelFunc, config.kernelFunc);
    if (current != null) unregisterKernel(config.kernelName, 'wasm');
    // The stock kernel's setup binds its wasm function when the backend initialises; a fix that
    // delegates to the stock kernel needs that binding, so the replacement keeps the stock setup.
    registerKernel({ ...config, setupFunc: config.setupFunc ?? current?.setupFunc, disposeFunc: config.disposeFunc ?? current?.disposeFunc });
    added.push(config.kernelName);
  }
  return added;
}
