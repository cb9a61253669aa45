import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@dccg/backend/gradients';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '@dccg/gumbel';
import { Adam } from './adam.js';
import { lengthGroupedBatches } from './batches.js';
import { evaluationBatches } from './evaluate.js';
import { matMul, runLstm, createLstm, stackedLstmMask } from './layers.js';
import { decodeTensor, encodeTensor } from './storedTensor.js';
import { readTapRecords, recordingTap } from './tap.js';
import type { TapRecord } from './tap.js';
import { variantSchedules } from './variants.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('lengthGroupedBatches', () => {
  const lengths = [5, 1, 9, 1, 5, 9, 2, 2, 7, 3];
  it('covers every index once, groups by length, and repeats exactly from the same key', () => {
    const a = lengthGroupedBatches(lengths, { batchSize: 3, rng: createRng(4) });
    const b = lengthGroupedBatches(lengths, { batchSize: 3, rng: createRng(4) });
    expect(a).toEqual(b);
    expect(a.flat().sort((x, y) => x - y)).toEqual(lengths.map((_, i) => i));
    // Batches are runs of the sorted lengths: each batch's lengths are contiguous in sorted order.
    const sorted = [...lengths].sort((x, y) => x - y);
    const spans = a.map((batch) => batch.map((i) => lengths[i]!).sort((x, y) => x - y));
    for (const s of spans) expect(sorted.join(',')).toContain(s.join(','));
    expect(lengthGroupedBatches(lengths, { batchSize: 3, rng: createRng(5) })).not.toEqual(a);
  });
  it('caps long batches with limit and keeps the count independent of the key', () => {
    const limit = (l: number) => (l >= 7 ? 1 : 3);
    const a = lengthGroupedBatches(lengths, { batchSize: 3, limit, rng: createRng(1) });
    const b = lengthGroupedBatches(lengths, { batchSize: 3, limit, rng: createRng(2) });
    expect(a.length).toBe(b.length);
    for (const batch of a) if (batch.some((i) => lengths[i]! >= 7)) expect(batch.length).toBe(1);
    expect(() => lengthGroupedBatches(lengths, { batchSize: 0 })).toThrow('lengthGroupedBatches: batchSize must be an integer >= 1, got 0');
  });
  it('evaluationBatches keeps length order', () => {
    expect(evaluationBatches([5, 1, 9], 2)).toEqual([[1, 0], [2]]);
    expect(evaluationBatches([5, 1, 9], 3, (l) => (l > 6 ? 1 : 3))).toEqual([[1, 0], [2]]);
  });
});

describe('storedTensor', () => {
  it('round-trips float32 bits exactly, including NaN, -0 and subnormals', () => {
    const v = new Float32Array([1.5, -0, NaN, 1e-45, 3.4e38, -7]);
    const { values, shape } = decodeTensor(JSON.parse(JSON.stringify(encodeTensor(v, [2, 3]))));
    expect(shape).toEqual([2, 3]);
    expect(new Uint32Array(values.buffer)).toEqual(new Uint32Array(v.buffer));
    expect(() => encodeTensor(v, [4])).toThrow('encodeTensor: shape [4] holds 4 values, got 6');
  });
});

describe('Adam', () => {
  it('minimises a quadratic and its state restores the same next step', () => {
    const w = tf.variable(tf.tensor1d([3, -2]));
    const opt = new Adam({ w }, { lr: 0.1 });
    const step = () => {
      const { grads } = tf.variableGrads(() => tf.sum(tf.square(w)) as tf.Scalar, [w]);
      opt.apply({ w: grads[w.name]! });
      Object.values(grads).forEach((g) => g.dispose());
    };
    for (let i = 0; i < 200; i++) step();
    expect(Math.max(...Array.from(w.dataSync()).map(Math.abs))).toBeLessThan(0.05);
    const state = JSON.parse(JSON.stringify(opt.getState()));
    const saved = w.dataSync().slice();
    step();
    const next = w.dataSync().slice();
    const w2 = tf.variable(tf.tensor1d(saved));
    const opt2 = new Adam({ w: w2 }, { lr: 0.1 });
    opt2.setState(state);
    const { grads } = tf.variableGrads(() => tf.sum(tf.square(w2)) as tf.Scalar, [w2]);
    opt2.apply({ w: grads[w2.name]! });
    expect(w2.dataSync()).toEqual(next);
    for (const x of [w, w2, ...Object.values(grads)]) x.dispose();
    opt.dispose();
    opt2.dispose();
    expect(() => new Adam({}, { lr: -1 })).toThrow('Adam: lr must be > 0, got -1');
  });
});

