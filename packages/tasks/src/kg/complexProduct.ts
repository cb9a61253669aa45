import * as tf from '@tensorflow/tfjs-core';

/**
 * Element-wise complex product `a ∘ b` of complex vectors stored as real tensors whose last axis
 * holds the real half then the imaginary half (`[re_1 … re_d, im_1 … im_d]`), so that every
 * backend and every gradient works with plain real ops.
 *
 * `(a_re + i·a_im)(b_re + i·b_im) = (a_re·b_re − a_im·b_im) + i·(a_re·b_im + a_im·b_re)`.
 * Shapes broadcast as `tf.mul` does; both last axes must have the same even size.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { complexProduct } from '@dccg/tasks';
 * // (1 + 2i)(3 + 4i) = −5 + 10i
 * complexProduct(tf.tensor1d([1, 2]), tf.tensor1d([3, 4])).print(); // [-5, 10]
 * ```
 */
export function complexProduct(a: tf.Tensor, b: tf.Tensor): tf.Tensor {
  const da = a.shape[a.shape.length - 1];
  const db = b.shape[b.shape.length - 1];
  if (a.rank < 1 || da === undefined || da % 2 !== 0) {
    throw new Error(`complexProduct: a must have an even last axis ([re | im] halves), got shape [${a.shape.join(', ')}]`);
  }
  if (b.rank < 1 || db !== da) {
    throw new Error(`complexProduct: b's last axis must equal a's (${da}), got shape [${b.shape.join(', ')}]`);
  }
  return tf.tidy(() => {
    const [ar, ai] = tf.split(a, 2, -1) as [tf.Tensor, tf.Tensor];
    const [br, bi] = tf.split(b, 2, -1) as [tf.Tensor, tf.Tensor];
    const re = tf.sub(tf.mul(ar, br), tf.mul(ai, bi));
    const im = tf.add(tf.mul(ar, bi), tf.mul(ai, br));
    return tf.concat([re, im], -1);
  });
}
