import * as tf from '@tensorflow/tfjs-core';
import { gumbelSoftmax } from '@dccg/gumbel';
import type { Rng } from '@dccg/gumbel';
import { dropres } from './dropres.js';
import type { DropresMode } from './dropres.js';

/** Options of {@link discreteNode}. */
export interface DiscreteNodeOptions {
  /** The state embeddings, `[states, d]` (float32). Required. */
  table: tf.Tensor;
  /** Gumbel-softmax temperature τ > 0. Default 1. */
  tau?: number;
  /** Gumbel noise scale β ≥ 0 (temperature matching raises it from 0 towards τ). Default 1. */
  beta?: number;
  /** DROPRES probability of dropping the residual, in [0, 1]; 1 is the fully discrete node. Default 1. */
  alpha?: number;
  /** Straight-through one-hot samples (evaluation uses `true`). Default false. */
  hard?: boolean;
  /** DROPRES coin mode, see `dropres`. Default `'batch'`. */
  mode?: DropresMode;
  /** Noise for the sample and the coins; required when β > 0 or 0 < α < 1. */
  rng?: Rng;
}

/** What {@link discreteNode} returns. */
export interface DiscreteNodeResult {
  /** `dropres(x, xd)`, shape of x. */
  output: tf.Tensor;
  /** The (relaxed or one-hot) sample over states, `[..., states]`. */
  sample: tf.Tensor;
  /** `x · tableᵀ`, `[..., states]`. */
  logits: tf.Tensor;
}

/**
 * The discrete node that all three tasks use: logits of `x` against a table of state embeddings
 * (`logits = x · tableᵀ`), a Gumbel-softmax sample over the states, the sample mapped back to an
 * embedding (`xd = sample · table`), and the dropout residual `dropres(x, xd)` around it.
 * `x` is `[..., d]` of any rank ≥ 1 and `table` is `[states, d]`.
 *
 * The rng is used for the sample first and the coin second (when both are needed). All
 * intermediates are disposed; the three returned tensors belong to the caller.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { createRng } from '@dccg/gumbel';
 * import { discreteNode } from '@dccg/dropres';
 * const table = tf.randomNormal([10, 16]);     // ten states (the values 0..9)
 * const x = tf.randomNormal([32, 5, 16]);      // batch, positions, features
 * const { output, sample } = discreteNode(x, { table, tau: 1, beta: 0.5, alpha: 0.2, rng: createRng(0) });
 * // output: [32, 5, 16]; sample: [32, 5, 10], rows sum to 1
 * ```
 */
export function discreteNode(x: tf.Tensor, options: DiscreteNodeOptions): DiscreteNodeResult {
  const fn = 'discreteNode';
  if (!(x instanceof tf.Tensor) || x.dtype !== 'float32' || x.rank === 0) {
    throw new Error(
      `${fn}: x must be a float32 tf.Tensor of rank >= 1 ([..., d]), got ${x instanceof tf.Tensor ? `${x.dtype} of shape [${x.shape.join(', ')}]` : typeof x}`,
    );
  }
  if (typeof options !== 'object' || options === null) {
    throw new Error(`${fn}: options must be an object { table, tau, beta, alpha, hard, mode, rng }, got ${String(options)}`);
  }
  const { table, tau = 1, beta = 1, alpha = 1, hard = false, mode = 'batch', rng } = options;
  if (!(table instanceof tf.Tensor) || table.dtype !== 'float32' || table.rank !== 2) {
    throw new Error(
      `${fn}: table must be a float32 tf.Tensor of shape [states, d], got ${table instanceof tf.Tensor ? `${table.dtype} of shape [${table.shape.join(', ')}]` : typeof table}`,
    );
  }
  const d = x.shape[x.rank - 1]!;
  if (table.shape[1] !== d) {
    throw new Error(`${fn}: table must have x's last dimension ${d} as its second, got shape [${table.shape.join(', ')}]`);
  }
  if (table.shape[0] === 0) {
    throw new Error(`${fn}: table must have at least one state, got shape [${table.shape.join(', ')}]`);
  }
  // alpha, mode, tau, beta and rng are checked by dropres and gumbelSoftmax; check alpha before any draw.
  if (typeof alpha !== 'number' || !(alpha >= 0 && alpha <= 1)) {
    throw new Error(`${fn}: alpha must be a number in [0, 1], got ${String(alpha)}`);
  }
  const states = table.shape[0]!;
  const lead = x.shape.slice(0, -1);
  return tf.tidy(() => {
    const flat = tf.reshape(x, [-1, d]);
    const logits = tf.reshape(tf.matMul(flat, table, false, true), [...lead, states]);
    const sample = gumbelSoftmax(logits, { tau, beta, hard, ...(rng !== undefined ? { rng } : {}) });
    const xd = tf.reshape(tf.matMul(tf.reshape(sample, [-1, states]), table), x.shape);
    const output = dropres(x, xd, { alpha, mode, ...(rng !== undefined ? { rng } : {}) });
    return { output, sample, logits };
  });
}
