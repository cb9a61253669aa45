/** The backends `selectBackend` knows, by the name tfjs registers them under. */
export type BackendName = 'tensorflow' | 'wasm' | 'cpu' | 'webgpu' | 'webgl';

/** Every {@link BackendName}, for validating user input (a CLI flag, a config file). */
export const BACKEND_NAMES: readonly BackendName[] = ['tensorflow', 'wasm', 'cpu', 'webgpu', 'webgl'];

/** One candidate `selectBackend` tried, in the order it tried them. */
export interface BackendAttempt {
  name: BackendName;
  ok: boolean;
  /** Why it was taken or passed over, in words (`"@tensorflow/tfjs-node is not installed"`). */
  reason: string;
}

/**
 * What `selectBackend` chose and why, for a banner:
 *
 * ```ts
 * const choice = await selectBackend();
 * console.log(`backend ${choice.name}: ${choice.reason}`);
 * for (const t of choice.tried.filter((t) => !t.ok)) console.log(`  skipped ${t.name}: ${t.reason}`);
 * ```
 */
export interface BackendChoice {
  /** The backend now active (`tf.getBackend()`). */
  name: BackendName;
  /** Why it was chosen, and what it is (`"WebAssembly, SIMD, 1 thread"`). */
  reason: string;
  /** Every candidate in the order tried, the chosen one last. */
  tried: BackendAttempt[];
  /** Facts about the chosen backend: `simd`, `threads`, `package`, `adapter`, as they apply. */
  details: Record<string, string | number | boolean>;
}

/** Per-backend options of `selectBackend`. */
export interface WasmOptions {
  /**
   * Threads for XNNPACK. Default 1: the single-threaded SIMD build, which needs no workers. A number
   * above 1 (or `'auto'`, one per two logical cores) loads the threaded SIMD build; tfjs caps the pool
   * at half the logical cores and at 8.
   */
  threads?: number | 'auto';
  /**
   * Where the `.wasm` files are served from (a URL prefix ending in `/`), for browser bundles; passed
   * to tfjs-backend-wasm's `setWasmPaths`. Default: next to tfjs-backend-wasm's own script (Node finds
   * them in the package).
   */
  paths?: string;
}

/** Options of `selectBackend`. */
export interface SelectBackendOptions {
  /**
   * Backends to try first, in order. Default: none, so the platform order is used (Node: tensorflow,
   * wasm, cpu; browser: webgpu, webgl, wasm, cpu). `webgpu` in Node is tried only when named here.
   */
  prefer?: BackendName | BackendName[];
  /** After the preferred ones fail, go on with the platform order. Default true; false throws instead. */
  fallback?: boolean;
  /** Options of the wasm backend. */
  wasm?: WasmOptions;
  /**
   * Loaders for optional backend packages, for bundlers and apps that import them themselves, e.g.
   * `{ webgpu: () => import('@tensorflow/tfjs-backend-webgpu') }`. Default: the built-in ones.
   */
  loaders?: Partial<Record<BackendName, () => Promise<unknown>>>;
}
