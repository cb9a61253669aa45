#!/usr/bin/env node
// Writes generated/tfjs-gradients.js: tfjs-core's gradient registrations as one self-contained ES module.
//
// Why: tfjs-core registers no gradients on its own, and its `dist/register_all_gradients.js` is an ES
// module inside a package that Node treats as CommonJS, so Node cannot import it (bundlers can, and the
// browser entry of @dccg/backend does). Bundled, it carries a private copy of the ops the gradients
// call; that copy shares tfjs-core's engine and registries, which live on the global object, so the
// gradients land in the same registry the app's tfjs-core reads.
//
// Two of those gradients (Prod, and GatherV2 with batchDims 1) call chained ops (`x.reshape`,
// `x.split`, `x.slice`), which tfjs-core does not register either; the bundle registers just those
// three on the global Tensor class so the gradients work. See CHAINED_OPS_FOR_GRADIENTS.
import { build } from 'esbuild';
import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const core = dirname(require.resolve('@tensorflow/tfjs-core/package.json'));
const out = join(here, '..', 'generated', 'tfjs-gradients.js');
mkdirSync(dirname(out), { recursive: true });
export const CHAINED_OPS_FOR_GRADIENTS = ['reshape', 'split', 'slice'];
const entry = [
  `import './register_all_gradients.js';`,
  ...CHAINED_OPS_FOR_GRADIENTS.map((op) => `import './public/chained_ops/${op}.js';`),
].join('\n');
await build({
  stdin: { contents: entry, resolveDir: join(core, 'dist'), sourcefile: 'dccg-gradients-entry.js', loader: 'js' },
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  mainFields: ['module', 'main'],
  minifySyntax: true,
  legalComments: 'eof',
  outfile: out,
  logLevel: 'warning',
});
