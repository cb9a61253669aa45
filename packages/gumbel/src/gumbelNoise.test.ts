import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { fillGumbel, gumbelNoise, logNegLogFromWord } from './gumbelNoise.js';
import { createRng } from './rng.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('gumbelNoise / fillGumbel', () => {
  it('follows the standard Gumbel distribution (Kolmogorov–Smirnov, moments)', () => {
    const n = 50_000;
    const g = Array.from(fillGumbel(new Float32Array(n), createRng(5))).sort((a, b) => a - b);
    let d = 0;
    for (let i = 0; i < n; i++) {
      const cdf = Math.exp(-Math.exp(-g[i]!));
      d = Math.max(d, Math.abs(cdf - i / n), Math.abs(cdf - (i + 1) / n));
    }
    expect(d).toBeLessThan(1.95 / Math.sqrt(n)); // KS critical value at p = 0.001
    const mean = g.reduce((a, b) => a + b, 0) / n;
    const variance = g.reduce((a, b) => a + (b - mean) ** 2, 0) / n;
    expect(mean).toBeCloseTo(0.5772156649, 1);
    expect(Math.abs(variance - Math.PI ** 2 / 6)).toBeLessThan(0.05);
  });

  it('is finite at the extreme words: -log(-log u) with u in [2^-33, 1 - 2^-33]', () => {
    const lo = -Math.log(-Math.log(0.5 * 2 ** -32));
    const hi = -Math.log(-Math.log((2 ** 32 - 0.5) * 2 ** -32));
    expect(Number.isFinite(lo) && Number.isFinite(hi)).toBe(true);
    expect(lo).toBeCloseTo(-3.13, 2);
    expect(hi).toBeCloseTo(22.87, 2);
    const g = fillGumbel(new Float32Array(200_000), createRng(6));
    let min = Infinity;
    let max = -Infinity;
    for (const x of g) {
      min = Math.min(min, x);
      max = Math.max(max, x);
    }
    expect(min).toBeGreaterThanOrEqual(lo - 1e-5);
    expect(max).toBeLessThanOrEqual(hi + 1e-5);
  });

  it('scale multiplies the draws; the tensor equals the host array', () => {
    const a = fillGumbel(new Float32Array(10), createRng(2), 0.25);
    const b = fillGumbel(new Float32Array(10), createRng(2));
    a.forEach((x, i) => expect(x).toBeCloseTo(0.25 * b[i]!, 6));
    const before = tf.memory().numTensors;
    const t = gumbelNoise([2, 5], createRng(2));
    expect(t.shape).toEqual([2, 5]);
    expect(Array.from(t.dataSync())).toEqual(Array.from(b));
    t.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('throws clear errors', () => {
    expect(() => gumbelNoise([2, 1.5], createRng(0))).toThrow('gumbelNoise: shape must be an array of non-negative integers, got [2,1.5]');
    expect(() => gumbelNoise([2], undefined as never)).toThrow('gumbelNoise: rng must be an Rng from createRng(seed), got undefined');
    expect(() => fillGumbel(new Float32Array(2), createRng(0), NaN)).toThrow('fillGumbel: scale must be finite, got NaN');
  });
});

describe('logNegLogFromWord', () => {
  it('equals Math.log(-Math.log(u)) to 1e-12, at the extremes, the bin edges and on random words', () => {
    const ref = (w: number) => Math.log(-Math.log((w + 0.5) * 2 ** -32));
    const words = [0, 1, 2, 3, 2 ** 16, 2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1, 2 ** 32 - 2, 2 ** 32 - 2 ** 8, 3037000499, 1581709813];
    const u = createRng(9).fillUniform(new Float32Array(200_000));
    for (const x of u) words.push(Math.floor(x * 2 ** 32));
    for (let w = 0; w < 600; w++) words.push(w, 2 ** 32 - 1 - w, 2 ** 31 - 300 + w);
    // Words whose −log u lands near the 2^-19 switch and near e = 1 (the outer log's sign change).
    for (const e of [2 ** -19, 2 ** -18, 1, Math.SQRT1_2, 0.5, 2]) {
      const w = Math.floor(Math.exp(-e) * 2 ** 32);
      for (let d = -200; d <= 200; d++) words.push(w + d);
    }
    let worst = 0;
    for (const w of words) worst = Math.max(worst, Math.abs(logNegLogFromWord(w) - ref(w)) / Math.max(1, Math.abs(ref(w))));
    expect(worst).toBeLessThan(1e-12);
  });
});
