import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '@dccg/gumbel';

/** How {@link dropres} draws its coins. */
export type DropresMode = 'batch' | 'example';

/** Options of {@link dropres}. */
export interface DropresOptions {
  /** Probability of dropping the residual (output `xd` alone), in [0, 1]. Required. */
  alpha: number;
  /** `'batch'`: one coin per call for the whole tensor (the paper); `'example'`: one coin per index of axis 0. Default `'batch'`. */
  mode?: DropresMode;
  /** Where the coins come from; required when 0 < alpha < 1. When given, every call makes one draw, whatever alpha. */
  rng?: Rng;
}

/**
 * The dropout residual (DROPRES) around a discrete node: with probability `alpha` the result is
 * `xd` (the residual is dropped, the path is fully discrete), otherwise `x + xd`. `alpha = 0` always
 * keeps the residual, `alpha = 1` never does. The gradient reaches `x` only where the residual is
 * kept, and always reaches `xd`.
 *
 * Throws for tensors of different shapes or dtypes, alpha outside [0, 1], an unknown mode, or a
 * missing rng when 0 < alpha < 1.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { createRng } from '@dccg/gumbel';
 * import { dropres } from '@dccg/dropres';
 * const rng = createRng(0);
 * const x = tf.ones([4, 3]);
 * const xd = tf.zeros([4, 3]);
 * const y = dropres(x, xd, { alpha: 0.3, rng });                     // all x + xd, or all xd
 * const z = dropres(x, xd, { alpha: 0.3, mode: 'example', rng });    // row by row
 * ```
 */
export function dropres(x: tf.Tensor, xd: tf.Tensor, options: DropresOptions): tf.Tensor {
  const fn = 'dropres';
  checkTensor(fn, 'x', x);
  checkTensor(fn, 'xd', xd);
  if (x.shape.length !== xd.shape.length || x.shape.some((d: number, i: number) => d !== xd.shape[i])) {
    throw new Error(`${fn}: x and xd must have the same shape, got [${x.shape.join(', ')}] and [${xd.shape.join(', ')}]`);
  }
  if (x.dtype !== xd.dtype) {
    throw new Error(`${fn}: x and xd must have the same dtype, got ${x.dtype} and ${xd.dtype}`);
  }
  if (typeof options !== 'object' || options === null) {
    throw new Error(`${fn}: options must be an object { alpha, mode, rng }, got ${String(options)}`);
  }
  const { alpha, mode = 'batch', rng } = options;
  if (typeof alpha !== 'number' || !(alpha >= 0 && alpha <= 1)) {
    throw new Error(`${fn}: alpha must be a number in [0, 1], got ${String(alpha)}`);
  }
  if (mode !== 'batch' && mode !== 'example') {
    throw new Error(`${fn}: mode must be 'batch' or 'example', got ${JSON.stringify(mode)}`);
  }
  if (rng !== undefined && (typeof rng !== 'object' || rng === null || typeof rng.nextFloat !== 'function')) {
    throw new Error(`${fn}: rng must be an Rng from createRng(seed), got ${typeof rng}`);
  }
  if (rng === undefined && alpha > 0 && alpha < 1) {
    throw new Error(`${fn}: rng is required when 0 < alpha < 1, got alpha ${alpha} and no rng`);
  }
  if (mode === 'example' && x.rank === 0) {
    throw new Error(`${fn}: mode 'example' needs x of rank >= 1 (examples on axis 0), got a scalar`);
  }

  if (mode === 'batch') {
    // u < alpha with u in [0, 1): alpha = 0 never drops, alpha = 1 always does.
    const drop = rng !== undefined ? rng.nextFloat() < alpha : alpha === 1;
    return drop ? dropped(x, xd) : tf.add(x, xd);
  }
  const n = x.shape[0]!;
  const keep = new Float32Array(n);
  if (rng !== undefined) {
    const u = rng.fillUniform(new Float32Array(n));
    for (let i = 0; i < n; i++) keep[i] = u[i]! < alpha ? 0 : 1;
  } else {
    keep.fill(alpha === 1 ? 0 : 1);
  }
  return tf.tidy(() => {
    const maskShape = [n, ...new Array<number>(x.rank - 1).fill(1)];
    return tf.add(xd, tf.mul(x, tf.tensor(keep, maskShape, x.dtype)));
  });
}

/**
 * `xd`, with a zero gradient to `x`: keeps `x` in the graph so that `tf.grads` over both inputs
 * works whichever way the coin fell.
 */
const dropped = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => ({
  value: tf.clone(args[1] as tf.Tensor),
  gradFunc: (dy: tf.Tensor) => [tf.zerosLike(dy), tf.clone(dy)],
}));

function checkTensor(fn: string, name: string, t: unknown): asserts t is tf.Tensor {
  if (!(t instanceof tf.Tensor)) {
    throw new Error(`${fn}: ${name} must be a tf.Tensor, got ${t === null ? 'null' : typeof t}`);
  }
}
