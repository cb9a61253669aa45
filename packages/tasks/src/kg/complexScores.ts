import * as tf from '@tensorflow/tfjs-core';

/**
 * ComplEx scores `Re⟨x, ē⟩` of query states `x` ([batch, 2d], `[re | im]` halves) against every row
 * of an entity table ([entities, 2d]); returns [batch, entities].
 *
 * `Re Σ_j x_j·conj(e_j) = Σ_j x_re,j·e_re,j + x_im,j·e_im,j`, which is the real dot product of the
 * concatenated halves: one matmul, the op every backend makes fastest, and the same product
 * `discreteNode` computes for its logits (`x · tableᵀ`), so a hop's scores and its Gumbel-softmax
 * logits are one and the same tensor.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { complexScores } from '@dccg/tasks';
 * const x = tf.tensor2d([[1, 0, 0, 1]]);             // 1 + 0i, 0 + 1i
 * const table = tf.tensor2d([[1, 0, 0, 1], [0, 1, 1, 0]]);
 * complexScores(x, table).print();                    // [[2, 0]]
 * ```
 */
export function complexScores(x: tf.Tensor, table: tf.Tensor): tf.Tensor2D {
  const width = x.shape[1];
  if (x.rank !== 2 || width === undefined || width % 2 !== 0) {
    throw new Error(`complexScores: x must be [batch, 2d] with an even last axis, got shape [${x.shape.join(', ')}]`);
  }
  if (table.rank !== 2 || table.shape[1] !== width) {
    throw new Error(
      `complexScores: table must be [entities, ${width}] to match x, got shape [${table.shape.join(', ')}]`,
    );
  }
  return tf.matMul(x as tf.Tensor2D, table as tf.Tensor2D, false, true);
}
