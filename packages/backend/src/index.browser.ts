// Browser entry: what index.ts exports, with BROWSER_ORDER for NODE_ORDER; nothing Node-only.
export { BACKEND_NAMES } from './BackendChoice.js';
export type { BackendAttempt, BackendChoice, BackendName, SelectBackendOptions, WasmOptions } from './BackendChoice.js';
export { BROWSER_ORDER, selectBackend } from './selectBackend.browser.js';
export { registerWasmTrainingKernels, WASM_KERNEL_FIXES, WASM_TRAINING_KERNELS } from './registerWasmTrainingKernels.js';
