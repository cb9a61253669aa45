import * as tf from '@tensorflow/tfjs-core';
import { readFileSync } from 'node:fs';
import { selectBackend } from '@dccg/backend';
import { createRng } from '@dccg/gumbel';
import { listOpsData, setWeights } from './src/index.js';
import { createListOpsModel } from './src/listops/listOpsModel.js';
import { makeListOpsBatch } from './src/listops/listOpsBatch.js';
import { evaluationContext } from './src/engine/evaluate.js';

await selectBackend({ prefer: 'wasm', fallback: false });
const ck = JSON.parse(readFileSync(process.argv[2]!, 'utf8'));
const best = ck.best?.weights ?? ck.weights;
const model = createListOpsModel(ck.modelConfig, createRng(0));
setWeights(model, best);
const data = listOpsData({ seed: 0, trainSize: 4000, evalPerDepth: 100, extrapolationSize: 0, maxLength: 30 });
const exs = data.test.filter((e) => e.depth === Number(process.argv[3] ?? 2)).slice(0, 6);
for (const e of exs) {
  const batch = makeListOpsBatch([e], { parents: ck.modelConfig.parents, closing: ck.modelConfig.closing });
  const rec: Record<string, number[]> = {};
  const ctx = { ...evaluationContext(0), tap: (name: string, t: tf.Tensor) => { if (name.startsWith('value')) rec[name] = Array.from((tf.argMax(t, 2) as tf.Tensor).dataSync()); return t; } };
  const r = tf.tidy(() => { const o = model.forward(batch, ctx); return { pred: o.outputs.prediction!.dataSync()[0], par: o.outputs.parents ? Array.from(o.outputs.parents.dataSync()) : [] }; });
  console.log(e.tokens.join(' '), '=', e.value, 'pred', r.pred);
  console.log('  true vals', Array.from(e.values).join(' '));
  for (const [k, v] of Object.entries(rec)) console.log(' ', k, v.join(' '));
  console.log('  parents  ', r.par.join(' '), ' true', Array.from(e.parents).join(' '));
  batch.dispose();
}
