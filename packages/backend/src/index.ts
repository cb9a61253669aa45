export { registerWasmTrainingKernels, WASM_TRAINING_KERNELS } from './registerWasmTrainingKernels.js';
export { conv2DBackpropFilter } from './kernels/conv2DBackpropFilter.js';
export { unsortedSegmentSum } from './kernels/unsortedSegmentSum.js';
