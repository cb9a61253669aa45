import { backend_util, Conv2DBackpropFilter, BatchMatMul } from '@tensorflow/tfjs-core';
import type { Conv2DBackpropFilterAttrs, KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { readData, runWasmKernel, writeOutput } from './wasmHost.js';
import type { WasmHost } from './wasmHost.js';

/** Patch-matrix elements per chunk: bounds the scratch memory (16 MiB of float32) on large batches. */
const MAX_PATCH_ELEMENTS = 1 << 22;

/**
 * `Conv2DBackpropFilter` for the wasm backend, the filter gradient of `conv2d`:
 * `dW[r, c, i, o] = Σ_{b, y, x} x[b, y·sh + r·dh − top, x·sw + c·dw − left, i] · dy[b, y, x, o]`.
 *
 * The input patches of a chunk of examples are gathered on the host into a `[pixels, r·c·i]` matrix
 * (im2col), and the contraction with `dy` (`[pixels, o]`) runs as the wasm backend's own SIMD
 * `BatchMatMul` (transposed on the left), so the heavy part is XNNPACK's. NHWC and NCHW.
 *
 * ```ts
 * registerWasmTrainingKernels();
 * const x = tf.randomNormal([8, 28, 28, 1]);
 * const dW = tf.grad((w: tf.Tensor4D) => tf.sum(tf.conv2d(x as tf.Tensor4D, w, 1, 'valid')))(tf.randomNormal([5, 5, 1, 6]));
 * ```
 */
export const conv2DBackpropFilter: KernelFunc = ({ inputs, backend, attrs }) => {
  const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs as unknown as Conv2DBackpropFilterAttrs;
  const host = backend as unknown as WasmHost;
  if (x.dtype !== 'float32' || dy.dtype !== 'float32') {
    throw new Error(`Conv2DBackpropFilter (wasm): x and dy must be float32, got ${x.dtype} and ${dy.dtype}`);
  }
  const format = backend_util.convertConv2DDataFormat(dataFormat);
  const info = backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    filterShape,
    strides,
    1,
    pad,
    dimRoundingMode,
    false,
    format,
  );
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels } = info;
  const { filterHeight, filterWidth, strideHeight, strideWidth, dilationHeight, dilationWidth } = info;
  const top = info.padInfo.top;
  const left = info.padInfo.left;
  const channelsLast = format === 'channelsLast';
  // Element strides of x and dy for (batch, row, column, channel), whichever the layout.
  const [xB, xR, xC, xI] = channelsLast
    ? [inHeight * inWidth * inChannels, inWidth * inChannels, inChannels, 1]
    : [inChannels * inHeight * inWidth, inWidth, 1, inHeight * inWidth];
  const [dB, dR, dC, dO] = channelsLast
    ? [outHeight * outWidth * outChannels, outWidth * outChannels, outChannels, 1]
    : [outChannels * outHeight * outWidth, outWidth, 1, outHeight * outWidth];

  const xs = readData(host, x) as Float32Array;
  const dys = readData(host, dy) as Float32Array;
  const k = filterHeight * filterWidth * inChannels;
  const pixelsPerExample = outHeight * outWidth;
  const chunk = Math.max(1, Math.min(batchSize, Math.floor(MAX_PATCH_ELEMENTS / Math.max(1, k * pixelsPerExample))));
  const grad = new Float32Array(k * outChannels);

  for (let b0 = 0; b0 < batchSize; b0 += chunk) {
    const nb = Math.min(chunk, batchSize - b0);
    const n = nb * pixelsPerExample;
    const patches = new Float32Array(n * k);
    const dyRows = new Float32Array(n * outChannels);
    let row = 0;
    for (let b = b0; b < b0 + nb; b++) {
      for (let yo = 0; yo < outHeight; yo++) {
        for (let xo = 0; xo < outWidth; xo++, row++) {
          let col = row * k;
          for (let r = 0; r < filterHeight; r++) {
            const yi = yo * strideHeight - top + r * dilationHeight;
            for (let c = 0; c < filterWidth; c++) {
              const xi = xo * strideWidth - left + c * dilationWidth;
              if (yi < 0 || yi >= inHeight || xi < 0 || xi >= inWidth) {
                col += inChannels;
                continue;
              }
              const base = b * xB + yi * xR + xi * xC;
              for (let i = 0; i < inChannels; i++) patches[col++] = xs[base + i * xI];
            }
          }
          const dBase = b * dB + yo * dR + xo * dC;
          for (let o = 0; o < outChannels; o++) dyRows[row * outChannels + o] = dys[dBase + o * dO];
        }
      }
    }
    const a = writeOutput(host, [1, n, k], 'float32', patches);
    const d = writeOutput(host, [1, n, outChannels], 'float32', dyRows);
    const prod = runWasmKernel(BatchMatMul, host, { a, b: d }, { transposeA: true, transposeB: false });
    const part = readData(host, prod) as Float32Array;
    host.disposeData(a.dataId);
    host.disposeData(d.dataId);
    host.disposeData(prod.dataId);
    for (let j = 0; j < grad.length; j++) grad[j] += part[j];
  }
  return writeOutput(host, [...filterShape], 'float32', grad);
};

/** Registration record of {@link conv2DBackpropFilter}. */
export const conv2DBackpropFilterConfig: KernelConfig = {
  kernelName: Conv2DBackpropFilter,
  backendName: 'wasm',
  kernelFunc: conv2DBackpropFilter,
};
