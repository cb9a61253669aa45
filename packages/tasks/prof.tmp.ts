import * as tf from '@tensorflow/tfjs-core';
import { selectBackend } from '@dccg/backend';
import { createRng } from '@dccg/gumbel';
import { generateListOps } from '@dccg/datasets';
import { createListOpsModel } from './src/listops/listOpsModel.js';
import { makeListOpsBatch } from './src/listops/listOpsBatch.js';
import { evaluationContext } from './src/engine/evaluate.js';

await selectBackend({ prefer: 'wasm', fallback: false });
const ex = generateListOps({ count: 400, depth: [1, 5], seed: 3, maxLength: 30 }).filter((e) => e.ids.length >= 20).slice(0, 50);
const batch = makeListOpsBatch(ex, { parents: 'before' });
console.log('L', batch.length, 'B', batch.size);
for (const kind of process.argv[2] === 'none' ? [] : [process.argv[2] ?? 'dccg']) {
  const model = createListOpsModel({ kind: kind as 'dccg', d: 60, valueLogits: 'tied', parents: 'before' }, createRng(0));
  const vars = Object.values(model.variables);
  const step = () => tf.tidy(() => {
    const ctx = { ...evaluationContext(0), training: true, beta: 0.9, alpha: 1, hard: false, rng: createRng(2), tap: (_: string, t: tf.Tensor) => t };
    const { value, grads } = tf.variableGrads(() => model.forward(batch, ctx).loss, vars);
    value.dataSync();
    return grads;
  });
  for (let i = 0; i < 3; i++) tf.dispose(step());
  const t0 = performance.now();
  for (let i = 0; i < 5; i++) tf.dispose(step());
  console.log(kind, 'ms/step', ((performance.now() - t0) / 5).toFixed(1));
  const info = await tf.profile(() => { tf.dispose(step()); });
  const agg = new Map<string, { ms: number; n: number }>();
  for (const k of info.kernels) {
    const a = agg.get(k.name) ?? { ms: 0, n: 0 };
    a.ms += (k.kernelTimeMs as number) || 0; a.n += 1; agg.set(k.name, a);
  }
  console.log('kernels', info.kernels.length);
  console.log([...agg.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, 25).map(([n, a]) => `${n} ${a.ms.toFixed(1)}ms x${a.n}`).join('\n'));
  model.dispose();
}
{
  const model = createListOpsModel({ kind: 'dccg', d: 60, valueLogits: 'tied', parents: 'before' }, createRng(0));
  const vars = Object.values(model.variables);
  const stepB = () => tf.tidy(() => {
    const ctx = { ...evaluationContext(0), training: true, beta: 0.9, alpha: 1, hard: false, rng: createRng(2), tap: (_: string, t: tf.Tensor) => t };
    const { value, grads } = tf.variableGrads(() => model.forward(batch, ctx).loss, vars);
    value.dataSync();
    return grads;
  });
  for (let i = 0; i < 4; i++) tf.dispose(stepB());
  const t1 = performance.now();
  for (let i = 0; i < 4; i++) tf.dispose(stepB());
  console.log('warm ms/step', ((performance.now() - t1) / 4).toFixed(1));
  const info = await tf.profile(() => tf.dispose(tf.tidy(() => {
    const ctx = { ...evaluationContext(0), training: true, beta: 0.9, alpha: 1, hard: false, rng: createRng(2), tap: (_: string, t: tf.Tensor) => t };
    const { value, grads } = tf.variableGrads(() => model.forward(batch, ctx).loss, vars);
    value.dataSync();
    return grads;
  })));
  const ks = [...info.kernels].sort((a, b) => (b.kernelTimeMs as number) - (a.kernelTimeMs as number)).slice(0, 30);
  for (const k of ks) console.log(k.name, (k.kernelTimeMs as number).toFixed(2), JSON.stringify(k.inputShapes), JSON.stringify(k.outputShapes));
}
