import { backend_util, GatherV2, util } from '@tensorflow/tfjs-core';
import type { GatherV2Attrs, KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { stockKernel } from './stockKernels.js';
import { readData, writeOutput } from './wasmHost.js';
import type { WasmHost } from './wasmHost.js';

/**
 * `GatherV2` for the wasm backend. tfjs-backend-wasm 4.22 gives wrong values for a batched gather
 * (`batchDims > 0`) whose indices have no dimension beyond the batch ones, e.g.
 * `tf.gather(x[2, 3], indices[2], 1, 1)`: the second row reads past its batch (1e-40 instead of 4).
 * The gradient of a batched gather, and any "pick one entry per row" written as such a gather, hit
 * it. Batched gathers are computed here on the host (they are small: one slice per index); plain
 * gathers (`batchDims = 0`, every embedding lookup) still run in the stock SIMD kernel.
 *
 * ```ts
 * registerWasmTrainingKernels();
 * tf.gather(tf.tensor2d([[1, 2, 3], [4, 5, 6]]), tf.tensor1d([2, 0], 'int32'), 1, 1); // [3, 4]
 * ```
 */
export const gatherV2: KernelFunc = (args) => {
  const { inputs, backend, attrs } = args;
  const { x, indices } = inputs as { x: TensorInfo; indices: TensorInfo };
  const { axis, batchDims } = attrs as unknown as GatherV2Attrs;
  if (!batchDims) return stockKernel(GatherV2)(args);
  const host = backend as unknown as WasmHost;
  const parsedAxis = util.parseAxisParam(axis, x.shape)[0];
  const info = backend_util.segment_util.collectGatherOpShapeInfo(
    x as never,
    indices as never,
    parsedAxis,
    batchDims,
  );
  const { batchSize, outerSize, dimSize, sliceSize, outputShape } = info;
  const xs = readData(host, x);
  const ids = readData(host, indices);
  const perBatch = util.sizeFromShape(indices.shape) / batchSize;
  const out = x.dtype === 'int32' || x.dtype === 'bool' ? new Int32Array(util.sizeFromShape(outputShape)) : new Float32Array(util.sizeFromShape(outputShape));
  for (let b = 0; b < batchSize; b++) {
    for (let o = 0; o < outerSize; o++) {
      for (let i = 0; i < perBatch; i++) {
        const k = ids[b * perBatch + i];
        if (!(k >= 0 && k < dimSize)) {
          throw new Error(`GatherV2: the index value ${k} is not in [0, ${dimSize - 1}]`);
        }
        const src = ((b * outerSize + o) * dimSize + k) * sliceSize;
        const dst = ((b * outerSize + o) * perBatch + i) * sliceSize;
        for (let s = 0; s < sliceSize; s++) out[dst + s] = xs[src + s];
      }
    }
  }
  return writeOutput(host, outputShape, x.dtype, out);
};

/** Registration record of {@link gatherV2}. */
export const gatherV2Config: KernelConfig = { kernelName: GatherV2, backendName: 'wasm', kernelFunc: gatherV2 };
