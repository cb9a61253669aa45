import { describe, expect, it } from 'vitest';
import { loadTensorflow } from './loadTensorflow.js';

describe('loadTensorflow', () => {
  it('says "not installed" for each tfjs-node package absent here', async () => {
    expect(await loadTensorflow()).toEqual({
      ok: false,
      reason: '@tensorflow/tfjs-node-gpu is not installed; @tensorflow/tfjs-node is not installed',
    });
  });

  it('tells an installed package that fails to load from one that is absent, and goes on to the next', async () => {
    const imported: string[] = [];
    const prep = await loadTensorflow({
      isInstalled: () => true,
      importModule: async (pkg) => {
        imported.push(pkg);
        if (pkg.endsWith('-gpu')) throw new Error('libcudart.so.11.0: cannot open shared object file\nat dlopen');
        return {};
      },
    });
    expect(imported).toEqual(['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node']);
    expect(prep.ok).toBe(true);
    if (!prep.ok) return;
    expect(await prep.describe()).toEqual({
      reason:
        'TensorFlow C library through @tensorflow/tfjs-node, CPU (@tensorflow/tfjs-node-gpu is installed but failed to load: libcudart.so.11.0: cannot open shared object file)',
      details: { package: '@tensorflow/tfjs-node', cuda: false },
    });
  });
});
