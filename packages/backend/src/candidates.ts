import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { getThreadsCount, setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import type { BackendName, SelectBackendOptions, WasmOptions } from './BackendChoice.js';
import type { Candidate, Preparation } from './chooseBackend.js';
import { firstLine } from './chooseBackend.js';
import { registerFusedKernels } from './kernels/pairReluSum.js';
import { registerWasmTrainingKernels } from './registerWasmTrainingKernels.js';

/** Validates `wasm.threads`: an integer ≥ 1 or `'auto'`. */
export function checkThreads(threads: WasmOptions['threads']): number | 'auto' {
  if (threads === undefined) return 1;
  if (threads === 'auto' || (Number.isInteger(threads) && threads >= 1)) return threads;
  throw new Error(`selectBackend: wasm.threads must be an integer >= 1 or 'auto', got ${JSON.stringify(threads)}`);
}

/**
 * The wasm candidate. `threaded` (Node only) switches tfjs to its threaded SIMD build and returns
 * the undo for after initialisation; without it, or with 1 thread, the single-threaded SIMD build.
 */
export function wasmCandidate(
  options: SelectBackendOptions,
  threaded?: (threads: number | 'auto') => { cleanup: () => void; afterInit: () => void },
): Candidate {
  const threads = checkThreads(options.wasm?.threads);
  return {
    name: 'wasm',
    prepare: async (): Promise<Preparation> => {
      registerWasmTrainingKernels();
      registerFusedKernels();
      let hooks: { cleanup?: () => void; afterInit?: () => void } = {};
      const initialised = tf.engine().registry.wasm != null;
      if (!initialised) {
        if (options.wasm?.paths !== undefined) setWasmPaths(options.wasm.paths);
        if (threads !== 1) {
          if (threaded == null) return { ok: false, reason: 'threaded wasm was asked for, but this platform cannot start its workers' };
          hooks = threaded(threads);
        } else {
          setThreadsCount(1);
        }
      }
      return {
        ok: true,
        ...hooks,
        describe: async () => {
          const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
          const count = getThreadsCount();
          const build = 'PThread' in ((tf.backend() as unknown as { wasm?: object }).wasm ?? {}) ? 'threaded SIMD build' : simd ? 'SIMD build' : 'plain build';
          const note = initialised && threads !== 1 && count === 1 ? ' (already initialised before; threads unchanged)' : '';
          return {
            reason: `WebAssembly, ${simd ? 'SIMD' : 'no SIMD'}, ${count} thread${count === 1 ? '' : 's'} (XNNPACK, ${build})${note}`,
            details: { simd: Boolean(simd), threads: count, build },
          };
        },
      };
    },
  };
}

/** The cpu candidate: always there, the slowest. */
export function cpuCandidate(): Candidate {
  return {
    name: 'cpu',
    prepare: async () => {
      registerFusedKernels();
      return {
        ok: true,
        afterInit: () => {
          // tfjs-backend-cpu prints a "looks like you are running TensorFlow.js in Node.js" banner at the
          // first tensor it stores. Here the cpu backend was chosen on purpose (and the reason says what
          // else was tried), so the banner would only repeat that, in the middle of the training output.
          (tf.backend() as unknown as { firstUse?: boolean }).firstUse = false;
        },
        describe: async () => ({ reason: 'plain JavaScript (tfjs-backend-cpu): always available, the slowest', details: {} }),
      };
    },
  };
}

/**
 * A candidate whose package the app supplies through `options.loaders[name]`, or that is already
 * registered with tfjs-core (the app imported its package).
 */
export function loadedCandidate(
  name: BackendName,
  options: SelectBackendOptions,
  hint: string,
  check?: () => Promise<string | null>,
  describe?: () => Promise<{ reason: string; details: Record<string, string | number | boolean> }>,
): Candidate {
  return {
    name,
    prepare: async (): Promise<Preparation> => {
      const loader = options.loaders?.[name];
      if (loader != null) {
        try {
          await loader();
        } catch (err) {
          return { ok: false, reason: `its loader failed: ${firstLine(err)}` };
        }
      }
      if (tf.findBackendFactory(name) == null) return { ok: false, reason: hint };
      const problem = check == null ? null : await check();
      if (problem != null) return { ok: false, reason: problem };
      return { ok: true, describe: describe ?? (async () => ({ reason: `tfjs backend '${name}'`, details: {} })) };
    },
  };
}
