import { getKernel } from '@tensorflow/tfjs-core';
import type { DataType, KernelFunc, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs-core';

/**
 * The part of tfjs-backend-wasm's `BackendWasm` that the training kernels use. It is typed here,
 * structurally, so that this module needs only tfjs-core and stays browser-safe.
 */
export interface WasmHost {
  readSync(dataId: object): Float32Array | Int32Array | Uint8Array;
  makeOutput(shape: number[], dtype: DataType): TensorInfo;
  typedArrayFromHeap(info: TensorInfo): Float32Array | Int32Array | Uint8Array;
  disposeData(dataId: object): boolean;
}

/** Input data as a copy that stays valid while the wasm heap grows. */
export function readData(backend: WasmHost, t: TensorInfo): Float32Array | Int32Array | Uint8Array {
  return backend.readSync(t.dataId);
}

/** A new wasm tensor holding `values`; the heap view is taken right after the allocation, before any other. */
export function writeOutput(backend: WasmHost, shape: number[], dtype: DataType, values: ArrayLike<number>): TensorInfo {
  const out = backend.makeOutput(shape, dtype);
  backend.typedArrayFromHeap(out).set(values);
  return out;
}

/** Runs another kernel of the wasm backend directly on tensors of that backend. */
export function runWasmKernel(
  kernelName: string,
  backend: WasmHost,
  inputs: Record<string, TensorInfo>,
  attrs: NamedAttrMap,
): TensorInfo {
  const kernel = getKernel(kernelName, 'wasm');
  if (kernel == null) throw new Error(`@dccg/backend: the wasm backend has no ${kernelName} kernel`);
  const func = kernel.kernelFunc as KernelFunc;
  return func({ inputs, backend: backend as never, attrs }) as TensorInfo;
}
