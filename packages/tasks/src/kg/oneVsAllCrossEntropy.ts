import * as tf from '@tensorflow/tfjs-core';

/**
 * 1-vs-all cross-entropy: the mean over the batch of `logsumexp(scores) − scores[target]`, i.e. a
 * softmax over every entity with the answer as the only positive (as in ComplEx-N3 and the paper).
 * `scores` is [batch, entities], `targets` holds one entity index per row. The target's score is
 * picked with a gather on the device.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { oneVsAllCrossEntropy } from '@dccg/tasks';
 * oneVsAllCrossEntropy(tf.tensor2d([[0, 0]]), Int32Array.from([1])).print(); // ln 2
 * ```
 */
export function oneVsAllCrossEntropy(scores: tf.Tensor, targets: Int32Array | number[]): tf.Scalar {
  if (scores.rank !== 2) {
    throw new Error(`oneVsAllCrossEntropy: scores must be [batch, entities], got shape [${scores.shape.join(', ')}]`);
  }
  const [batch, entities] = scores.shape as [number, number];
  if (targets.length !== batch) {
    throw new Error(`oneVsAllCrossEntropy: targets must hold ${batch} indices (one per row), got ${targets.length}`);
  }
  for (let i = 0; i < targets.length; i++) {
    const t = targets[i]!;
    if (!Number.isInteger(t) || t < 0 || t >= entities) {
      throw new Error(`oneVsAllCrossEntropy: targets[${i}] must be an integer in [0, ${entities}), got ${t}`);
    }
  }
  return tf.tidy(() => {
    // A gather at flat offsets row·entities + target picks each answer's score without a
    // batch × entities one-hot (at WN18RR's size every such tensor is 84 MB of wasm's 4 GB heap).
    // Not a batched gather (batchDims = 1): tfjs-backend-wasm 4.22 returns wrong values for it.
    const flat = Int32Array.from(targets, (t, i) => i * entities + t);
    const picked = tf.gather(tf.reshape(scores, [batch * entities]), tf.tensor1d(flat, 'int32'));
    return tf.mean(tf.sub(tf.logSumExp(scores, 1), picked)) as tf.Scalar;
  });
}
