import { Slice, SplitV, Unpack, backend_util, slice_util, util } from '@tensorflow/tfjs-core';
import type { KernelConfig, KernelFunc, SliceAttrs, SplitVAttrs, TensorInfo, UnpackAttrs } from '@tensorflow/tfjs-core';
import { stockKernel } from './stockKernels.js';
import type { WasmHost } from './wasmHost.js';

/**
 * `x[begin : begin + size]` on the wasm heap. tfjs-backend-wasm 4.22's Slice first copies the whole
 * input out of the heap (`readSync`), so cutting one time step out of an LSTM's [time·batch, 4h] input
 * projection costs a copy of all of it (2.3 ms for a 1500 × 480 tensor), and its SplitV and Unpack
 * slice the same way. This one allocates the output first, then reads the input through a heap view
 * (no allocation follows, so the view stays valid): one contiguous copy, or one per innermost row.
 */
function sliceOnHeap(host: WasmHost, x: TensorInfo, begin: number[], size: number[]): TensorInfo {
  const out = host.makeOutput(size, x.dtype);
  const n = util.sizeFromShape(size);
  if (n === 0) return out;
  const xs = host.typedArrayFromHeap(x);
  const os = host.typedArrayFromHeap(out);
  const strides = util.computeStrides(x.shape);
  if (slice_util.isSliceContinous(x.shape, begin, size)) {
    const offset = slice_util.computeFlatOffset(begin, strides);
    os.set(xs.subarray(offset, offset + n));
    return out;
  }
  const rank = x.shape.length;
  const inner = size[rank - 1]!;
  const index = new Array<number>(rank - 1).fill(0); // odometer over the outer axes of the output
  for (let at = 0; at < n; at += inner) {
    let offset = begin[rank - 1]!;
    for (let k = 0; k < rank - 1; k++) offset += (begin[k]! + index[k]!) * strides[k]!;
    os.set(xs.subarray(offset, offset + inner), at);
    for (let k = rank - 2; k >= 0; k--) {
      if (++index[k]! < size[k]!) break;
      index[k] = 0;
    }
  }
  return out;
}

/** `Slice` for the wasm backend (strings go to the stock kernel). */
export const slice: KernelFunc = (args) => {
  const { inputs, backend, attrs } = args;
  const { x } = inputs as { x: TensorInfo };
  if (x.dtype === 'string') return stockKernel(Slice)(args);
  const { begin, size } = attrs as unknown as SliceAttrs;
  const [b, s] = slice_util.parseSliceParams(x, begin, size);
  return sliceOnHeap(backend as unknown as WasmHost, x, b, s);
};

/** `SplitV` for the wasm backend: the stock kernel's splits through {@link slice}'s copy. */
export const splitV: KernelFunc = (args) => {
  const { inputs, backend, attrs } = args;
  const { x } = inputs as { x: TensorInfo };
  if (x.dtype === 'string') return stockKernel(SplitV)(args);
  const { numOrSizeSplits, axis } = attrs as unknown as SplitVAttrs;
  const $axis = util.parseAxisParam(axis, x.shape)[0]!;
  const sizes = backend_util.prepareSplitSize(x as never, numOrSizeSplits, $axis);
  const begin = new Array<number>(x.shape.length).fill(0);
  return sizes.map((s) => {
    const size = [...x.shape];
    size[$axis] = s;
    const part = sliceOnHeap(backend as unknown as WasmHost, x, [...begin], size);
    begin[$axis]! += s;
    return part;
  });
};

/** `Unpack` for the wasm backend: one {@link slice} per index along `axis`, that axis dropped. */
export const unpack: KernelFunc = (args) => {
  const { inputs, backend, attrs } = args;
  const { value } = inputs as { value: TensorInfo };
  if (value.dtype === 'string') return stockKernel(Unpack)(args);
  let { axis } = attrs as unknown as UnpackAttrs;
  if (axis < 0) axis += value.shape.length;
  const outShape = value.shape.filter((_, k) => k !== axis);
  const begin = new Array<number>(value.shape.length).fill(0);
  const size = [...value.shape];
  size[axis] = 1;
  return Array.from({ length: value.shape[axis]! }, (_, i) => {
    begin[axis] = i;
    const { dataId, dtype } = sliceOnHeap(backend as unknown as WasmHost, value, [...begin], size);
    return { dataId, dtype, shape: outShape };
  });
};

/** Registration records of {@link slice}, {@link splitV} and {@link unpack}. */
export const sliceConfigs: readonly KernelConfig[] = [
  { kernelName: Slice, backendName: 'wasm', kernelFunc: slice },
  { kernelName: SplitV, backendName: 'wasm', kernelFunc: splitV },
  { kernelName: Unpack, backendName: 'wasm', kernelFunc: unpack },
];
