import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@dccg/backend/gradients';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from './rng.js';
import { fillGumbel, gumbelNoise } from './gumbelNoise.js';
import { gumbelSoftmax } from './gumbelSoftmax.js';
import { perturbLogits } from './perturbLogits.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Softmax of v/t in float64. */
function softmax(v: number[], t: number): number[] {
  const m = Math.max(...v.map((x) => x / t));
  const e = v.map((x) => Math.exp(x / t - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / s);
}

/** Upper critical value of chi-square(df) at p = 0.001 (Wilson–Hilferty). */
function chi2Critical(df: number): number {
  const z = 3.0902;
  const c = 2 / (9 * df);
  return df * (1 - c + z * Math.sqrt(c)) ** 3;
}

function chi2(counts: number[], probs: number[], n: number): number {
  return counts.reduce((s, o, i) => s + (o - n * probs[i]!) ** 2 / (n * probs[i]!), 0);
}

describe('gumbelSoftmax', () => {
  it('equals softmax((logits + beta*g)/tau) for a given noise, and rows sum to 1', () => {
    const logits = tf.tensor2d([[0.5, -1, 2, 0], [3, 3, -2, 1]]);
    const noise = gumbelNoise([2, 4], createRng(1));
    const y = gumbelSoftmax(logits, { tau: 0.7, beta: 0.3, noise });
    const l = logits.arraySync() as number[][];
    const g = noise.arraySync() as number[][];
    const got = y.arraySync() as number[][];
    for (let r = 0; r < 2; r++) {
      const want = softmax(l[r]!.map((x, j) => x + 0.3 * g[r]![j]!), 0.7);
      for (let j = 0; j < 4; j++) expect(got[r]![j]!).toBeCloseTo(want[j]!, 6);
      expect(got[r]!.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    }
    tf.dispose([logits, noise, y]);
  });

  it('drawing from rng equals passing the same noise explicitly', () => {
    const logits = tf.tensor2d([[1, 2, 3], [0, -1, 4]]);
    const rng = createRng(77);
    const noise = gumbelNoise([2, 3], rng.clone());
    const a = gumbelSoftmax(logits, { tau: 0.5, beta: 0.8, rng });
    const b = gumbelSoftmax(logits, { tau: 0.5, beta: 0.8, noise });
    const da = a.dataSync();
    b.dataSync().forEach((x, i) => expect(x).toBeCloseTo(da[i]!, 6));
    tf.dispose([logits, noise, a, b]);
  });

  it('beta = 0 is the deterministic softmax(logits/tau) and needs no rng', () => {
    const logits = tf.tensor1d([1, 2, 3, -4]);
    const y = gumbelSoftmax(logits, { tau: 2, beta: 0 });
    const want = softmax([1, 2, 3, -4], 2);
    const got = y.dataSync();
    want.forEach((w, j) => expect(got[j]!).toBeCloseTo(w, 6));
    tf.dispose([logits, y]);
  });

  it('argmax of logits + beta*g follows softmax(logits/beta) (chi-square, several logits and beta)', () => {
    const cases: [number[], number][] = [
      [[1, 2, 3], 1],
      [[0, 0, 0, 0], 1],
      [[2, -1, 0.5, 1, 0], 0.5],
      [[1, 2, 3], 2.5],
      [[-3, 0, 1, 1.5], 4],
    ];
    const n = 20_000;
    const rng = createRng(2021);
    for (const [l, beta] of cases) {
      const k = l.length;
      const counts = tf.tidy(() => {
        const logits = tf.tile(tf.tensor2d([l]), [n, 1]);
        const viaPerturb = tf.argMax(perturbLogits(logits, { beta, rng }), 1);
        // The hard sample's one-hot picks the same argmax; count it too, from an independent draw.
        const viaHard = tf.argMax(gumbelSoftmax(logits, { tau: 0.3, beta, hard: true, rng }), 1);
        return [tf.bincount(viaPerturb as tf.Tensor1D, [], k), tf.bincount(viaHard as tf.Tensor1D, [], k)].map((t) => Array.from(t.dataSync()));
      });
      const p = softmax(l, beta);
      for (const c of counts) expect(chi2(c, p, n)).toBeLessThan(chi2Critical(k - 1));
    }
  });

  it('the gradient matches central finite differences with the noise held fixed', () => {
    const shape = [3, 5];
    const l = [0.3, -1.2, 2.0, 0.1, 0.7, 1.5, 1.4, -0.2, 0.0, -2.0, 4.0, 0.5, 0.5, -0.5, 1.0];
    const w = [0.9, -0.4, 1.3, 0.2, -1.1, 0.5, 0.8, -0.7, 1.9, 0.3, -0.6, 1.2, -1.5, 0.4, 0.1];
    const gArr = fillGumbel(new Float32Array(15), createRng(3));
    for (const [tau, beta] of [[1, 1], [0.4, 0.7], [2.5, 0]] as const) {
      const noise = tf.tensor(gArr, shape);
      const wt = tf.tensor(w, shape);
      const grad = tf.grad((x: tf.Tensor) => tf.sum(tf.mul(gumbelSoftmax(x, { tau, beta, noise }), wt)));
      const got = grad(tf.tensor(l, shape)).dataSync();
      // Host float64 loss: sum w * softmax((l + beta g)/tau) row by row.
      const loss = (v: number[]): number => {
        let s = 0;
        for (let r = 0; r < 3; r++) {
          const y = softmax(v.slice(5 * r, 5 * r + 5).map((x, j) => x + beta * gArr[5 * r + j]!), tau);
          y.forEach((yj, j) => (s += yj * w[5 * r + j]!));
        }
        return s;
      };
      const h = 1e-5;
      for (let i = 0; i < 15; i++) {
        const up = [...l];
        const down = [...l];
        up[i]! += h;
        down[i]! -= h;
        const fd = (loss(up) - loss(down)) / (2 * h);
        expect(Math.abs(got[i]! - fd)).toBeLessThan(1e-5 + 1e-4 * Math.abs(fd));
      }
      tf.dispose([noise, wt]);
    }
  });

  it('hard: the forward is one-hot at the soft argmax and the gradient equals the soft one', () => {
    const logits = tf.tensor2d([[0.2, 1.0, -0.5, 0.3], [2, 2.1, 0, -1], [-1, -1, 3, 0]]);
    const noise = gumbelNoise([3, 4], createRng(4));
    const wt = tf.tensor2d([[1, -2, 0.5, 3], [0.1, 0.2, -0.3, 0.4], [2, 1, -1, 0]]);
    const soft = gumbelSoftmax(logits, { tau: 0.5, noise });
    const hard = gumbelSoftmax(logits, { tau: 0.5, noise, hard: true });
    const s = soft.arraySync() as number[][];
    const hd = hard.arraySync() as number[][];
    for (let r = 0; r < 3; r++) {
      const am = s[r]!.indexOf(Math.max(...s[r]!));
      expect(hd[r]).toEqual(s[r]!.map((_, j) => (j === am ? 1 : 0)));
    }
    const gSoft = tf.grad((x: tf.Tensor) => tf.sum(tf.mul(gumbelSoftmax(x, { tau: 0.5, noise }), wt)))(logits);
    const gHard = tf.grad((x: tf.Tensor) => tf.sum(tf.mul(gumbelSoftmax(x, { tau: 0.5, noise, hard: true }), wt)))(logits);
    expect(Array.from(gHard.dataSync())).toEqual(Array.from(gSoft.dataSync()));
    expect(gSoft.dataSync().some((v) => v !== 0)).toBe(true);
    tf.dispose([logits, noise, wt, soft, hard, gSoft, gHard]);
  });

  it('a non-last axis (rank 3) equals transposing the categories to the end', () => {
    const x = tf.tensor3d(Array.from({ length: 24 }, (_, i) => Math.sin(i) * 2), [2, 4, 3]);
    const noise = gumbelNoise([2, 4, 3], createRng(9));
    const wt = tf.tensor3d(Array.from({ length: 24 }, (_, i) => Math.cos(i)), [2, 4, 3]);
    const perm = [0, 2, 1];
    const f1 = (v: tf.Tensor) => gumbelSoftmax(v, { tau: 0.8, noise, axis: 1 });
    const f2 = (v: tf.Tensor) =>
      tf.transpose(gumbelSoftmax(tf.transpose(v, perm), { tau: 0.8, noise: tf.transpose(noise, perm) }), perm);
    const close = (a: tf.Tensor, b: tf.Tensor) => {
      const bd = b.dataSync();
      a.dataSync().forEach((v, i) => expect(v).toBeCloseTo(bd[i]!, 6));
    };
    tf.tidy(() => {
      close(f1(x), f2(x));
      expect(Array.from(tf.sum(f1(x), 1).dataSync()).every((s) => Math.abs(s - 1) < 1e-6)).toBe(true);
      close(tf.grad((v: tf.Tensor) => tf.sum(tf.mul(f1(v), wt)))(x), tf.grad((v: tf.Tensor) => tf.sum(tf.mul(f2(v), wt)))(x));
      const h1 = gumbelSoftmax(x, { noise, axis: -2, hard: true });
      expect(Array.from(tf.sum(h1, 1).dataSync())).toEqual([1, 1, 1, 1, 1, 1]);
      expect(Array.from(tf.max(h1, 1).dataSync())).toEqual([1, 1, 1, 1, 1, 1]);
    });
    tf.dispose([x, noise, wt]);
  });

  it('logits of ±1e4 and mixed scales give finite outputs that sum to 1, and finite gradients', () => {
    const logits = tf.tensor2d([
      [1e4, -1e4, 0, 1e-3],
      [-1e4, -1e4, -1e4, -1e4],
      [1e4, 1e4 - 1, 3, -2],
      [1e-6, 2e-6, -1e-6, 0],
    ]);
    const rng = createRng(12);
    for (const tau of [1e-3, 0.1, 1, 50]) {
      for (const hard of [false, true]) {
        const y = gumbelSoftmax(logits, { tau, beta: 1, hard, rng });
        const d = y.dataSync();
        expect(d.every((v) => Number.isFinite(v))).toBe(true);
        const sums = tf.sum(y, -1);
        sums.dataSync().forEach((s) => expect(s).toBeCloseTo(1, 5));
        const g = tf.grad((x: tf.Tensor) => tf.sum(tf.mul(gumbelSoftmax(x, { tau, rng, hard }), tf.range(0, 4))))(logits);
        expect(g.dataSync().every((v) => Number.isFinite(v))).toBe(true);
        tf.dispose([y, sums, g]);
      }
    }
    logits.dispose();
  });

  it('leaks no tensor, forward or backward', () => {
    const logits = tf.tensor2d([[1, 2, 3], [3, 2, 1]]);
    const rng = createRng(0);
    const before = tf.memory().numTensors;
    for (const hard of [false, true]) {
      for (const axis of [-1, 0]) {
        gumbelSoftmax(logits, { tau: 0.5, hard, axis, rng }).dispose();
        gumbelSoftmax(logits, { beta: 0, hard, axis }).dispose();
        const g = tf.grad((x: tf.Tensor) => tf.sum(tf.square(gumbelSoftmax(x, { tau: 0.5, hard, axis, rng }))))(logits);
        g.dispose();
      }
    }
    expect(tf.memory().numTensors).toBe(before);
    logits.dispose();
  });

  it('throws at once for bad arguments, naming the argument and the value', () => {
    const rng = createRng(0);
    const x = tf.tensor2d([[1, 2]]);
    const before = tf.memory().numTensors;
    expect(() => gumbelSoftmax(x, { tau: 0, rng })).toThrow('gumbelSoftmax: tau must be a finite number > 0, got 0');
    expect(() => gumbelSoftmax(x, { tau: -1, rng })).toThrow('got -1');
    expect(() => gumbelSoftmax(x, { tau: Infinity, rng })).toThrow('tau must be a finite number > 0, got Infinity');
    expect(() => gumbelSoftmax(x, { tau: NaN, rng })).toThrow('tau must be a finite number > 0, got NaN');
    expect(() => gumbelSoftmax(x, { beta: -0.1, rng })).toThrow('gumbelSoftmax: beta must be a finite number >= 0, got -0.1');
    expect(() => gumbelSoftmax(x, { beta: NaN, rng })).toThrow('beta must be a finite number >= 0, got NaN');
    expect(() => gumbelSoftmax(x, { axis: 2, rng })).toThrow('gumbelSoftmax: axis must be an integer in [-2, 1] for rank 2, got 2');
    expect(() => gumbelSoftmax(x, { axis: -3, rng })).toThrow('got -3');
    expect(() => gumbelSoftmax(x, { axis: 0.5, rng })).toThrow('got 0.5');
    expect(() => gumbelSoftmax(x, {})).toThrow('gumbelSoftmax: rng must be an Rng from createRng(seed), got undefined');
    expect(() => gumbelSoftmax(x, { hard: 1 as unknown as boolean, rng })).toThrow('gumbelSoftmax: hard must be a boolean, got 1');
    const ints = tf.tensor1d([1, 2, 3], 'int32');
    expect(() => gumbelSoftmax(ints, { rng })).toThrow(/gumbelSoftmax: logits must be a float32 tensor, got dtype int32/);
    const scalar = tf.scalar(1);
    expect(() => gumbelSoftmax(scalar, { rng })).toThrow('gumbelSoftmax: logits must have rank >= 1 (categories on an axis), got a scalar');
    expect(() => gumbelSoftmax([1, 2] as unknown as tf.Tensor, { rng })).toThrow('gumbelSoftmax: logits must be a tf.Tensor, got object');
    const badNoise = tf.zeros([2, 1]);
    expect(() => gumbelSoftmax(x, { noise: badNoise })).toThrow("gumbelSoftmax: noise must have the logits' shape [1, 2], got [2, 1]");
    const empty = tf.zeros([2, 0]);
    expect(() => gumbelSoftmax(empty, { rng })).toThrow(/at least one category on axis 1/);
    expect(tf.memory().numTensors).toBe(before + 4);
    tf.dispose([x, ints, scalar, badNoise, empty]);
  });
});
