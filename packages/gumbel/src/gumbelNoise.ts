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
/** POW[c] = 2^(c − 31): scales an integer with c leading zero bits into [1, 2). */
const POW = Float64Array.from({ length: 33 }, (_, c) => 2 ** (c - 31));
// [1, 2) in 128 bins by the 7 bits after the leading one, each with its right edge c_j = 1 + (j + 1)/128:
// the last edge is exactly 2, so ln u for u just below 1 is -ln 2 + ln 2 + ln(1 + r) with both ln 2 equal
// and r = u − 1 exact, and a tiny −log u keeps its relative precision.
const INV_EDGE = Float64Array.from({ length: 128 }, (_, j) => 1 / (1 + (j + 1) / 128));
const LN_EDGE = Float64Array.from({ length: 128 }, (_, j) => Math.log(1 + (j + 1) / 128));

/**
 * `log(−log u)` for `u = (w + 0.5)·2⁻³²`, the negated Gumbel draw of the 32-bit word w, mostly without
 * `Math.log`: two calls of it per element took most of the time of drawing the knowledge-graph task's
 * [512, 40943] noise. Each logarithm writes its argument as `2^k·c_j·(1 + r)` (k from `Math.clz32`
 * of an integer form, so no typed-array aliasing; c_j from a 128-entry table; |r| ≤ 1/129) and sums
 * `ln(1 + r)` to the r⁵ term, so it needs no division and no data-dependent branch. Within 1e-12 of
 * `Math.log(−Math.log u)`. Words below 256 and `−log u < 2^-19` (probability 2e-6) take `Math.log`,
 * because their integer form has too few bits to pick a bin.
 */
export function logNegLogFromWord(w: number): number {
  if (w < 256) return Math.log(-Math.log((w + 0.5) * 2.3283064365386963e-10));
  // Inner: ln u = (p − 32)·ln 2 + ln m0 with u·2^32 = w + 0.5 = m0·2^p, p = 31 − clz32(w).
  const c = Math.clz32(w);
  const j = ((w << c) >>> 24) & 127;
  let r = (w + 0.5) * POW[c]! * INV_EDGE[j]! - 1;
  const e = (1 + c) * LN2 - LN_EDGE[j]! - r * (1 + r * (-0.5 + r * (0.3333333333333333 + r * (-0.25 + r * 0.2))));
  // Outer: ln e with e = −ln u in [2^-33, 22.9]; t = e·2^27 < 2^32 gives the integer form.
  const t = e * 134217728;
  const i = t >>> 0;
  if (i < 256) return Math.log(e);
  const c2 = Math.clz32(i);
  const j2 = ((i << c2) >>> 24) & 127;
  r = t * POW[c2]! * INV_EDGE[j2]! - 1;
  return (4 - c2) * LN2 + LN_EDGE[j2]! + r * (1 + r * (-0.5 + r * (0.3333333333333333 + r * (-0.25 + r * 0.2))));
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
