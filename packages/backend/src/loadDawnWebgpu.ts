import * as tf from '@tensorflow/tfjs-core';
import { firstLine } from './chooseBackend.js';
import type { Preparation } from './chooseBackend.js';
import type { ModuleAccess } from './loadTensorflow.js';
import { isInstalled } from './isInstalled.js';

const nodeAccess: ModuleAccess = { isInstalled, importModule: (specifier) => import(specifier) };

interface DawnModule {
  create: (flags: string[]) => { requestAdapter: () => Promise<unknown> };
  globals: Record<string, unknown>;
}

/**
 * Makes the `'webgpu'` backend available in Node through Dawn (Node only): the npm package `webgpu`
 * provides `navigator.gpu`, `@tensorflow/tfjs-backend-webgpu` the backend. Both are optional peers.
 * Dawn needs the Vulkan loader (`libvulkan.so.1`) and a driver; on a machine without a GPU, a software
 * one: Debian's `chromium` ships both SwiftShader and a loader, used with
 * `LD_LIBRARY_PATH=/usr/lib/chromium VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json`.
 * `DAWN_FLAGS` (comma-separated) go to Dawn's `create`.
 *
 * ```ts
 * const prep = await loadDawnWebgpu();
 * if (!prep.ok) console.log(prep.reason); // 'the npm package "webgpu" (Dawn) is not installed'
 * ```
 */
export async function loadDawnWebgpu(access: ModuleAccess = nodeAccess): Promise<Preparation> {
  if (!access.isInstalled('webgpu')) return { ok: false, reason: 'the npm package "webgpu" (Dawn) is not installed' };
  if (!access.isInstalled('@tensorflow/tfjs-backend-webgpu')) {
    return { ok: false, reason: '@tensorflow/tfjs-backend-webgpu is not installed' };
  }
  const g = globalThis as { navigator?: { gpu?: unknown } };
  let gpu: { requestAdapter: () => Promise<unknown> };
  try {
    const dawn = (await access.importModule('webgpu')) as DawnModule;
    Object.assign(globalThis, dawn.globals);
    gpu = dawn.create((process.env.DAWN_FLAGS ?? '').split(',').filter((f) => f !== ''));
  } catch (err) {
    return { ok: false, reason: `the npm package "webgpu" failed to load: ${firstLine(err)}` };
  }
  const adapter = await gpu.requestAdapter().catch(() => null);
  if (adapter == null) {
    return {
      ok: false,
      reason:
        'Dawn found no GPU adapter (it needs libvulkan.so.1 and a Vulkan driver; without a GPU, SwiftShader: ' +
        'LD_LIBRARY_PATH=/usr/lib/chromium VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json with Debian\'s chromium)',
    };
  }
  if (g.navigator == null) Object.defineProperty(globalThis, 'navigator', { value: {}, configurable: true, writable: true });
  Object.defineProperty(g.navigator, 'gpu', { value: gpu, configurable: true, writable: true });
  try {
    await access.importModule('@tensorflow/tfjs-backend-webgpu');
  } catch (err) {
    return { ok: false, reason: `@tensorflow/tfjs-backend-webgpu failed to load: ${firstLine(err)}` };
  }
  if (tf.findBackendFactory('webgpu') == null) {
    return { ok: false, reason: '@tensorflow/tfjs-backend-webgpu loaded but registered no backend (it found no WebGPU)' };
  }
  const info = (adapter as { info?: { vendor?: string; architecture?: string; description?: string } }).info;
  const name = [info?.vendor, info?.architecture, info?.description].filter(Boolean).join(' ') || 'unknown adapter';
  return {
    ok: true,
    describe: async () => ({ reason: `WebGPU through Dawn (npm webgpu), ${name}`, details: { adapter: name } }),
  };
}
