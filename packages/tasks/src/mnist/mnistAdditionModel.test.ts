import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@dccg/backend/gradients';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '@dccg/gumbel';
import type { Rng } from '@dccg/gumbel';
import type { StepContext } from '../engine/types.js';
import { makeMnistAdditionBatch } from './mnistAdditionBatch.js';
import type { MnistImageSet } from './mnistAdditionBatch.js';
import { createMnistAdditionModel, mnistNodeNames } from './mnistAdditionModel.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Ten random 28×28 "images", labelled 0..9. */
function fakeSet(rng: Rng): MnistImageSet {
  const count = 10;
  const images = new Uint8Array(count * 784);
  for (let i = 0; i < images.length; i++) images[i] = rng.nextInt(256);
  return { images, labels: Uint8Array.from({ length: count }, (_, i) => i), count, rows: 28, cols: 28 };
}

function context(overrides: Partial<StepContext> & { taps?: string[] } = {}): StepContext {
  const taps = overrides.taps;
  return {
    training: true,
    tau: 8,
    beta: 1,
    alpha: 0.5,
    hard: false,
    dropresMode: 'batch',
    rng: createRng(11),
    tap: (name: string, logits: tf.Tensor) => {
      taps?.push(name);
      return logits;
    },
    ...overrides,
  };
}

