export { registerWasmTrainingKernels, WASM_KERNEL_FIXES, WASM_TRAINING_KERNELS } from './registerWasmTrainingKernels.js';
export { conv2DBackpropFilter } from './kernels/conv2DBackpropFilter.js';
export { unsortedSegmentSum } from './kernels/unsortedSegmentSum.js';
export { oneHot } from './kernels/oneHot.js';
