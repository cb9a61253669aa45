import { BatchMatMul } from '@tensorflow/tfjs-core';
import type { BatchMatMulAttrs, KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { stockKernel } from './stockKernels.js';
import { runWasmKernel } from './wasmHost.js';
import type { WasmHost } from './wasmHost.js';

/** `x` with its last two axes swapped, by the wasm backend's own Transpose kernel. */
function swapLastAxes(host: WasmHost, x: TensorInfo): TensorInfo {
  const r = x.shape.length;
  const perm = [...Array(r).keys()];
  perm[r - 2] = r - 1;
  perm[r - 1] = r - 2;
  return runWasmKernel('Transpose', host, { x }, { perm });
}

/**
 * `BatchMatMul` for the wasm backend. tfjs-backend-wasm 4.22's kernel is 7–18× slower when asked to
 * transpose an operand (`tf.matMul(a, b, false, true)` on [3000, 60] × [60, 60]ᵀ: 17 ms against
 * 2.5 ms for an explicit transpose and a plain product, measured here), and the gradient of every
 * matMul asks for exactly that. This kernel transposes the flagged operands first, with the backend's
 * own Transpose, and hands the plain product to the stock kernel; results are identical.
 *
 * ```ts
 * registerWasmTrainingKernels();
 * tf.matMul(a, b, false, true); // a·bᵀ at the speed of a plain product
 * ```
 */
export const batchMatMul: KernelFunc = (args) => {
  const { inputs, backend, attrs } = args;
  const { transposeA, transposeB } = attrs as unknown as BatchMatMulAttrs;
  const stock = stockKernel(BatchMatMul);
  if (!transposeA && !transposeB) return stock(args);
  const host = backend as unknown as WasmHost;
  const { a, b } = inputs as { a: TensorInfo; b: TensorInfo };
  const at = transposeA ? swapLastAxes(host, a) : a;
  const bt = transposeB ? swapLastAxes(host, b) : b;
  try {
    return stock({ inputs: { a: at, b: bt }, backend, attrs: { ...attrs, transposeA: false, transposeB: false } });
  } finally {
    if (at !== a) host.disposeData(at.dataId);
    if (bt !== b) host.disposeData(bt.dataId);
  }
};

/** Registration record of {@link batchMatMul}. */
export const batchMatMulConfig: KernelConfig = { kernelName: BatchMatMul, backendName: 'wasm', kernelFunc: batchMatMul };
