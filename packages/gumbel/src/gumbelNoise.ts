import * as tf from '@tensorflow/tfjs-core';
import { checkShape } from './rng.js';
import type { Rng } from './rng.js';
import { threefryBlocks } from './threefry2x32.js';

const CHUNK = 8192;

/**
 * Fills `out` with standard Gumbel(0, 1) draws times `scale`, from one draw of `rng`.
 *
 * Each draw is `−log(−log u)` with `u = (w + 0.5)·2⁻³²` for a 32-bit word w, computed in float64:
 * u lies in [2⁻³³, 1 − 2⁻³³], so neither logarithm ever sees 0 and every draw lies in
 * [−3.13, 22.88]. Host-side, so every backend sees the same numbers.
 *
 * @example
 * ```ts
 * import { createRng, fillGumbel } from '@dccg/gumbel';
 * const g = fillGumbel(new Float32Array(10), createRng(0));
 * ```
 */
export function fillGumbel(out: Float32Array, rng: Rng, scale = 1): Float32Array {
  if (!(out instanceof Float32Array)) {
    throw new Error(`fillGumbel: out must be a Float32Array, got ${typeof out}`);
  }
  checkRng('fillGumbel', rng);
  if (!Number.isFinite(scale)) {
    throw new Error(`fillGumbel: scale must be finite, got ${String(scale)}`);
  }
  const [k0, k1] = rng.streamKey();
  const words = new Uint32Array(Math.min(CHUNK, out.length));
  const negScale = -scale;
  for (let start = 0; start < out.length; start += CHUNK) {
    const len = Math.min(CHUNK, out.length - start);
    const w = len === words.length ? words : words.subarray(0, len);
    threefryBlocks(k0, k1, start >>> 1, w);
    for (let j = 0; j < len; j++) out[start + j] = negScale * logNegLogFromWord(w[j]!);
  }
  return out;
}

const LN2 = Math.LN2;
const SQRT2 = Math.SQRT2;
/** POW[c] = 2^(c − 31): scales an integer with c leading zero bits into [1, 2). */
const POW = Float64Array.from({ length: 33 }, (_, c) => 2 ** (c - 31));

/**
 * `log(−log u)` for `u = (w + 0.5)·2⁻³²`, the negated Gumbel draw of the word w, without
 * `Math.log`: two calls of it per element were 90% of the time of drawing the knowledge-graph
 * task's [512, 40943] noise. Each logarithm reduces its argument to `m·2^k` with m in [√½, √2)
 * (the exponent from `Math.clz32` of an integer form, so no typed-array aliasing) and sums
 * `ln m = 2·atanh((m − 1)/(m + 1))` to the s⁹ term: within 5e-9 of `Math.log(−Math.log u)`, far under float32's
 * 6e-8. `m − 1` is exact, so u near 1 (tiny −log u) keeps its relative precision.
 */
export function logNegLogFromWord(w: number): number {
  // Inner: ln u, u = (w + 0.5)·2^-32 = m0·2^(p − 32), p = 31 − clz32(w) (p = −1 for w = 0).
  const c = Math.clz32(w);
  let m = (w + 0.5) * POW[c]!;
  let k = -1 - c;
  if (m >= SQRT2) {
    m *= 0.5;
    k += 1;
  }
  let s = (m - 1) / (m + 1);
  let s2 = s * s;
  const e =
    -(k * LN2 + 2 * s * (1 + s2 * (0.3333333333333333 + s2 * (0.2 + s2 * (0.14285714285714285 + s2 * 0.1111111111111111)))));
  // Outer: ln e with e = −ln u in [2^-33, 22.9]; t = e·2^27 < 2^32 gives the exponent as before.
  const t = e * 134217728;
  const i = t >>> 0;
  if (i === 0) return Math.log(e); // e < 2^-27: probability 7e-9 per draw
  const c2 = Math.clz32(i);
  m = t * POW[c2]!;
  k = 4 - c2;
  if (m >= SQRT2) {
    m *= 0.5;
    k += 1;
  }
  s = (m - 1) / (m + 1);
  s2 = s * s;
  return k * LN2 + 2 * s * (1 + s2 * (0.3333333333333333 + s2 * (0.2 + s2 * (0.14285714285714285 + s2 * 0.1111111111111111))));
}

/**
 * A float32 tensor of standard Gumbel(0, 1) noise of the given shape, for building your own
 * estimators (see {@link fillGumbel} for how it is drawn; it never takes `log(0)`).
 *
 * @example
 * ```ts
 * import { createRng, gumbelNoise } from '@dccg/gumbel';
 * const g = gumbelNoise([2, 5], createRng(1)); // mean ≈ 0.5772, variance ≈ π²/6
 * g.dispose();
 * ```
 */
export function gumbelNoise(shape: number[], rng: Rng): tf.Tensor {
  const size = checkShape('gumbelNoise', shape);
  checkRng('gumbelNoise', rng);
  return tf.tensor(fillGumbel(new Float32Array(size), rng), shape, 'float32');
}

/**
 * Throws unless `rng` is an {@link Rng}. Checked by shape rather than `instanceof`, so that keys
 * made by another copy of this package (a bundle, a built and a source copy side by side) work.
 */
export function checkRng(fn: string, rng: unknown): asserts rng is Rng {
  if (typeof rng !== 'object' || rng === null || typeof (rng as Rng).streamKey !== 'function') {
    throw new Error(`${fn}: rng must be an Rng from createRng(seed), got ${rng === null ? 'null' : typeof rng}`);
  }
}
