/**
 * The ListOps model's two hot spots on wasm, each against the tfjs-op version of the same function in
 * the same run, at the quick preset's sizes (batch 50, 30 tokens, d = 60):
 *   - pairReluSum, `Σ_j w_ij·relu(tok_i + snd_j)` (the GNN's messages), forward and backward: the fused
 *     DccgPairReluSum kernels of @dccg/backend against the tfjs ops (`fused: false`);
 *   - runLstm over 30 steps, 60 → 120 (queries and keys stacked), forward and backward: the written-out
 *     backward against tfjs's autodiff (`handGradient: false`).
 *
 *   pnpm build && pnpm --filter @dccg/benchmarks bench fused-kernels
 *
 * Environment: FUSED_KERNELS_BENCH_REPEATS (default 10).
 */
import * as tf from '@tensorflow/tfjs-core';
import { selectBackend } from '@dccg/backend';
import { createLstm, pairReluSum, runLstm } from '@dccg/tasks';
import { createRng } from '@dccg/gumbel';
import { measure, printComparison } from './harness.js';

const repeats = Number(process.env['FUSED_KERNELS_BENCH_REPEATS'] ?? 10);
const choice = await selectBackend({ prefer: 'wasm', fallback: false });
console.log(`backend ${choice.name}: ${choice.reason}`);
const [B, L, d] = [50, 30, 60];
const rng = createRng(0);

{
  const tok = tf.sub(rng.uniform([B, L, d]), 0.5) as tf.Tensor3D;
  const snd = tf.sub(rng.uniform([B, L, d]), 0.5) as tf.Tensor3D;
  const w = tf.softmax(rng.uniform([B, L, L])) as tf.Tensor3D;
  const proj = rng.uniform([B, L, d]);
  const step = (fused: boolean) => () =>
    tf.tidy(() => {
      const g = tf.grads((t: tf.Tensor, s: tf.Tensor, ww: tf.Tensor) => tf.sum(tf.mul(pairReluSum(t as tf.Tensor3D, s as tf.Tensor3D, ww as tf.Tensor3D, { fused }), proj)))([tok, snd, w]);
      g[0]!.dataSync();
    });
  const fused = await measure('fused', step(true), { repeats });
  const ops = await measure('tfjs ops', step(false), { repeats });
  printComparison(fused, ops, `pairReluSum [${B}, ${L}, ${d}] forward + backward`);
}

{
  const lstm = createLstm(d, 2 * d, rng);
  const x = tf.sub(rng.uniform([B, L, d]), 0.5) as tf.Tensor3D;
  const proj = rng.uniform([B, L, 2 * d]);
  const vars = [lstm.wx, lstm.wh, lstm.b];
  const step = (handGradient: boolean) => () =>
    tf.tidy(() => {
      const { grads } = tf.variableGrads(() => tf.sum(tf.mul(runLstm(lstm, x, { handGradient }), proj)) as tf.Scalar, vars);
      grads[lstm.wh.name]!.dataSync();
    });
  const hand = await measure('written-out backward', step(true), { repeats });
  const auto = await measure('autodiff', step(false), { repeats });
  printComparison(hand, auto, `runLstm ${L} steps, ${d} → ${2 * d}, batch ${B}, forward + backward`);
}