describe('createMnistAdditionModel', () => {
  it('N = 1: predicts a sum class through 19 digit states; gradients reach every variable', () => {
    const rng = createRng(0);
    const set = fakeSet(rng);
    const model = createMnistAdditionModel({ digits: 1 }, createRng(1));
    const batch = makeMnistAdditionBatch([{ a: [3], b: [9], sum: 12 }, { a: [0], b: [4], sum: 4 }], set, 1);
    const taps: string[] = [];
    const before = tf.memory().numTensors;
    const { value, grads } = tf.variableGrads(() => tf.tidy(() => model.forward(batch, context({ taps })).loss), Object.values(model.variables));
    expect(Number.isFinite(value.dataSync()[0])).toBe(true);
    expect(value.dataSync()[0]).toBeGreaterThan(0);
    expect(taps).toEqual(['digit']);
    for (const [name, v] of Object.entries(model.variables)) {
      const g = grads[v.name]!;
      expect(g.shape, name).toEqual(v.shape);
      expect(tf.tidy(() => tf.sum(tf.abs(g)).dataSync()[0]!), `gradient of ${name}`).toBeGreaterThan(0);
    }
    tf.dispose([value, ...Object.values(grads)]);
    expect(tf.memory().numTensors).toBe(before);
    const out = tf.tidy(() => {
      const r = model.forward(batch, context({ training: false, alpha: 1, hard: true }));
      return [r.outputs.sumDigits!, r.outputs.digitStates!, r.outputs.correct!];
    });
    expect(out[0]!.shape).toEqual([2, 2]);
    expect(out[1]!.shape).toEqual([4]);
    expect(Array.from(out[1]!.dataSync()).every((s) => s >= 0 && s < 19)).toBe(true);
    expect(mnistNodeNames(model.config)).toEqual(['digit']);
    tf.dispose(out);
    batch.dispose();
    model.dispose();
  });

  it('N = 3: the adder cell runs three carries; evaluation is deterministic', () => {
    const rng = createRng(2);
    const set = fakeSet(rng);
    const model = createMnistAdditionModel({ digits: 3, hidden: 32, carryEmbedding: 8 }, createRng(3));
    const batch = makeMnistAdditionBatch([{ a: [1, 2, 3], b: [9, 9, 9], sum: 123 + 999 }], set, 3);
    expect(Array.from(batch.sumDigits.dataSync())).toEqual([2, 2, 1, 1]);
    const taps: string[] = [];
    const { value, grads } = tf.variableGrads(() => model.forward(batch, context({ taps })).loss, Object.values(model.variables));
    expect(taps).toEqual(['digit', 'carry', 'carry', 'carry']);
    expect(Number.isFinite(value.dataSync()[0])).toBe(true);
    const carryGrad = grads[model.variables.carryTable!.name]!;
    expect(tf.tidy(() => tf.sum(tf.abs(carryGrad)).dataSync()[0]!)).toBeGreaterThan(0);
    tf.dispose([value, ...Object.values(grads)]);
    const evalOnce = (seed: number) =>
      tf.tidy(() => {
        const r = model.forward(batch, context({ training: false, alpha: 1, hard: true, rng: createRng(seed) }));
        return Array.from(r.outputs.sumDigits!.dataSync());
      });
    const first = evalOnce(100);
    expect(first).toHaveLength(4);
    expect(evalOnce(200)).toEqual(first);
    batch.dispose();
    model.dispose();
  });

  it('cnn baseline: LeNet over the joined images, no discrete nodes', () => {
    const set = fakeSet(createRng(4));
    const model = createMnistAdditionModel({ kind: 'cnn' }, createRng(5));
    const batch = makeMnistAdditionBatch([{ a: [5], b: [6], sum: 11 }], set, 1);
    const taps: string[] = [];
    const loss = tf.tidy(() => model.forward(batch, context({ taps })).loss.dataSync()[0]!);
    expect(loss).toBeGreaterThan(0);
    expect(taps).toEqual([]);
    expect(model.variables['encoder/fc1']!.shape).toEqual([16 * 4 * 11, 120]);
    expect(() => model.classifyDigits(tf.zeros([1, 28, 28, 1]))).toThrow(/cnn baseline has no digit node/);
    batch.dispose();
    model.dispose();
  });

  it('rejects bad configs and mismatched batches', () => {
    expect(() => createMnistAdditionModel({ kind: 'rnn' as 'cnn' }, createRng(0))).toThrow(/kind must be 'dccg' or 'cnn', got rnn/);
    expect(() => createMnistAdditionModel({ digits: 0 }, createRng(0))).toThrow(/digits must be an integer >= 1, got 0/);
    expect(() => createMnistAdditionModel({ digits: 16 }, createRng(0))).toThrow(/digits must be <= 15/);
    expect(() => createMnistAdditionModel({ kind: 'cnn', digits: 2 }, createRng(0))).toThrow(/needs digits = 1, got 2/);
    const set = fakeSet(createRng(6));
    const model = createMnistAdditionModel({ digits: 2, hidden: 8, carryEmbedding: 4 }, createRng(0));
    const batch = makeMnistAdditionBatch([{ a: [1], b: [2], sum: 3 }], set, 1);
    expect(() => tf.tidy(() => model.forward(batch, context()).loss)).toThrow(/batch has 1-digit numbers, the model expects 2/);
    batch.dispose();
    model.dispose();
  });
});

describe('makeMnistAdditionBatch', () => {
  it('orders images least significant first, a before b, and splits the sum into digits', () => {
    const set = fakeSet(createRng(8));
    const batch = makeMnistAdditionBatch([{ a: [1, 2], b: [3, 4], sum: 12 + 34 }], set, 2);
    expect(Array.from(batch.digitLabels)).toEqual([2, 1, 4, 3]);
    expect(Array.from(batch.sumDigits.dataSync())).toEqual([6, 4, 0]);
    const first = tf.slice(batch.images, [0, 0, 0, 0], [1, 28, 28, 1]).dataSync();
    expect(Math.round(first[0]! * 255)).toBe(set.images[2 * 784]);
    batch.dispose();
    expect(() => makeMnistAdditionBatch([{ a: [1], b: [2, 3], sum: 24 }], set, 2)).toThrow(/example 0 has 1 digits in a, expected 2/);
    expect(() => makeMnistAdditionBatch([{ a: [10], b: [2], sum: 2 }], set, 1)).toThrow(/refers to image 10, expected 0..9/);
    expect(() => makeMnistAdditionBatch([{ a: [1], b: [2], sum: 300 }], set, 1)).toThrow(/300 has more than 2 digits/);
  });
});
