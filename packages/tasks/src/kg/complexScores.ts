import * as tf from '@tensorflow/tfjs-core';

/** Options of {@link complexScores}. */
export interface ComplexScoresOptions {
  /**
   * `tableᵀ` ([2d, entities]) when the caller already has it: a forward over several hops scores
   * against the same table each time and transposes it once. Default: transposed here.
   */
  tableT?: tf.Tensor;
}

function checkShapes(fn: string, x: tf.Tensor, table: tf.Tensor): number {
  const width = x.shape[1];
  if (x.rank !== 2 || width === undefined || width % 2 !== 0) {
    throw new Error(`${fn}: x must be [batch, 2d] with an even last axis, got shape [${x.shape.join(', ')}]`);
  }
  if (table.rank !== 2 || table.shape[1] !== width) {
    throw new Error(`${fn}: table must be [entities, ${width}] to match x, got shape [${table.shape.join(', ')}]`);
  }
  return width;
}

function checkTableT(fn: string, table: tf.Tensor, tableT: tf.Tensor | undefined): void {
  if (tableT !== undefined && (tableT.rank !== 2 || tableT.shape[0] !== table.shape[1] || tableT.shape[1] !== table.shape[0])) {
    throw new Error(
      `${fn}: tableT must be the transpose of table, [${table.shape[1]}, ${table.shape[0]}], got shape [${tableT.shape.join(', ')}]`,
    );
  }
}

/**
 * ComplEx scores `Re⟨x, ē⟩` of query states `x` ([batch, 2d], `[re | im]` halves) against every row
 * of an entity table ([entities, 2d]); returns [batch, entities].
 *
 * `Re Σ_j x_j·conj(e_j) = Σ_j x_re,j·e_re,j + x_im,j·e_im,j`, the real dot product of the
 * concatenated halves, so it is one matmul — the same product `discreteNode` computes for its
 * logits (`x · tableᵀ`), so a hop's scores and its Gumbel-softmax logits are one tensor.
 *
 * Every matmul here, forward and backward, is a plain `[m, k]·[k, n]` product on explicitly
 * transposed operands: tfjs-backend-wasm's matmul with a transposed operand is several times slower
 * than a transpose followed by a plain matmul at this size (measured 3.6 s against 0.4 s for
 * [64, 512]·[40943, 512]ᵀ), and the softmax over all entities makes this the heavy part of a step.
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
export function complexScores(x: tf.Tensor, table: tf.Tensor, options: ComplexScoresOptions = {}): tf.Tensor2D {
  checkShapes('complexScores', x, table);
  checkTableT('complexScores', table, options.tableT);
  const given = options.tableT;
  const tableT = given ?? tf.transpose(table);
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [a, t, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.GradSaveFunc];
    // Saved, not closed over: the forward's intermediates are disposed before the backward runs.
    save([a, t]);
    return {
      value: tf.matMul(a, tableT as tf.Tensor2D),
      // d/dx = dy · table, d/dtable = dyᵀ · x: both plain products.
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [sa, st] = saved as [tf.Tensor2D, tf.Tensor2D];
        return [tf.matMul(dy as tf.Tensor2D, st), tf.matMul(tf.transpose(dy) as tf.Tensor2D, sa)];
      },
    };
  });
  const out = op(x, table) as tf.Tensor2D;
  if (given === undefined) tableT.dispose();
  return out;
}

/**
 * `weights · table` ([batch, entities]·[entities, 2d]): the embedding a (relaxed) sample over the
 * entities stands for, `x_d = sample · table` of a discrete node, with the same plain-matmul
 * backward as {@link complexScores} (`d/dweights = dy · tableᵀ`, `d/dtable = weightsᵀ · dy`).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { entityMixture } from '@dccg/tasks';
 * entityMixture(tf.tensor2d([[0.25, 0.75]]), tf.tensor2d([[4, 0], [0, 4]])).print(); // [[1, 3]]
 * ```
 */
export function entityMixture(weights: tf.Tensor, table: tf.Tensor, options: ComplexScoresOptions = {}): tf.Tensor2D {
  if (weights.rank !== 2 || table.rank !== 2 || weights.shape[1] !== table.shape[0]) {
    throw new Error(
      `entityMixture: weights must be [batch, ${table.shape[0]}] for a table of shape [${table.shape.join(', ')}], got [${weights.shape.join(', ')}]`,
    );
  }
  checkTableT('entityMixture', table, options.tableT);
  const given = options.tableT;
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [w, t, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.GradSaveFunc];
    save(given === undefined ? [w, t] : [w, given]);
    return {
      value: tf.matMul(w, t),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [sw, s] = saved as [tf.Tensor2D, tf.Tensor2D];
        const tT = given === undefined ? (tf.transpose(s) as tf.Tensor2D) : s;
        return [tf.matMul(dy as tf.Tensor2D, tT), tf.matMul(tf.transpose(sw) as tf.Tensor2D, dy as tf.Tensor2D)];
      },
    };
  });
  return op(weights, table) as tf.Tensor2D;
}