describe('layers', () => {
  it('matMul has tf.matMul values and gradients (rank 2 and 3)', () => {
    const rng = createRng(3);
    for (const [sa, sb] of [[[3, 4], [4, 5]], [[2, 3, 4], [2, 4, 2]]] as const) {
      const a = tf.sub(rng.uniform([...sa]), 0.5);
      const b = tf.sub(rng.uniform([...sb]), 0.5);
      const f1 = (x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.square(matMul(x, y)));
      const f2 = (x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.square(tf.matMul(x, y)));
      const g1 = tf.grads(f1)([a, b]);
      const g2 = tf.grads(f2)([a, b]);
      expect(f1(a, b).dataSync()[0]).toBeCloseTo(f2(a, b).dataSync()[0]!, 5);
      for (let i = 0; i < 2; i++) {
        const d = tf.max(tf.abs(tf.sub(g1[i]!, g2[i]!))).dataSync()[0]!;
        expect(d).toBeLessThan(1e-5);
      }
    }
  });
  it('a stacked LSTM with the block mask equals two separate LSTMs', () => {
    const rng = createRng(8);
    const d = 3;
    const x = tf.sub(rng.uniform([2, 4, 5]), 0.5) as tf.Tensor3D;
    const both = createLstm(5, 2 * d, rng);
    const hBoth = runLstm(both, x, { recurrentMask: stackedLstmMask(2, d) });
    // Cut LSTM k's weights out of the stacked one: columns k·d..(k+1)·d of every gate, rows likewise.
    for (let k = 0; k < 2; k++) {
      const cols = (t: tf.Tensor) => tf.concat([0, 1, 2, 3].map((g) => tf.slice(t, [0, g * 2 * d + k * d], [t.shape[0]!, d])), 1);
      const single = {
        wx: tf.variable(cols(both.wx)),
        wh: tf.variable(tf.slice(cols(both.wh), [k * d, 0], [d, 4 * d])),
        b: tf.variable(tf.reshape(cols(tf.reshape(both.b, [1, -1])), [-1])),
      };
      const h = runLstm(single, x);
      const part = tf.slice(hBoth, [0, 0, k * d], [2, 4, d]);
      expect(tf.max(tf.abs(tf.sub(h, part))).dataSync()[0]).toBeLessThan(1e-6);
    }
  });
});

