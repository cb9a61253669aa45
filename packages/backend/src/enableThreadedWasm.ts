import * as tf from '@tensorflow/tfjs-core';
import { setThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { fileURLToPath } from 'node:url';

/** The pthread worker script that Node's worker_threads can start (see worker/ in this package). */
export const WASM_WORKER_PATH = fileURLToPath(
  new URL('../worker/tfjs-backend-wasm-threaded-simd.worker.cjs', import.meta.url),
);

/** What `enableThreadedWasm` hands back: the undo, and what to do once the backend is initialised. */
export interface ThreadedWasmHooks {
  /** Restores `URL.createObjectURL`; call once `tf.setBackend('wasm')` has settled. */
  cleanup: () => void;
  /** Lets the process exit while the pool's workers wait for work (call after initialisation). */
  afterInit: () => void;
}

/**
 * Lets tfjs-backend-wasm's threaded SIMD build start in Node (Node only), for the next
 * initialisation of the wasm backend.
 *
 * tfjs-backend-wasm 4.22 disables threads in Node (`WASM_HAS_MULTITHREAD_SUPPORT` is false when
 * `IS_NODE`), and forcing the flag fails with `ERR_WORKER_PATH`: its `locateFile` hands Emscripten a
 * `blob:` URL for the pthread worker (`URL.createObjectURL(new Blob([wasmWorkerContents]))`), and
 * Node's `Worker` accepts only file paths. So the flag is set and, during initialisation only,
 * `URL.createObjectURL` answers that request with the path of a worker file that loads tfjs's own
 * worker code and the threaded factory from the installed package.
 *
 * Emscripten keeps a Node worker referenced while a pthread runs on it, and XNNPACK's pool threads
 * run for the life of the backend, so the process would never exit; `afterInit` unreferences them
 * (they only ever work while the main thread waits inside a kernel).
 *
 * ```ts
 * const hooks = enableThreadedWasm(4);
 * try { await tf.setBackend('wasm'); } finally { hooks.cleanup(); }
 * hooks.afterInit();
 * ```
 */
export function enableThreadedWasm(threads: number | 'auto'): ThreadedWasmHooks {
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', true);
  // -1 is tfjs's own default: half the logical cores, at most 8.
  setThreadsCount(threads === 'auto' ? -1 : threads);
  const original = URL.createObjectURL;
  URL.createObjectURL = (obj: Blob | MediaSource) =>
    obj instanceof Blob && obj.type === 'application/javascript' ? WASM_WORKER_PATH : original(obj as Blob);
  return {
    cleanup: () => {
      URL.createObjectURL = original;
    },
    afterInit: () => {
      const module = (tf.backend() as unknown as { wasm?: { PThread?: PThreadPool } }).wasm;
      const pool = module?.PThread;
      if (pool == null) return;
      for (const w of [...pool.runningWorkers, ...pool.unusedWorkers]) w.unref?.();
    },
  };
}

interface PThreadPool {
  runningWorkers: { unref?: () => void }[];
  unusedWorkers: { unref?: () => void }[];
}
