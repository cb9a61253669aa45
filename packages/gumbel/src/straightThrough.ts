import * as tf from '@tensorflow/tfjs-core';
import { checkLogits, normalizeAxis, oneHotArgmax } from './validate.js';

/** Options of {@link straightThrough}. */
export interface StraightThroughOptions {
  /** The categories' axis (negative counts from the end). Default -1. */
  axis?: number;
}

/**
 * The straight-through estimator: the forward value is the one-hot of the argmax of `soft` along
 * `axis`, the gradient passes through unchanged (identity), as if the value were `soft` itself.
 * tfjs has no stopGradient, so this is a `tf.customGrad`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { createRng, gumbelSoftmax, straightThrough } from '@dccg/gumbel';
 * const soft = gumbelSoftmax(tf.tensor1d([1, 2, 3]), { rng: createRng(0) });
 * const hard = straightThrough(soft); // one-hot; d hard / d soft = identity
 * ```
 */
export function straightThrough(soft: tf.Tensor, options: StraightThroughOptions = {}): tf.Tensor {
  const fn = 'straightThrough';
  const rank = checkLogits(fn, 'soft', soft);
  const ax = normalizeAxis(fn, options.axis ?? -1, rank);
  if (soft.shape[ax] === 0) {
    throw new Error(`${fn}: soft must have at least one category on axis ${ax}, got shape [${soft.shape.join(', ')}]`);
  }
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => ({
    value: oneHotArgmax(args[0] as tf.Tensor, ax),
    gradFunc: (dy: tf.Tensor) => tf.clone(dy),
  }));
  return op(soft);
}
