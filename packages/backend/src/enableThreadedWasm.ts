import * as tf from '@tensorflow/tfjs-core';
import { setThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { fileURLToPath } from 'node:url';

/** The pthread worker script that Node's worker_threads can start (see worker/ in this package). */
export const WASM_WORKER_PATH = fileURLToPath(
  new URL('../worker/tfjs-backend-wasm-threaded-simd.worker.cjs', import.meta.url),
);

/**
 * Lets tfjs-backend-wasm's threaded SIMD build start in Node (Node only), for the next
 * initialisation of the wasm backend; returns the undo, to call once it is initialised.
 *
 * tfjs-backend-wasm 4.22 disables threads in Node (`WASM_HAS_MULTITHREAD_SUPPORT` is false when
 * `IS_NODE`), and forcing the flag fails with `ERR_WORKER_PATH`: its `locateFile` hands Emscripten a
 * `blob:` URL for the pthread worker (`URL.createObjectURL(new Blob([wasmWorkerContents]))`), and
 * Node's `Worker` accepts only file paths. So the flag is set and, during initialisation only,
 * `URL.createObjectURL` answers that request with the path of a worker file that loads tfjs's own
 * worker code and the threaded factory from the installed package.
 *
 * ```ts
 * const undo = enableThreadedWasm(4);
 * try { await tf.setBackend('wasm'); } finally { undo(); }
 * ```
 */
export function enableThreadedWasm(threads: number | 'auto'): () => void {
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', true);
  // -1 is tfjs's own default: half the logical cores, at most 8.
  setThreadsCount(threads === 'auto' ? -1 : threads);
  const original = URL.createObjectURL;
  URL.createObjectURL = (obj: Blob | MediaSource) =>
    obj instanceof Blob && obj.type === 'application/javascript' ? WASM_WORKER_PATH : original(obj as Blob);
  return () => {
    URL.createObjectURL = original;
  };
}
