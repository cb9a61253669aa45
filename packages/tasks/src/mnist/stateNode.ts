import * as tf from '@tensorflow/tfjs-core';
import { gumbelSoftmax } from '@dccg/gumbel';
import { dropres } from '@dccg/dropres';
import type { StepContext } from '../engine/types.js';

/** What {@link stateNode} returns. */
export interface StateNodeResult {
  /** The node's output: DROPRES of `x` and the discrete embedding (`[..., d]`). */
  output: tf.Tensor;
  /** `x · tableᵀ` (`[..., states]`), after `ctx.tap`. */
  logits: tf.Tensor;
}

/**
 * One discrete node of the MNIST-addition models: `logits = x · tableᵀ` (tapped under `name` for the
 * loop's diagnostics), a τ/β Gumbel-softmax sample over the table's states, `xd = sample · table`, and
 * DROPRES between `x` and `xd` with the step's α. At evaluation (`ctx.training` false) the sample is the
 * noise-free argmax (β = 0, hard) and α = 1, so the output is exactly the chosen state's embedding.
 * One call covers every row of `x` (the models pass all images of a batch at once), so with
 * `dropresMode: 'batch'` one coin decides for all of them; `'example'` draws one per row.
 *
 * @example
 * ```ts
 * const { output, logits } = stateNode(x, table, 'digit', ctx); // x [B, 84], table [19, 84]
 * ```
 */
export function stateNode(x: tf.Tensor, table: tf.Tensor, name: string, ctx: StepContext): StateNodeResult {
  if (table.rank !== 2 || x.shape[x.rank - 1] !== table.shape[1]) {
    throw new Error(`stateNode: x's last dim (${x.shape[x.rank - 1]}) must equal table's dim [states, d] = [${table.shape.join(', ')}]`);
  }
  const d = table.shape[1]!;
  const lead = x.shape.slice(0, -1);
  const flat = tf.reshape(x, [-1, d]) as tf.Tensor2D;
  const logits = ctx.tap(name, tf.matMul(flat, table as tf.Tensor2D, false, true));
  const training = ctx.training;
  const sample = gumbelSoftmax(logits, {
    tau: ctx.tau,
    beta: training ? ctx.beta : 0,
    hard: training ? ctx.hard : true,
    rng: ctx.rng.split(),
  }) as tf.Tensor2D;
  const xd = tf.matMul(sample, table as tf.Tensor2D);
  const alpha = training ? ctx.alpha : 1;
  const mixed = alpha >= 1 ? xd : dropres(flat, xd, { alpha, mode: ctx.dropresMode, rng: ctx.rng.split() });
  return {
    output: tf.reshape(mixed, [...lead, d]),
    logits: tf.reshape(logits, [...lead, table.shape[0]!]),
  };
}
