// Node entry. The browser entry (index.browser.ts, picked by the `browser` export condition) exports
// the same names, with BROWSER_ORDER for NODE_ORDER; the Node-only loaders stay internal.
export { BACKEND_NAMES } from './BackendChoice.js';
export type { BackendAttempt, BackendChoice, BackendName, SelectBackendOptions, WasmOptions } from './BackendChoice.js';
export { NODE_ORDER, selectBackend } from './selectBackend.js';
export { FUSED_KERNELS, PAIR_RELU_SUM, PAIR_RELU_SUM_GRAD, registerFusedKernels } from './kernels/pairReluSum.js';
export { registerWasmTrainingKernels, WASM_KERNEL_FIXES, WASM_TRAINING_KERNELS } from './registerWasmTrainingKernels.js';
