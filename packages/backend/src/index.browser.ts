// Browser entry: what index.ts exports, with BROWSER_ORDER for NODE_ORDER; nothing Node-only.
export { BACKEND_NAMES } from './BackendChoice.js';
export type { BackendAttempt, BackendChoice, BackendName, SelectBackendOptions, WasmOptions } from './BackendChoice.js';
export { BROWSER_ORDER, selectBackend } from './selectBackend.browser.js';
export { FUSED_KERNELS, PAIR_RELU_SUM, PAIR_RELU_SUM_GRAD, registerFusedKernels } from './kernels/pairReluSum.js';
export { registerWasmTrainingKernels, WASM_KERNEL_FIXES, WASM_TRAINING_KERNELS } from './registerWasmTrainingKernels.js';
