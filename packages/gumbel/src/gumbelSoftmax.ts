import * as tf from '@tensorflow/tfjs-core';
import { checkRng, fillGumbel } from './gumbelNoise.js';
import type { Rng } from './rng.js';
import {
  checkBeta,
  checkBoolean,
  checkLogits,
  checkNoise,
  checkTau,
  normalizeAxis,
  oneHotArgmax,
  swapLast,
} from './validate.js';

/** Options of {@link gumbelSoftmax}. */
export interface GumbelSoftmaxOptions {
  /** Temperature τ > 0: how soft the relaxation is. Default 1. */
  tau?: number;
  /** Noise scale β ≥ 0; β = 0 gives the deterministic `softmax(logits/τ)`. Default 1. */
  beta?: number;
  /** Straight-through: forward the one-hot of the argmax, backward the soft sample's gradient. Default false. */
  hard?: boolean;
  /** The categories' axis (negative counts from the end). Default -1. */
  axis?: number;
  /** Where the noise comes from; required when β > 0 and no `noise` is given. */
  rng?: Rng;
  /** Pre-drawn standard Gumbel noise of the logits' shape, used instead of drawing from `rng`. */
  noise?: tf.Tensor;
}

/**
 * The τ/β Gumbel-softmax relaxed sample `y = softmax((logits + β·g)/τ)` along `axis`, with
 * `g ~ Gumbel(0, 1)` i.i.d., for logits of any rank ≥ 1. `argmax(logits + β·g)` is an exact sample
 * of `softmax(logits/β)`.
 *
 * Forward and backward are one `tf.customGrad`: the forward is a scale, an add and a softmax (the
 * noise comes pre-scaled by β/τ from the host), the backward is
 * `dθ = y ⊙ (dy − Σ_axis dy ⊙ y)/τ`. With `hard: true` the value is the one-hot of the argmax and the
 * gradient is the soft sample's (straight-through). The gradient flows to `logits` only, never to
 * `noise`.
 *
 * Throws at once for non-float32 logits, a scalar, an out-of-range axis, τ ≤ 0 or β < 0 (or either
 * not finite), a missing rng, or noise of another shape.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { createRng, gumbelSoftmax } from '@dccg/gumbel';
 * const rng = createRng(0);
 * const logits = tf.tensor2d([[1, 2, 3], [0, 0, 5]]);
 * const soft = gumbelSoftmax(logits, { tau: 0.5, beta: 1, rng }); // rows sum to 1
 * const hard = gumbelSoftmax(logits, { tau: 0.5, hard: true, rng }); // rows are one-hot
 * ```
 */
export function gumbelSoftmax(logits: tf.Tensor, options: GumbelSoftmaxOptions = {}): tf.Tensor {
  const fn = 'gumbelSoftmax';
  const rank = checkLogits(fn, 'logits', logits);
  const { tau = 1, beta = 1, hard = false, axis = -1, rng, noise } = options;
  checkTau(fn, tau);
  checkBeta(fn, beta);
  checkBoolean(fn, 'hard', hard);
  const ax = normalizeAxis(fn, axis, rank);
  if (logits.shape[ax] === 0) {
    throw new Error(`${fn}: logits must have at least one category on axis ${ax}, got shape [${logits.shape.join(', ')}]`);
  }
  if (noise !== undefined) checkNoise(fn, noise, logits.shape);
  else if (beta > 0) checkRng(fn, rng);

  // Host noise arrives already scaled by β/τ, so the forward adds it to logits/τ in one op.
  const hostNoise =
    noise === undefined && beta > 0
      ? tf.tensor(fillGumbel(new Float32Array(logits.size), rng as Rng, beta / tau), logits.shape, 'float32')
      : undefined;

  const sample = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const x = args[0] as tf.Tensor;
    const save = args[1] as tf.GradSaveFunc;
    let z = tau === 1 ? x : tf.mul(x, 1 / tau);
    if (hostNoise !== undefined) z = tf.add(z, hostNoise);
    else if (noise !== undefined && beta > 0) z = tf.add(z, tf.mul(noise, beta / tau));
    let y: tf.Tensor;
    if (ax === rank - 1) {
      y = tf.softmax(z);
    } else {
      // tfjs' softmax works on the last axis only.
      const perm = swapLast(ax, rank);
      y = tf.transpose(tf.softmax(tf.transpose(z, perm)), perm);
    }
    save([y]);
    return {
      value: hard ? oneHotArgmax(y, ax) : y,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const ys = saved[0]!;
        const inner = tf.sub(dy, tf.sum(tf.mul(dy, ys), ax, true));
        return tau === 1 ? tf.mul(ys, inner) : tf.mul(tf.mul(ys, 1 / tau), inner);
      },
    };
  });
  const out = sample(logits);
  hostNoise?.dispose();
  return out;
}