describe('runLstm backward', () => {
  it("equals tfjs's autodiff of the same forward: x and all weights, stacked (masked) or not, one step or many", () => {
    const rng = createRng(12);
    for (const [batch, time, input, hidden, stacked] of [
      [3, 7, 5, 4, false],
      [2, 6, 4, 6, true],
      [2, 1, 3, 2, false],
    ] as const) {
      const lstm = createLstm(input, hidden, rng);
      const mask = stacked ? stackedLstmMask(2, hidden / 2) : undefined;
      const x = tf.sub(rng.uniform([batch, time, input]), 0.5) as tf.Tensor3D;
      const proj = tf.sub(rng.uniform([batch, time, hidden]), 0.5);
      const vars = [lstm.wx, lstm.wh, lstm.b];
      const run = (handGradient: boolean) =>
        tf.grads((xx: tf.Tensor, ...ws: tf.Tensor[]) =>
          tf.sum(tf.mul(runLstm({ wx: ws[0] as tf.Variable, wh: ws[1] as tf.Variable, b: ws[2] as tf.Variable }, xx as tf.Tensor3D, { recurrentMask: mask, handGradient }), proj)),
        )([x, ...vars]);
      const hand = run(true);
      const auto = run(false);
      const before = tf.memory().numTensors;
      tf.dispose(tf.tidy(() => runLstm(lstm, x, { recurrentMask: mask })));
      expect(tf.memory().numTensors).toBe(before);
      const same = tf.tidy(() => tf.max(tf.abs(tf.sub(runLstm(lstm, x, { recurrentMask: mask }), runLstm(lstm, x, { recurrentMask: mask, handGradient: false })))).dataSync()[0]);
      expect(same).toBe(0);
      for (let k = 0; k < 4; k++) {
        expect(hand[k]!.shape).toEqual(auto[k]!.shape);
        const err = tf.tidy(() => tf.max(tf.abs(tf.sub(hand[k]!, auto[k]!))).dataSync()[0]!);
        const scale = tf.tidy(() => tf.max(tf.abs(auto[k]!)).dataSync()[0]!);
        expect(err, `input ${k}, ${batch}×${time}×${input}→${hidden}${stacked ? ' stacked' : ''}`).toBeLessThan(1e-5 * Math.max(1, scale));
      }
      tf.dispose([x, proj, ...vars, ...hand, ...auto, ...(mask ? [mask] : [])]);
    }
  });

  it('names a recurrent mask of the wrong shape and a handGradient that is not a boolean', () => {
    const lstm = createLstm(3, 4, createRng(1));
    const x = tf.zeros([1, 2, 3]) as tf.Tensor3D;
    const mask = stackedLstmMask(2, 4); // [8, 32], not wh's [4, 16]
    expect(() => runLstm(lstm, x, { recurrentMask: mask })).toThrow("runLstm: recurrentMask must have wh's shape [4, 16], got [8, 32]");
    expect(() => runLstm(lstm, x, { handGradient: 'yes' as never })).toThrow('runLstm: handGradient must be a boolean, got yes');
    tf.dispose([x, mask, lstm.wx, lstm.wh, lstm.b]);
  });
});

describe('recordingTap', () => {
  it('records the gradient norm at the logits (= the norm of d loss / d logits) and the saturation', () => {
    const logits = tf.tensor2d([[2, 0, 0], [0, 0, 0]]);
    const weights = tf.tensor2d([[1, 2, 3], [-1, 0, 1]]);
    const records = new Map<string, TapRecord>();
    const tap = recordingTap(records);
    const g = tf.grad((l: tf.Tensor) => tf.sum(tf.mul(tap('node', l), weights)))(logits);
    const diag = readTapRecords(records);
    expect(diag.node!.gradNorm).toBeCloseTo(Math.sqrt(1 + 4 + 9 + 1 + 0 + 1), 5);
    expect(Array.from(g.dataSync())).toEqual([1, 2, 3, -1, 0, 1]);
    const p0 = Math.exp(2) / (Math.exp(2) + 2);
    expect(diag.node!.topProb).toBeCloseTo((p0 + 1 / 3) / 2, 5);
    expect(diag.node!.entropy).toBeGreaterThan(0);
    expect(records.size).toBe(0);
  });
});

describe('variantSchedules', () => {
  it('gives the paper schedules', () => {
    const base = variantSchedules('base');
    expect([base.beta(0), base.alpha(0), base.beta(900)]).toEqual([1, 1, 1]);
    const both = variantSchedules('tm+dropres', { tau: 2, gamma: 0.01, alphaStep: 0.25 });
    expect(both.beta(0)).toBe(0);
    expect(both.beta(100)).toBeCloseTo(2 * (1 - Math.exp(-1)), 6);
    expect([both.alpha(0), both.alpha(2), both.alpha(9)]).toEqual([0, 0.5, 1]);
    expect(() => variantSchedules('x' as never)).toThrow(/variantSchedules: variant must be one of/);
  });
});
