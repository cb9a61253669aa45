import * as tf from '@tensorflow/tfjs-core';
import { checkRng, fillGumbel } from './gumbelNoise.js';
import type { Rng } from './rng.js';
import { checkBeta, checkLogits, checkNoise } from './validate.js';

/** Options of {@link perturbLogits}. */
export interface PerturbLogitsOptions {
  /** Noise scale β ≥ 0. Default 1. */
  beta?: number;
  /** Where the noise comes from; required when β > 0 and no `noise` is given. */
  rng?: Rng;
  /** Pre-drawn standard Gumbel noise of the logits' shape, used instead of drawing from `rng`. */
  noise?: tf.Tensor;
}

/**
 * The perturbed logits `logits + β·g`, `g ~ Gumbel(0, 1)`: their argmax along an axis is an exact
 * sample of `softmax(logits/β)` (the Gumbel-max trick), for users who build their own estimators.
 * Differentiable with respect to `logits` through tfjs' own gradient of `add` (import
 * `@dccg/backend/gradients` or register tfjs' gradients before taking it).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { createRng, perturbLogits } from '@dccg/gumbel';
 * const z = perturbLogits(tf.tensor1d([0, 1, 2]), { beta: 0.5, rng: createRng(3) });
 * const sample = tf.argMax(z); // category 2 with probability softmax([0, 2, 4])[2]
 * ```
 */
export function perturbLogits(logits: tf.Tensor, options: PerturbLogitsOptions = {}): tf.Tensor {
  const fn = 'perturbLogits';
  checkLogits(fn, 'logits', logits);
  const { beta = 1, rng, noise } = options;
  checkBeta(fn, beta);
  if (noise !== undefined) {
    checkNoise(fn, noise, logits.shape);
    return tf.tidy(() => tf.add(logits, tf.mul(noise, beta)));
  }
  if (beta === 0) return tf.add(logits, 0);
  checkRng(fn, rng);
  return tf.tidy(() =>
    tf.add(logits, tf.tensor(fillGumbel(new Float32Array(logits.size), rng, beta), logits.shape, 'float32')),
  );
}
