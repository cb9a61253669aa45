import './gradients.browser.js';
import '@tensorflow/tfjs-backend-wasm';
import type { BackendChoice, BackendName, SelectBackendOptions } from './BackendChoice.js';
import { cpuCandidate, loadedCandidate, wasmCandidate } from './candidates.js';
import { chooseBackend } from './chooseBackend.js';
import type { Candidate } from './chooseBackend.js';
import { resolveOrder } from './resolveOrder.js';

/** The order `selectBackend` tries in a browser when nothing is preferred. */
export const BROWSER_ORDER: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

/**
 * Chooses, prepares and activates a tfjs backend (browser entry), and says which and why.
 *
 * Order: `prefer` first, then (unless `fallback: false`) webgpu, webgl, wasm, cpu. webgpu and webgl
 * are optional packages: import `@tensorflow/tfjs-backend-webgpu` / `-webgl` in the app, or pass
 * `loaders: { webgpu: () => import('@tensorflow/tfjs-backend-webgpu') }`; a backend that is not
 * registered is passed over with that reason. `tensorflow` is Node only. Registers tfjs-core's
 * gradients and the wasm training kernels. Set `wasm.paths` when the bundler does not serve the
 * `.wasm` files next to the script.
 *
 * ```ts
 * import { selectBackend } from '@dccg/backend';
 * const choice = await selectBackend({ loaders: { webgpu: () => import('@tensorflow/tfjs-backend-webgpu') } });
 * document.title = `dccg on ${choice.name}`;
 * ```
 */
export async function selectBackend(options: SelectBackendOptions = {}): Promise<BackendChoice> {
  const order = resolveOrder(options.prefer, options.fallback ?? true, BROWSER_ORDER);
  const nav = (globalThis as { navigator?: { gpu?: { requestAdapter: () => Promise<unknown> } } }).navigator;
  const byName: Record<BackendName, Candidate> = {
    webgpu: loadedCandidate(
      'webgpu',
      options,
      "not registered: import '@tensorflow/tfjs-backend-webgpu' or pass loaders.webgpu",
      async () => {
        if (nav?.gpu == null) return 'this browser has no navigator.gpu';
        const adapter = await nav.gpu.requestAdapter().catch(() => null);
        return adapter == null ? 'navigator.gpu gave no adapter' : null;
      },
      async () => ({ reason: 'WebGPU', details: {} }),
    ),
    webgl: loadedCandidate(
      'webgl',
      options,
      "not registered: import '@tensorflow/tfjs-backend-webgl' or pass loaders.webgl",
      undefined,
      async () => ({ reason: 'WebGL', details: {} }),
    ),
    wasm: wasmCandidate(options),
    cpu: cpuCandidate(),
    tensorflow: { name: 'tensorflow', prepare: async () => ({ ok: false, reason: 'tfjs-node runs only in Node' }) },
  };
  return chooseBackend(order.map((name) => byName[name]));
}
