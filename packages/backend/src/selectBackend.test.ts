import * as tf from '@tensorflow/tfjs-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { selectBackend } from './selectBackend.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('selectBackend (Node)', () => {
  it('passes over tensorflow (not installed, both packages named) and takes wasm with SIMD', async () => {
    const choice = await selectBackend();
    expect(choice.name).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(choice.tried.map((t) => [t.name, t.ok])).toEqual([
      ['tensorflow', false],
      ['wasm', true],
    ]);
    expect(choice.tried[0].reason).toBe(
      '@tensorflow/tfjs-node-gpu is not installed; @tensorflow/tfjs-node is not installed',
    );
    expect(choice.reason).toMatch(/^WebAssembly, SIMD, 1 thread .*; tensorflow unavailable$/);
    expect(choice.details).toMatchObject({ simd: true, threads: 1, build: 'SIMD build' });
  });

  it('registers the gradients and the wasm training kernels', async () => {
    await selectBackend({ prefer: 'wasm' });
    expect(tf.getKernel('UnsortedSegmentSum', 'wasm')).toBeDefined();
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeDefined();
    const table = tf.tensor2d([[1, 2], [3, 4], [5, 6]]);
    const g = tf.grad((t: tf.Tensor) => tf.sum(tf.gather(t, [2, 2, 0])))(table);
    expect(Array.from(g.dataSync())).toEqual([1, 1, 0, 0, 2, 2]);
    tf.dispose([table, g]);
  });

  it('takes a preferred backend first, and cpu without its Node.js banner', async () => {
    const warn = vi.spyOn(console, 'warn');
    const choice = await selectBackend({ prefer: 'cpu' });
    expect(choice).toMatchObject({ name: 'cpu', tried: [{ name: 'cpu', ok: true }] });
    expect(choice.reason).toMatch(/^plain JavaScript/);
    tf.dispose(tf.tensor1d([1, 2, 3]));
    expect(warn.mock.calls.flat().join(' ')).not.toMatch(/running TensorFlow\.js in Node/);
  });

  it('tries webgpu only when asked, and says why Dawn is unavailable', async () => {
    expect((await selectBackend()).tried.map((t) => t.name)).not.toContain('webgpu');
    const choice = await selectBackend({ prefer: ['webgpu', 'cpu'] });
    expect(choice.name).toBe('cpu');
    expect(choice.tried[0]).toEqual({ name: 'webgpu', ok: false, reason: 'the npm package "webgpu" (Dawn) is not installed' });
    await expect(selectBackend({ prefer: 'webgpu', fallback: false })).rejects.toThrow(
      'selectBackend: no backend could be set up; tried webgpu (the npm package "webgpu" (Dawn) is not installed)',
    );
  });

  it('keeps the warnings of a backend that fails to initialise in its reason, off the console', async () => {
    tf.registerBackend('webgl', () => {
      throw new Error('no WebGL context here');
    });
    try {
      const warn = vi.spyOn(console, 'warn');
      const choice = await selectBackend({ prefer: ['webgl', 'wasm'] });
      expect(choice.name).toBe('wasm');
      expect(choice.tried[0]).toEqual({ name: 'webgl', ok: false, reason: 'failed to initialise: no WebGL context here' });
      expect(warn).not.toHaveBeenCalled();
    } finally {
      tf.removeBackend('webgl');
    }
  });

  it('rejects bad options with the argument, the value and what was expected', async () => {
    await expect(selectBackend({ prefer: 'gpu' as never })).rejects.toThrow(
      'selectBackend: prefer must name backends among tensorflow, wasm, cpu, webgpu, webgl, got "gpu"',
    );
    await expect(selectBackend({ wasm: { threads: 0 } })).rejects.toThrow(
      "selectBackend: wasm.threads must be an integer >= 1 or 'auto', got 0",
    );
    await expect(selectBackend({ fallback: false })).rejects.toThrow(
      'selectBackend: fallback false needs at least one backend in prefer, got none',
    );
  });
});
