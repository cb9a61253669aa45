import './gradients.js';
import '@tensorflow/tfjs-backend-wasm';
import type { BackendChoice, BackendName, SelectBackendOptions } from './BackendChoice.js';
import { cpuCandidate, loadedCandidate, wasmCandidate } from './candidates.js';
import { chooseBackend } from './chooseBackend.js';
import type { Candidate } from './chooseBackend.js';
import { enableThreadedWasm } from './enableThreadedWasm.js';
import { loadDawnWebgpu } from './loadDawnWebgpu.js';
import { loadTensorflow } from './loadTensorflow.js';
import { resolveOrder } from './resolveOrder.js';

/** The order `selectBackend` tries in Node when nothing is preferred. WebGPU only when asked for. */
export const NODE_ORDER: readonly BackendName[] = ['tensorflow', 'wasm', 'cpu'];

/**
 * Chooses, prepares and activates a tfjs backend (Node entry), and says which and why.
 *
 * Order: `prefer` first (default none), then, unless `fallback: false`, `tensorflow`
 * (`@tensorflow/tfjs-node-gpu`, else `@tensorflow/tfjs-node`, when installed and loadable), `wasm`
 * (SIMD; `wasm.threads` for the threaded build), `cpu`. `webgpu` (Dawn, through the npm packages
 * `webgpu` and `@tensorflow/tfjs-backend-webgpu`) is tried only when preferred. A candidate counts
 * once it initialises and computes correctly. Always registers tfjs-core's gradients and the wasm
 * training kernels (`registerWasmTrainingKernels`). Warnings of candidates passed over are kept in
 * `tried`, not printed. Throws, listing every attempt, when nothing works (or, with
 * `fallback: false`, none of `prefer`).
 *
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { selectBackend } from '@dccg/backend';
 *
 * const choice = await selectBackend();                  // e.g. wasm
 * console.log(`backend ${choice.name}: ${choice.reason}`); // "backend wasm: WebAssembly, SIMD, 1 thread (…); tensorflow unavailable"
 * const g = tf.grad((x: tf.Tensor) => tf.sum(tf.square(x)))(tf.tensor1d([1, 2])); // gradients work
 * ```
 */
export async function selectBackend(options: SelectBackendOptions = {}): Promise<BackendChoice> {
  const order = resolveOrder(options.prefer, options.fallback ?? true, NODE_ORDER);
  const wasm = wasmCandidate(options, enableThreadedWasm);
  const byName: Record<BackendName, Candidate> = {
    tensorflow: {
      name: 'tensorflow',
      prepare: async () => {
        const loader = options.loaders?.tensorflow;
        return loader == null ? loadTensorflow() : loadedCandidate('tensorflow', options, 'its loader registered no tensorflow backend').prepare();
      },
    },
    wasm,
    cpu: cpuCandidate(),
    webgpu: {
      name: 'webgpu',
      prepare: async () =>
        options.loaders?.webgpu == null
          ? loadDawnWebgpu()
          : loadedCandidate('webgpu', options, 'its loader registered no webgpu backend').prepare(),
    },
    webgl: loadedCandidate('webgl', options, 'WebGL needs a browser (no WebGL context in Node)'),
  };
  return chooseBackend(order.map((name) => byName[name]));
}
