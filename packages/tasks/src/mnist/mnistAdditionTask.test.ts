import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '@dccg/backend';
import { generateAdditionPairs } from '@dccg/datasets';
import { loadMnist } from '@dccg/datasets/node';
import type { MnistImages } from '@dccg/datasets';
import { train } from '../engine/train.js';
import { createMnistAdditionTask } from './mnistAdditionTask.js';
import type { MnistAdditionSample } from './mnistAdditionTask.js';
import type { MnistAdditionModel } from './mnistAdditionModel.js';
import { summarizeMnistMetrics } from './mnistMetrics.js';

let mnist: { train: MnistImages; test: MnistImages };
let previous: string;

beforeAll(async () => {
  previous = tf.getBackend();
  // Training LeNet is ~5x faster on wasm (XNNPACK) than on tfjs' JS cpu kernels, which is what keeps
  // this test short on two cores; the model's kernels on wasm are what this exercises too.
  await selectBackend({ prefer: 'wasm', fallback: false });
  mnist = loadMnist();
}, 60_000);

afterAll(async () => {
  if (previous) await tf.setBackend(previous);
});

describe('MNIST addition task (real MNIST pairs)', () => {
  it('learns to add single digits from sums alone: sum and digit accuracy far above chance', async () => {
    const trainPairs = generateAdditionPairs({ labels: mnist.train.labels, seed: 1, count: 3000 });
    const testPairs = generateAdditionPairs({ labels: mnist.test.labels, seed: 2, count: 1000 }).map((e) => ({ ...e, set: 'test' }));
    const task = createMnistAdditionTask({
      images: { train: mnist.train, test: mnist.test },
      data: { train: trainPairs, dev: [], test: testPairs },
      model: { digits: 1 },
    });
    const before = tf.memory().numTensors;
    const result = await train(task, {
      config: { epochs: 2, batchSize: 16, lr: 2e-3, tau: 1, variant: 'tm+dropres', gamma: 0.2, alphaStep: 1 / 12, seed: 3, evalEachEpoch: false, evalBatchSize: 500 },
      sampleCount: 4,
    });
    const summary = summarizeMnistMetrics(result.test);
    // Chance: the most frequent sum (9) is 10% of pairs; a digit guess is right 10% of the time.
    expect(summary.sumAccuracy).toBeGreaterThan(0.2); // measured 0.272 (digit 0.579) with these seeds
    expect(summary.digitAccuracy).toBeGreaterThan(0.45);
    expect(summary.macroF1).toBeGreaterThan(0.1);
    expect(summary.stateOfDigit).toHaveLength(10);
    const samples = result.samples as MnistAdditionSample[];
    expect(samples).toHaveLength(4);
    expect(samples[0]!.images).toHaveLength(2);
    expect(samples[0]!.a + samples[0]!.b).toBe(samples[0]!.sum);
    expect(atob(samples[0]!.images[0]!.pixels)).toHaveLength(784);
    // The digit classifier of the trained model agrees with what the task measured on the test pairs.
    const model = result.model as MnistAdditionModel;
    const first = testPairs.slice(0, 50).map((e) => e.a[0]!);
    const states = tf.tidy(() => {
      const pixels = Float32Array.from(first.flatMap((i) => Array.from(mnist.test.images.subarray(i * 784, (i + 1) * 784), (p) => p / 255)));
      return Array.from(model.classifyDigits(tf.tensor4d(pixels, [first.length, 28, 28, 1])).dataSync());
    });
    const read = states.map((s) => summary.stateOfDigit.indexOf(s));
    const right = read.filter((d, k) => d === mnist.test.labels[first[k]!]).length / first.length;
    expect(right).toBeGreaterThan(0.25);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  }, 180_000);

  it('rejects examples whose digits or image set do not fit', () => {
    const images = { train: mnist.train };
    expect(() => createMnistAdditionTask({ images, data: { train: [{ a: [1, 2], b: [3, 4], sum: 5 }], dev: [], test: [] } })).toThrow(
      /data.train\[0\] has 2\+2 digits, expected 1 each/,
    );
    expect(() => createMnistAdditionTask({ images, data: { train: [], dev: [], test: [{ a: [1], b: [3], sum: 5, set: 'test' }] } })).toThrow(
      /data.test\[0\] refers to image set 'test', expected one of train/,
    );
    expect(() => createMnistAdditionTask({ images: {}, data: { train: [], dev: [], test: [] } })).toThrow(/images must name at least one image set/);
  });
});
