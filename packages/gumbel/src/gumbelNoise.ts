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
    for (let j = 0; j < len; j++) {
      out[start + j] = negScale * Math.log(-Math.log((w[j]! + 0.5) * 2.3283064365386963e-10));
    }
  }
  return out;
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
