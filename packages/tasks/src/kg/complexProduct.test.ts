import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@dccg/backend/gradients';
import { complexProduct } from './complexProduct.js';
import { complexScores, entityMixture } from './complexScores.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Central finite differences of a scalar function of a flat array, in float64 on the host. */
function numericGrad(f: (v: Float64Array) => number, v: Float64Array, h = 1e-3): Float64Array {
  const g = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) {
    const p = Float64Array.from(v);
    const m = Float64Array.from(v);
    p[i]! += h;
    m[i]! -= h;
    g[i] = (f(p) - f(m)) / (2 * h);
  }
  return g;
}

describe('complexProduct', () => {
  it('multiplies complex numbers stored as [re | im] halves', () => {
    // (1 + 2i)(3 + 4i) = −5 + 10i ; (0 + 1i)(0 + 1i) = −1
    const a = tf.tensor2d([[1, 0, 2, 1]]);
    const b = tf.tensor2d([[3, 0, 4, 1]]);
    expect(Array.from(complexProduct(a, b).dataSync())).toEqual([-5, -1, 10, 0]);
  });

  it('broadcasts a relation row over a batch', () => {
    const a = tf.tensor2d([
      [1, 2],
      [3, 4],
    ]);
    const b = tf.tensor1d([0, 1]); // i
    // i·(1 + 2i) = −2 + i ; i·(3 + 4i) = −4 + 3i
    expect(Array.from(complexProduct(a, b).dataSync())).toEqual([-2, 1, -4, 3]);
  });

  it('has the gradient of the complex product (central finite differences)', () => {
    const d = 3;
    const av = Float64Array.from([0.3, -1.2, 0.7, 0.5, 0.1, -0.4]);
    const bv = Float64Array.from([1.1, 0.2, -0.6, -0.3, 0.9, 0.8]);
    const wv = Float64Array.from([0.5, -1, 2, 0.25, 1.5, -0.75]);
    // A scalar of the product: Σ w ⊙ (a ∘ b), computed in float64 on the host for the reference.
    const host = (a: Float64Array, b: Float64Array): number => {
      let s = 0;
      for (let j = 0; j < d; j++) {
        const re = a[j]! * b[j]! - a[j + d]! * b[j + d]!;
        const im = a[j]! * b[j + d]! + a[j + d]! * b[j]!;
        s += wv[j]! * re + wv[j + d]! * im;
      }
      return s;
    };
    const w = tf.tensor1d(Array.from(wv));
    const grads = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(w, complexProduct(a, b))));
    const [ga, gb] = grads([tf.tensor1d(Array.from(av)), tf.tensor1d(Array.from(bv))]) as [tf.Tensor, tf.Tensor];
    const na = numericGrad((a) => host(a, bv), av);
    const nb = numericGrad((b) => host(av, b), bv);
    const gad = ga.dataSync();
    const gbd = gb.dataSync();
    for (let i = 0; i < 2 * d; i++) {
      expect(gad[i]).toBeCloseTo(na[i]!, 4);
      expect(gbd[i]).toBeCloseTo(nb[i]!, 4);
    }
  });

  it('rejects odd or mismatched last axes, naming the argument', () => {
    expect(() => complexProduct(tf.zeros([2, 3]), tf.zeros([2, 3]))).toThrow(/complexProduct: a must have an even last axis/);
    expect(() => complexProduct(tf.zeros([2, 4]), tf.zeros([2, 6]))).toThrow(/complexProduct: b's last axis must equal a's \(4\)/);
  });

  it('leaks no tensors', () => {
    const a = tf.ones([4, 8]);
    const b = tf.ones([4, 8]);
    const before = tf.memory().numTensors;
    complexProduct(a, b).dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('complexScores', () => {
  it('computes Re⟨x, ē⟩ against every entity', () => {
    // x = (1 + 2i, −1 + 0.5i); e = (0.5 − 1i, 2 + 1i): Re Σ x·conj(e) = 1·0.5 + 2·(−1) + (−1)·2 + 0.5·1 = −3
    const x = tf.tensor2d([[1, -1, 2, 0.5]]);
    const table = tf.tensor2d([
      [0.5, 2, -1, 1],
      [1, 0, 0, 0],
    ]);
    const s = complexScores(x, table).arraySync();
    expect(s[0]![0]).toBeCloseTo(-3, 6);
    expect(s[0]![1]).toBeCloseTo(1, 6);
  });

  it('equals the ComplEx triple score Re⟨s ∘ r, ō⟩ computed with complex arithmetic', () => {
    const sv = [0.2, -0.7, 1.1, 0.4];
    const rv = [0.9, 0.3, -0.5, 0.8];
    const ov = [-0.6, 1.3, 0.1, -0.2];
    const c = (v: number[], j: number): [number, number] => [v[j]!, v[j + 2]!];
    let expected = 0;
    for (let j = 0; j < 2; j++) {
      const [sr, si] = c(sv, j);
      const [rr, ri] = c(rv, j);
      const [or, oi] = c(ov, j);
      const pr = sr * rr - si * ri;
      const pi = sr * ri + si * rr;
      expected += pr * or + pi * oi; // Re((pr + i·pi)(or − i·oi))
    }
    const got = complexScores(complexProduct(tf.tensor2d([sv]), tf.tensor2d([rv])), tf.tensor2d([ov])).dataSync()[0]!;
    expect(got).toBeCloseTo(expected, 5);
  });

  it('rejects a table whose width differs from x', () => {
    expect(() => complexScores(tf.zeros([2, 4]), tf.zeros([5, 6]))).toThrow(/complexScores: table must be \[entities, 4\]/);
  });
});

describe('complexScores and entityMixture gradients', () => {
  const xv = [0.3, -1.2, 0.7, 0.5, 1.1, 0.2, -0.6, -0.3];
  const tv = [0.9, 0.8, -0.4, 0.1, 0.2, -0.5, 1.3, 0.6, -0.7, 0.4, 0.3, -1.1];
  const wv = [0.5, -1, 2, 0.25, 1.5, -0.75];

  // Σ w ⊙ (x · tableᵀ) in float64, x [2, 4], table [3, 4], w [2, 3].
  const scoresHost = (x: Float64Array, t: Float64Array): number => {
    let s = 0;
    for (let b = 0; b < 2; b++) for (let e = 0; e < 3; e++) {
      let dot = 0;
      for (let j = 0; j < 4; j++) dot += x[b * 4 + j]! * t[e * 4 + j]!;
      s += wv[b * 3 + e]! * dot;
    }
    return s;
  };

  for (const pre of [false, true]) {
    it(`complexScores matches central finite differences in x and table (tableT ${pre ? 'given' : 'made here'})`, () => {
      const w = tf.tensor2d(wv, [2, 3]);
      const f = (x: tf.Tensor, t: tf.Tensor) =>
        tf.sum(tf.mul(w, complexScores(x, t, pre ? { tableT: tf.transpose(t) } : {})));
      const [gx, gt] = tf.grads(f)([tf.tensor2d(xv, [2, 4]), tf.tensor2d(tv, [3, 4])]) as [tf.Tensor, tf.Tensor];
      const nx = numericGrad((x) => scoresHost(x, Float64Array.from(tv)), Float64Array.from(xv));
      const nt = numericGrad((t) => scoresHost(Float64Array.from(xv), t), Float64Array.from(tv));
      gx.dataSync().forEach((g, i) => expect(g).toBeCloseTo(nx[i]!, 3));
      gt.dataSync().forEach((g, i) => expect(g).toBeCloseTo(nt[i]!, 3));
    });
  }

  it('entityMixture is weights · table with matching gradients', () => {
    const weights = [0.2, 0.5, 0.3, 1, 0, -1]; // [2, 3]
    const u = [1, -2, 0.5, 3, -1, 0.25, 2, -0.5]; // [2, 4] upstream weights
    const host = (wts: Float64Array, t: Float64Array): number => {
      let s = 0;
      for (let b = 0; b < 2; b++) for (let j = 0; j < 4; j++) {
        let v = 0;
        for (let e = 0; e < 3; e++) v += wts[b * 3 + e]! * t[e * 4 + j]!;
        s += u[b * 4 + j]! * v;
      }
      return s;
    };
    const uT = tf.tensor2d(u, [2, 4]);
    for (const pre of [false, true]) {
      const f = (a: tf.Tensor, t: tf.Tensor) => tf.sum(tf.mul(uT, entityMixture(a, t, pre ? { tableT: tf.transpose(t) } : {})));
      const [ga, gt] = tf.grads(f)([tf.tensor2d(weights, [2, 3]), tf.tensor2d(tv, [3, 4])]) as [tf.Tensor, tf.Tensor];
      const na = numericGrad((a) => host(a, Float64Array.from(tv)), Float64Array.from(weights));
      const nt = numericGrad((t) => host(Float64Array.from(weights), t), Float64Array.from(tv));
      ga.dataSync().forEach((g, i) => expect(g).toBeCloseTo(na[i]!, 3));
      gt.dataSync().forEach((g, i) => expect(g).toBeCloseTo(nt[i]!, 3));
    }
    const value = entityMixture(tf.tensor2d([[0.25, 0.75]]), tf.tensor2d([[4, 0], [0, 4]])).dataSync();
    expect(Array.from(value)).toEqual([1, 3]);
  });

  it('rejects a tableT that is not the transpose', () => {
    expect(() => complexScores(tf.zeros([1, 4]), tf.zeros([3, 4]), { tableT: tf.zeros([3, 4]) })).toThrow(
      /complexScores: tableT must be the transpose of table, \[4, 3\]/,
    );
  });
});
