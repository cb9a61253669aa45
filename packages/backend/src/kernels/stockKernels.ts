import type { KernelFunc } from '@tensorflow/tfjs-core';

/**
 * The wasm backend's own kernels that a fix replaced, by kernel name: a fix handles the cases the
 * stock kernel gets wrong or slow and hands every other call back to it.
 */
const stock = new Map<string, KernelFunc>();

/** Remembers `kernelFunc` as the stock kernel `name` (never the fix itself). */
export function rememberStockKernel(name: string, kernelFunc: KernelFunc, fix: KernelFunc): void {
  if (kernelFunc !== fix) stock.set(name, kernelFunc);
}

/** The stock kernel `name`, or an error if the wasm backend registered none before the fix. */
export function stockKernel(name: string): KernelFunc {
  const k = stock.get(name);
  if (k == null) throw new Error(`@dccg/backend: the wasm backend has no ${name} kernel to delegate to`);
  return k;
}
