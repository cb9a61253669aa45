import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const NODE_ONLY_SOURCES = [
  'selectBackend.ts',
  'gradients.ts',
  'isInstalled.ts',
  'loadTensorflow.ts',
  'loadDawnWebgpu.ts',
  'enableThreadedWasm.ts',
];

describe('the browser entry', () => {
  it('bundles for the browser without Node built-ins or the Node-only modules', async () => {
    const entry = fileURLToPath(new URL('./index.browser.ts', import.meta.url));
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    const ours = inputs.filter((i) => i.includes('packages/backend/src/')).map((i) => i.split('packages/backend/src/')[1]);
    expect(ours).toContain('selectBackend.browser.ts');
    expect(ours).toContain('gradients.browser.ts');
    expect(ours.filter((f) => NODE_ONLY_SOURCES.includes(f))).toEqual([]);
    // tfjs-backend-wasm and seedrandom map Node modules to `false` for browsers (esbuild's "(disabled)");
    // anything else from Node would be a real import.
    expect(inputs.filter((i) => i.startsWith('node:') || /^(fs|path|os|url|module|worker_threads)$/.test(i))).toEqual([]);
  });
});
