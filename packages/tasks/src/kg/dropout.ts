import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '@dccg/gumbel';

/**
 * Inverted dropout driven by an explicit {@link Rng} key (tfjs's own `tf.dropout` draws from a
 * global seed, which would make runs unreproducible across resumes): each element is zeroed with
 * probability `rate` and the survivors are scaled by `1 / (1 − rate)`, so the expectation is `x`.
 * `rate = 0` returns `x` itself and draws nothing, so a disabled dropout costs nothing.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { createRng } from '@dccg/gumbel';
 * import { dropout } from '@dccg/tasks';
 * const y = dropout(tf.ones([2, 4]), 0.5, createRng(0)); // entries are 0 or 2
 * ```
 */
export function dropout(x: tf.Tensor, rate: number, rng: Rng): tf.Tensor {
  if (!Number.isFinite(rate) || rate < 0 || rate >= 1) {
    throw new Error(`dropout: rate must be in [0, 1), got ${rate}`);
  }
  if (rate === 0) return x;
  return tf.tidy(() => {
    const keep = tf.cast(tf.greaterEqual(rng.uniform(x.shape), tf.scalar(rate)), 'float32');
    return tf.mul(x, tf.mul(keep, tf.scalar(1 / (1 - rate))));
  });
}
