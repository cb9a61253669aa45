/**
 * MNIST addition: (1) training-step speed of the LeNet encoder with `conv2dValid` (filter gradient as
 * a forward convolution) against its peer, tfjs' own `conv2d` gradient, in the same run; (2) test
 * accuracy of the sum per number of digits N and per variant, mean and spread over seeds, with the
 * training time on this machine, next to the published figures and to the CNN baseline (N = 1)
 * trained in the same run.
 *
 *   pnpm build && node --import tsx benchmarks/src/mnist.bench.ts
 *
 * The defaults are the issue's protocol (paper settings, 5 seeds, N = 1, 2, 4, 15, the four variants
 * at N = 1 and N = 4, the CNN at N = 1): many CPU-hours. Narrow it with the environment:
 * MNIST_BENCH_DIGITS (`1,2,4,15`), MNIST_BENCH_SEEDS (`0,1,2,3,4`), MNIST_BENCH_VARIANTS (the variants
 * at every N; default all four at N = 1 and 4, `tm+dropres` elsewhere), MNIST_BENCH_PRESET (`paper` |
 * `quick`), MNIST_BENCH_EPOCHS, MNIST_BENCH_TRAIN_PAIRS, MNIST_BENCH_TEST_PAIRS, MNIST_BENCH_LR,
 * MNIST_BENCH_CNN (`1`/`0`), MNIST_BENCH_SPEED_ONLY (`1`), MNIST_BENCH_BACKEND (`wasm`), MNIST_BENCH_JSONL
 * (a file to append one JSON line per run to).
 *
 * Measured on this machine (2 shared cores, load 9–13 from other work, wasm 1 thread), preset
 * `quick` (τ = 1, γ = 0.2, α step 1/12, lr 1e-3, batch 16) with MNIST_BENCH_EPOCHS=2 unless said
 * (2 passes over all 60,000 training images;
 * test pairs from the 10,000 test images; 1 seed unless said), sum / digit accuracy on the test pairs:
 *   speed: conv2dValid 19–59 ms · tf.conv2d (wasm Conv2DBackpropFilter) 29–86 ms · 1.22–2.08× (4 runs);
 *          on cpu a 32-pair LeNet step took 4.35 s with tf.conv2d's gradient, 0.41 s with conv2dValid.
 *   N = 1 (30,000 pairs): tm+dropres seeds 0, 1, 2: 79.14 / 95.86 / 63.92 (mean 79.6 ± 16.0),
 *          digit 88.94 / 97.92 / 78.91, F1 0.830 / 0.962 / 0.696, 515 / 242 / 211 s; with 6 epochs
 *          (the quick default) seeds 0, 2: 95.90 / 96.20 (digit 97.08 / 97.55, F1 0.959 / 0.963,
 *          426 / 405 s); base with 6 epochs, seed 0: 9.82 (digit 11.35, F1 0.009, 378 s: collapsed
 *          to a constant digit, where it had 53.36 after 2 epochs);
 *          tm 94.60 (digit 97.02, F1 0.948, 247 s); dropres 62.70 (79.53, 0.687, 221 s);
 *          base 53.36 (68.99, 0.423, 245 s); cnn baseline 91.12 (F1 0.915, 362 s).
 *   N = 2 (15,000 pairs, 2,500 test): tm+dropres 22.32 (digit 67.30, 265 s); 6 epochs: 61.60
 *          (digit 89.21, 532 s).
 *   N = 4 (7,500 pairs, 1,250 test): tm+dropres 2.48 (digit 56.87, 183 s); base 0.48 (47.61, 270 s);
 *          tm+dropres 6 epochs: 14.48 (digit 77.48, 344 s). For N > 1 the sum accuracy tracks
 *          digit^(2N) (0.892^4 = 0.63, 0.775^8 = 0.13): the learned adder is not the bottleneck, the
 *          digit classifier is, and it was still improving when these short runs stopped.
 * The paper preset (30 epochs, lr 1e-4) and the 5-seed protocol were not run: ~30 min per run here.
 */
import { appendFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import '@dccg/backend/gradients';
import { registerWasmTrainingKernels } from '@dccg/backend';
import { generateAdditionPairs } from '@dccg/datasets';
import { loadMnist } from '@dccg/datasets/node';
import { createRng } from '@dccg/gumbel';
import { VARIANTS, conv2dValid, createLeNet, createMnistAdditionTask, lenet, summarizeMnistMetrics, train } from '@dccg/tasks';
import type { MnistAdditionExample, MnistModelKind, TrainConfig, VariantName } from '@dccg/tasks';
import { measure, printComparison } from './harness.js';

const env = (k: string): string | undefined => process.env[`MNIST_BENCH_${k}`];
const list = (k: string, d: string): string[] => (env(k) ?? d).split(',').map((s) => s.trim()).filter(Boolean);
const backend = env('BACKEND') ?? 'wasm';
if (backend === 'wasm') registerWasmTrainingKernels();
await tf.setBackend(backend);
await tf.ready();

// (1) Speed: one Adam-free forward+backward of LeNet on a batch of 16 pairs (32 images).
{
  const rng = createRng(0);
  const w = createLeNet(rng);
  const x = rng.uniform([32, 28, 28, 1]) as tf.Tensor4D;
  const vars = Object.values(w);
  const stepWith = (conv: (a: tf.Tensor4D, f: tf.Tensor4D) => tf.Tensor4D) => () =>
    tf.tidy(() => {
      const loss = () => {
        let h = conv(x, w.conv1 as tf.Tensor4D);
        h = tf.relu(tf.maxPool(h, 2, 2, 'valid'));
        h = conv(h, w.conv2 as tf.Tensor4D);
        h = tf.relu(tf.maxPool(h, 2, 2, 'valid'));
        return tf.sum(tf.square(tf.reshape(h, [32, 256]))) as tf.Scalar;
      };
      const { grads } = tf.variableGrads(loss, vars.slice(0, 4));
      Object.values(grads).forEach((g) => g.dataSync());
    });
  void lenet;
  const ours = await measure('conv2dValid', stepWith(conv2dValid), { warmup: 2, repeats: 10 });
  const peer = await measure('tf.conv2d', stepWith((a, f) => tf.conv2d(a, f, 1, 'valid')), { warmup: 1, repeats: backend === 'cpu' ? 3 : 10 });
  printComparison(ours, peer, `LeNet conv layers, forward + backward, 32 images, ${backend}`);
  tf.dispose([x, ...vars]);
}
if (env('SPEED_ONLY') === '1') process.exit(0);

// (2) Accuracy.
const PUBLISHED: Record<number, string> = {
  1: 'DeepProbLog 97.2, DeepStochLog 97.9, A-NeSI 97.37',
  2: 'DeepProbLog 95.2, DeepStochLog 96.4, A-NeSI 96.04',
  4: 'DeepStochLog 92.7, A-NeSI 92.11',
  15: 'A-NeSI 76.84',
};
const BEST: Record<number, number> = { 1: 0.979, 2: 0.964, 4: 0.927, 15: 0.7684 };
const preset = env('PRESET') ?? 'paper';
const base: Partial<TrainConfig> =
  preset === 'quick'
    ? { epochs: 6, batchSize: 16, lr: 1e-3, tau: 1, gamma: 0.2, alphaStep: 1 / 12 }
    : { epochs: 30, batchSize: 16, lr: 1e-4, tau: 8, gamma: 0.008, alphaStep: 1 / 500 };
if (env('EPOCHS')) base.epochs = Number(env('EPOCHS'));
if (env('LR')) base.lr = Number(env('LR'));
const trainPairs = Number(env('TRAIN_PAIRS') ?? 30000);
const testPairs = Number(env('TEST_PAIRS') ?? 5000);
const seeds = list('SEEDS', '0,1,2,3,4').map(Number);
const digitsList = list('DIGITS', '1,2,4,15').map(Number);
const jsonl = env('JSONL');
const mnist = loadMnist();
const images = { train: mnist.train, test: mnist.test };
const tag = (set: string) => (e: { a: Int32Array; b: Int32Array; sum: number }): MnistAdditionExample => ({ a: e.a, b: e.b, sum: e.sum, set });

console.log(`preset ${preset}: ${JSON.stringify(base)}, ${trainPairs} training pairs (capped at 60000/2N), ${testPairs} test pairs, seeds ${seeds.join(',')}`);
for (const digits of digitsList) {
  const variants = (env('VARIANTS') ? list('VARIANTS', '') : digits === 1 || digits === 4 ? [...VARIANTS] : ['tm+dropres']) as VariantName[];
  const kinds: [MnistModelKind, VariantName][] = variants.map((v) => ['dccg', v]);
  if (digits === 1 && env('CNN') !== '0') kinds.push(['cnn', 'base']);
  const test = generateAdditionPairs({ labels: mnist.test.labels, digits, seed: 1_000_004 }).slice(0, testPairs).map(tag('test'));
  for (const [kind, variant] of kinds) {
    const accs: number[] = [];
    const times: number[] = [];
    for (const seed of seeds) {
      const all = generateAdditionPairs({ labels: mnist.train.labels, digits, seed: 1 + seed });
      const task = createMnistAdditionTask({
        images,
        data: { train: all.slice(0, trainPairs).map(tag('train')), dev: [], test },
        model: { kind, digits },
      });
      const result = await train(task, { config: { ...base, variant, seed, evalEachEpoch: false, evalBatchSize: 500 }, sampleCount: 0 });
      result.model.dispose();
      const s = summarizeMnistMetrics(result.test);
      accs.push(s.sumAccuracy);
      times.push(result.trainSeconds);
      const line = {
        digits, kind, variant, seed, preset, ...base, trainPairs: task.data.train.length, testPairs: test.length,
        sumAccuracy: s.sumAccuracy, digitAccuracy: s.digitAccuracy, macroF1: s.macroF1, trainSeconds: result.trainSeconds, backend,
      };
      if (jsonl) appendFileSync(jsonl, `${JSON.stringify(line)}\n`);
      console.log(
        `N=${digits} ${kind === 'cnn' ? 'cnn baseline' : variant} seed ${seed}: sum ${(100 * s.sumAccuracy).toFixed(2)}%` +
          (kind === 'cnn' ? '' : ` · digit ${(100 * s.digitAccuracy).toFixed(2)}%`) +
          (digits === 1 ? ` · F1 ${s.macroF1.toFixed(3)}` : '') +
          ` · ${result.trainSeconds.toFixed(0)} s training on ${backend}`,
      );
    }
    const mean = accs.reduce((a, b) => a + b, 0) / accs.length;
    const sd = Math.sqrt(accs.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, accs.length - 1));
    const best = BEST[digits];
    console.log(
      `N=${digits} ${kind === 'cnn' ? 'cnn baseline' : variant}: sum accuracy ${(100 * mean).toFixed(2)} ± ${(100 * sd).toFixed(2)} over ${accs.length} seeds, ` +
        `${(times.reduce((a, b) => a + b, 0) / times.length).toFixed(0)} s per run` +
        (best ? ` · published (${PUBLISHED[digits]}): ours/best ${(mean / best).toFixed(3)}×` : ''),
    );
  }
}
