/**
 * @dccg/gumbel's fused Gumbel-softmax (one tf.customGrad: scale, add, softmax forward; five ops
 * backward) against the naive composition of tfjs ops with autodiff (mul, add, div, softmax and
 * tfjs' own gradients through them), forward plus backward, on the wasm backend, measured in the
 * same run on [512, 1000] and on [512, 40943] (a softmax over all WN18RR entities).
 *
 * Two comparisons per shape:
 * - "given noise": both receive the same pre-drawn Gumbel tensor, so only the op is compared;
 * - "drawing noise": the fused op draws its noise on the host from a seeded Threefry key (what makes
 *   every backend agree), the naive one draws `-log(-log(tf.randomUniform))` on the device.
 * It also prints the noise draw alone (host fillGumbel against device ops).
 *
 *   pnpm build && pnpm --filter @dccg/benchmarks bench gumbel
 *
 * Environment: GUMBEL_BENCH_SHAPES (default `512x1000,512x40943`), GUMBEL_BENCH_REPEATS (default 10
 * for shapes under 1M entries, 3 above).
 */
import * as tf from '@tensorflow/tfjs-core';
import { selectBackend } from '@dccg/backend';
import { createRng, fillGumbel, gumbelNoise, gumbelSoftmax } from '@dccg/gumbel';
import { measure, printComparison } from './harness.js';

const shapes = (process.env['GUMBEL_BENCH_SHAPES'] ?? '512x1000,512x40943')
  .split(',')
  .map((s) => s.split('x').map(Number) as [number, number]);
const repeatsEnv = process.env['GUMBEL_BENCH_REPEATS'];

const choice = await selectBackend({ prefer: 'wasm', fallback: false });
console.log(`backend: ${choice.name} (${choice.reason})`);

const tau = 0.5;
const beta = 0.7;

/** The naive peer: the same relaxation as a chain of tfjs ops, differentiated by tfjs' autodiff. */
function naive(logits: tf.Tensor, noise: tf.Tensor): tf.Tensor {
  return tf.softmax(tf.div(tf.add(logits, tf.mul(noise, tf.scalar(beta))), tf.scalar(tau)));
}

/** Device-side Gumbel noise, the way one writes it with tfjs ops: -log(-log(u)). */
function deviceNoise(shape: [number, number], seed: number): tf.Tensor {
  return tf.tidy(() => tf.neg(tf.log(tf.neg(tf.log(tf.randomUniform(shape, 1e-7, 1 - 1e-7, 'float32', seed))))));
}

for (const shape of shapes) {
  const size = shape[0] * shape[1];
  const repeats = repeatsEnv !== undefined ? Number(repeatsEnv) : size > 1e6 ? 3 : 10;
  const warmup = size > 1e6 ? 1 : 3;
  const rng = createRng(1);
  const logits = tf.tidy(() => tf.mul(rng.uniform(shape), 4));
  const w = rng.uniform(shape);
  const noise = gumbelNoise(shape, rng);
  const before = tf.memory().numTensors;

  const lossGiven = (f: (x: tf.Tensor) => tf.Tensor) => tf.grad((x: tf.Tensor) => tf.sum(tf.mul(f(x), w)));
  const fusedGivenGrad = lossGiven((x) => gumbelSoftmax(x, { tau, beta, noise }));
  const naiveGivenGrad = lossGiven((x) => naive(x, noise));
  const run = (g: (x: tf.Tensor) => tf.Tensor) => () => {
    const d = g(logits);
    d.dataSync();
    d.dispose();
  };
  const label = `[${shape.join(', ')}]`;
  const fusedGiven = await measure('fused', run(fusedGivenGrad), { warmup, repeats });
  const naiveGiven = await measure('naive', run(naiveGivenGrad), { warmup, repeats });
  printComparison(fusedGiven, naiveGiven, `${label} forward+backward, given noise`);

  let seed = 0;
  const fusedDrawGrad = tf.grad((x: tf.Tensor) => tf.sum(tf.mul(gumbelSoftmax(x, { tau, beta, rng }), w)));
  const naiveDrawGrad = tf.grad((x: tf.Tensor) => {
    const g = deviceNoise(shape, seed++);
    const y = naive(x, g);
    return tf.sum(tf.mul(y, w));
  });
  const fusedDraw = await measure('fused', run(fusedDrawGrad), { warmup, repeats });
  const naiveDraw = await measure('naive', run(naiveDrawGrad), { warmup, repeats });
  printComparison(fusedDraw, naiveDraw, `${label} forward+backward, drawing noise`);

  // Both end with the noise as a tensor on the backend; neither reads it back.
  const host = await measure('gumbelNoise', () => gumbelNoise(shape, rng).dispose(), { warmup, repeats });
  const device = await measure('tf ops', () => deviceNoise(shape, seed++).dispose(), { warmup, repeats });
  printComparison(host, device, `${label} noise alone (tfjs randomUniform + log ops)`);
  const hostOnly = await measure('fillGumbel', () => fillGumbel(new Float32Array(size), rng), { warmup, repeats });
  const uniformOnly = await measure('fillUniform', () => rng.fillUniform(new Float32Array(size)), { warmup, repeats });
  printComparison(hostOnly, uniformOnly, `${label} host draw: Threefry + logs against Threefry alone`);

  const leaked = tf.memory().numTensors - before;
  if (leaked !== 0) console.log(`${label}: ${leaked} tensors leaked during the benchmark`);
  tf.dispose([logits, w, noise]);
}
