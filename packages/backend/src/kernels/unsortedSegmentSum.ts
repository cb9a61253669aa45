import { UnsortedSegmentSum, util } from '@tensorflow/tfjs-core';
import type { KernelConfig, KernelFunc, TensorInfo, UnsortedSegmentSumAttrs } from '@tensorflow/tfjs-core';
import { readData } from './wasmHost.js';
import type { WasmHost } from './wasmHost.js';

/**
 * `UnsortedSegmentSum` for the wasm backend: `out[s, …] = Σ_{i : ids[i] = s} x[i, …]`. It is the
 * gradient of `gather`, so of every embedding table. Ids outside `[0, numSegments)` are dropped, as
 * the cpu backend does. One pass over `x` on the host, accumulating in the output's dtype.
 *
 * ```ts
 * registerWasmTrainingKernels();
 * tf.unsortedSegmentSum(tf.tensor2d([[1, 2], [3, 4], [5, 6]]), tf.tensor1d([1, 0, 1], 'int32'), 2);
 * // [[3, 4], [6, 8]]
 * ```
 */
export const unsortedSegmentSum: KernelFunc = ({ inputs, backend, attrs }) => {
  const { x, segmentIds } = inputs as { x: TensorInfo; segmentIds: TensorInfo };
  const { numSegments } = attrs as unknown as UnsortedSegmentSumAttrs;
  const host = backend as unknown as WasmHost;
  if (x.dtype !== 'float32' && x.dtype !== 'int32') {
    throw new Error(`UnsortedSegmentSum (wasm): x must be float32 or int32, got ${x.dtype}`);
  }
  const idsRank = segmentIds.shape.length;
  const rows = util.sizeFromShape(segmentIds.shape);
  const rowShape = x.shape.slice(idsRank);
  const inner = util.sizeFromShape(rowShape);
  const xs = readData(host, x);
  const ids = readData(host, segmentIds);
  // Accumulate straight into the output on the wasm heap (it can be a whole embedding table's
  // gradient, e.g. 40,943 × 256 for WN18RR); no allocation follows, so the view stays valid.
  const out = host.makeOutput([numSegments, ...rowShape], x.dtype);
  const acc = host.typedArrayFromHeap(out);
  acc.fill(0);
  for (let i = 0; i < rows; i++) {
    const s = ids[i];
    if (s < 0 || s >= numSegments) continue;
    const src = i * inner;
    const dst = s * inner;
    for (let j = 0; j < inner; j++) acc[dst + j] += xs[src + j];
  }
  return out;
};

/** Registration record of {@link unsortedSegmentSum}. */
export const unsortedSegmentSumConfig: KernelConfig = {
  kernelName: UnsortedSegmentSum,
  backendName: 'wasm',
  kernelFunc: unsortedSegmentSum,
};
