import * as tf from '@tensorflow/tfjs-core';
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import { afterEach, describe, expect, it } from 'vitest';
import { loadDawnWebgpu } from './loadDawnWebgpu.js';

const g = globalThis as { navigator?: { gpu?: unknown }; GPUBufferUsage?: unknown };

afterEach(() => {
  if (tf.findBackendFactory('webgpu') != null) tf.removeBackend('webgpu');
  delete g.navigator;
  delete g.GPUBufferUsage;
});

/** A stand-in for the npm package `webgpu`: `create` gives a `gpu` whose adapter is `adapter`. */
const dawn = (adapter: unknown) => ({
  create: () => ({ requestAdapter: async () => adapter }),
  globals: { GPUBufferUsage: { MAP_READ: 1 } },
});

describe('loadDawnWebgpu', () => {
  it('says which optional package is missing', async () => {
    expect(await loadDawnWebgpu()).toEqual({ ok: false, reason: 'the npm package "webgpu" (Dawn) is not installed' });
    expect(
      await loadDawnWebgpu({ isInstalled: (p) => p === 'webgpu', importModule: async () => ({}) }),
    ).toEqual({ ok: false, reason: '@tensorflow/tfjs-backend-webgpu is not installed' });
  });

  it('says how to get a Vulkan driver when Dawn finds no adapter', async () => {
    const prep = await loadDawnWebgpu({ isInstalled: () => true, importModule: async () => dawn(null) });
    expect(prep.ok).toBe(false);
    if (!prep.ok) expect(prep.reason).toMatch(/^Dawn found no GPU adapter .*VK_ICD_FILENAMES=/);
  });

  it('installs Dawn as navigator.gpu before the tfjs backend loads, and names the adapter', async () => {
    const adapter = { info: { vendor: 'google', architecture: 'swiftshader', description: 'SwiftShader driver 5.0.0' } };
    const seen: unknown[] = [];
    const prep = await loadDawnWebgpu({
      isInstalled: () => true,
      importModule: async (pkg) => {
        if (pkg === 'webgpu') return dawn(adapter);
        // What @tensorflow/tfjs-backend-webgpu does on import, with a stand-in backend.
        seen.push(g.navigator?.gpu, g.GPUBufferUsage);
        tf.registerBackend('webgpu', () => new MathBackendCPU());
        return {};
      },
    });
    expect(seen[0]).toBeDefined();
    expect(seen[1]).toEqual({ MAP_READ: 1 });
    expect(prep.ok).toBe(true);
    if (!prep.ok) return;
    expect(await prep.describe()).toEqual({
      reason: 'WebGPU through Dawn (npm webgpu), google swiftshader SwiftShader driver 5.0.0',
      details: { adapter: 'google swiftshader SwiftShader driver 5.0.0' },
    });
  });

  it('says so when the tfjs backend registers nothing', async () => {
    const prep = await loadDawnWebgpu({
      isInstalled: () => true,
      importModule: async (pkg) => (pkg === 'webgpu' ? dawn({}) : {}),
    });
    expect(prep).toEqual({
      ok: false,
      reason: '@tensorflow/tfjs-backend-webgpu loaded but registered no backend (it found no WebGPU)',
    });
  });
});
