import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import '@dccg/backend/gradients';
import { registerWasmTrainingKernels, WASM_KERNEL_FIXES, WASM_TRAINING_KERNELS } from './registerWasmTrainingKernels.js';
import { wasmVsCpu } from './__fixtures__/compareBackends.js';
import { scenarios } from './__fixtures__/trainingScenarios.js';

beforeAll(async () => {
  await tf.setBackend('wasm');
});

describe('registerWasmTrainingKernels', () => {
  it('registers the missing kernels once, and never twice', () => {
    const first = registerWasmTrainingKernels();
    expect(first.sort()).toEqual(['BatchMatMul', 'Conv2DBackpropFilter', 'GatherV2', 'OneHot', 'Slice', 'SplitV', 'Unpack', 'UnsortedSegmentSum']);
    expect(registerWasmTrainingKernels()).toEqual([]);
    for (const k of [...WASM_TRAINING_KERNELS, ...WASM_KERNEL_FIXES]) {
      expect(tf.getKernel(k.kernelName, 'wasm')?.kernelFunc).toBe(k.kernelFunc);
    }
  });

  it('leaves every kernel the tasks train with registered on wasm', async () => {
    registerWasmTrainingKernels();
    await tf.setBackend('cpu');
    const used = new Set<string>();
    for (const s of scenarios) {
      const info = await tf.profile(() => {
        tf.dispose(tf.tidy(() => s.run()));
      });
      // kernelNames also lists custom-gradient scopes (`logSoftmax__op`); keep the real kernels.
      for (const k of info.kernelNames) if (tf.getKernel(k, 'cpu') != null) used.add(k);
    }
    // The scenarios do reach the kernels this package adds.
    expect(used.has('Conv2DBackpropFilter')).toBe(true);
    expect(used.has('UnsortedSegmentSum')).toBe(true);
    const missing = [...used].filter((k) => tf.getKernel(k, 'wasm') == null);
    expect(missing).toEqual([]);
  });

  for (const s of scenarios) {
    it(`gives the cpu backend's forward and backward on wasm: ${s.name}`, async () => {
      registerWasmTrainingKernels();
      const err = await wasmVsCpu(s.run);
      expect(err).toBeLessThan(1e-4);
      await tf.setBackend('wasm');
      const before = tf.memory().numTensors;
      tf.dispose(tf.tidy(() => s.run()));
      expect(tf.memory().numTensors).toBe(before);
    });
  }
});
