import * as tf from '@tensorflow/tfjs-core';
import { randomInts, randomValues } from './compareBackends.js';

/**
 * Forward and backward passes of the ops the dccg tasks train with, on small fixed inputs. Each
 * returns its loss and its gradients, so running it on two backends compares every kernel the
 * backward pass reaches.
 */
export interface Scenario {
  name: string;
  run: () => tf.Tensor[];
}

const t2 = (n: number, m: number, seed: number, scale = 1) => tf.tensor2d(randomValues(n * m, seed, scale), [n, m]);

function lossAndGrads(f: (...xs: tf.Tensor[]) => tf.Tensor, xs: tf.Tensor[]): tf.Tensor[] {
  const { value, grads } = tf.valueAndGrads(f as (...xs: tf.Tensor[]) => tf.Scalar)(xs);
  return [value, ...grads];
}

export const scenarios: Scenario[] = [
  {
    // Token/entity embeddings: gather, then a linear map and cross-entropy via logSoftmax.
    name: 'embedding gather + matMul + logSoftmax cross-entropy',
    run: () => {
      const ids = tf.tensor1d(randomInts(48, 20, 1), 'int32');
      const labels = tf.oneHot(tf.tensor1d(randomInts(48, 7, 2), 'int32'), 7);
      return lossAndGrads(
        (table, w, b) =>
          tf.neg(tf.mean(tf.sum(tf.mul(labels, tf.logSoftmax(tf.add(tf.matMul(tf.gather(table, ids), w), b))), -1))),
        [t2(20, 8, 3), t2(8, 7, 4), tf.tensor1d(randomValues(7, 5))],
      );
    },
  },
  {
    name: 'LSTM cell (concat, matMul, split, sigmoid, tanh) over 3 steps',
    run: () => {
      const xs = [0, 1, 2].map((s) => t2(4, 5, 10 + s));
      return lossAndGrads(
        (w, b) => {
          let h = tf.zeros([4, 6]);
          let c = tf.zeros([4, 6]);
          for (const x of xs) {
            const z = tf.add(tf.matMul(tf.concat([x, h], 1), w), b);
            const [i, f, g, o] = tf.split(z, 4, 1);
            c = tf.add(tf.mul(tf.sigmoid(f), c), tf.mul(tf.sigmoid(i), tf.tanh(g)));
            h = tf.mul(tf.sigmoid(o), tf.tanh(c));
          }
          return tf.sum(tf.square(h));
        },
        [t2(11, 24, 20, 0.5), tf.tensor1d(randomValues(24, 21))],
      );
    },
  },
  {
    name: 'LeNet (conv 1→6 k5, relu, maxPool 2, conv 6→16 k5, relu, maxPool 2, dense, softmax)',
    run: () => {
      const x = tf.tensor4d(randomValues(3 * 28 * 28, 30), [3, 28, 28, 1]);
      const labels = tf.oneHot(tf.tensor1d([3, 1, 4], 'int32'), 10);
      return lossAndGrads(
        (k1, k2, w) => {
          let h = tf.maxPool(tf.relu(tf.conv2d(x as tf.Tensor4D, k1 as tf.Tensor4D, 1, 'valid')), 2, 2, 'valid');
          h = tf.maxPool(tf.relu(tf.conv2d(h, k2 as tf.Tensor4D, 1, 'valid')), 2, 2, 'valid');
          const logits = tf.matMul(tf.reshape(h, [3, 4 * 4 * 16]), w);
          return tf.neg(tf.mean(tf.sum(tf.mul(labels, tf.log(tf.softmax(logits))), -1)));
        },
        [
          tf.tensor4d(randomValues(5 * 5 * 6, 31, 0.3), [5, 5, 1, 6]),
          tf.tensor4d(randomValues(5 * 5 * 6 * 16, 32, 0.1), [5, 5, 6, 16]),
          t2(256, 10, 33, 0.1),
        ],
      );
    },
  },
  {
    name: 'dropout by mask, avgPool, concat/slice/stack/unstack/transpose/tile/expandDims',
    run: () => {
      const mask = tf.tensor2d(Float32Array.from(randomValues(6 * 8, 40), (v) => (v > -0.4 ? 1 / 0.7 : 0)), [6, 8]);
      return lossAndGrads(
        (a, b) => {
          const d = tf.mul(a, mask);
          const s = tf.slice(tf.concat([d, b], 1), [1, 2], [4, 10]);
          const st = tf.stack([s, tf.transpose(tf.slice(tf.transpose(s), [0, 0], [10, 4]))], 0);
          const [u, v] = tf.unstack(st, 0);
          const tiled = tf.tile(tf.expandDims(u, 0), [2, 1, 1]);
          const pooled = tf.avgPool(tf.reshape(tf.concat([tiled, tf.expandDims(v, 0)], 0), [3, 4, 10, 1]) as tf.Tensor4D, 2, 2, 'valid');
          return tf.add(tf.sum(tf.square(pooled)), tf.sum(tf.mul(tf.reverse(v, 1), u)));
        },
        [t2(6, 8, 41), t2(6, 8, 42)],
      );
    },
  },
  {
    name: 'reductions (sum, mean, max, min, logSumExp, prod) and elementwise (pow, sqrt, abs, clip, where)',
    run: () => {
      // tfjs registers no gradient for comparisons, so the condition comes from a constant.
      const cond = tf.greater(t2(7, 9, 51), 0);
      return lossAndGrads(
        (a) => {
          const pos = tf.add(tf.abs(a), 0.5);
          const r = tf.addN([
            tf.sum(tf.max(a, 1)),
            tf.sum(tf.min(a, 0)),
            tf.sum(tf.logSumExp(a, 1)),
            tf.mean(tf.pow(pos, 1.5)),
            tf.sum(tf.sqrt(pos)),
            tf.sum(tf.clipByValue(a, -0.3, 0.4)),
            tf.sum(tf.where(cond, tf.exp(a), tf.log1p(tf.square(a)))),
            tf.sum(tf.prod(tf.add(tf.mul(a, 0.1), 1), 1)),
            tf.sum(tf.maximum(a, tf.minimum(tf.neg(a), 0.2))),
            tf.sum(tf.div(tf.tanh(a), pos)),
          ]);
          return r;
        },
        [t2(7, 9, 50)],
      );
    },
  },
  {
    name: 'Gumbel-softmax relaxation (−log(−log u), softmax over positions, batched matMul, oneHot, argMax)',
    run: () => {
      const u = tf.tensor3d(Float32Array.from(randomValues(2 * 5 * 5, 60), (v) => 0.01 + 0.49 * (v + 1)), [2, 5, 5]);
      const g = tf.neg(tf.log(tf.neg(tf.log(u))));
      const hard = tf.oneHot(tf.argMax(tf.add(g, 0), -1), 5);
      return [
        hard,
        ...lossAndGrads(
          (scores, values) => {
            const y = tf.softmax(tf.div(tf.add(scores, tf.mul(g, 0.7)), 0.5), -1);
            const msg = tf.matMul(y, values);
            return tf.sum(tf.mul(msg, tf.sigmoid(msg)));
          },
          [tf.tensor3d(randomValues(50, 61), [2, 5, 5]), tf.tensor3d(randomValues(2 * 5 * 3, 62), [2, 5, 3])],
        ),
      ];
    },
  },
  {
    name: 'ComplEx scores written as real ops, against all entities (matMul transposeB)',
    run: () => {
      const s = tf.tensor1d(randomInts(6, 30, 70), 'int32');
      const r = tf.tensor1d(randomInts(6, 4, 71), 'int32');
      return lossAndGrads(
        (eRe, eIm, wRe, wIm) => {
          const sRe = tf.gather(eRe, s);
          const sIm = tf.gather(eIm, s);
          const rRe = tf.gather(wRe, r);
          const rIm = tf.gather(wIm, r);
          const qRe = tf.sub(tf.mul(sRe, rRe), tf.mul(sIm, rIm));
          const qIm = tf.add(tf.mul(sRe, rIm), tf.mul(sIm, rRe));
          const scores = tf.add(tf.matMul(qRe, eRe, false, true), tf.matMul(qIm, eIm, false, true));
          const target = tf.oneHot(tf.tensor1d(randomInts(6, 30, 72), 'int32'), 30);
          return tf.neg(tf.mean(tf.sum(tf.mul(target, tf.logSoftmax(scores)), -1)));
        },
        [t2(30, 4, 73), t2(30, 4, 74), t2(4, 4, 75), t2(4, 4, 76)],
      );
    },
  },
  {
    name: 'Adam, 3 steps on a small embedding model',
    run: () => {
      const table = tf.variable(t2(12, 4, 80));
      const w = tf.variable(t2(4, 3, 81));
      const ids = tf.tensor1d(randomInts(16, 12, 82), 'int32');
      const y = tf.oneHot(tf.tensor1d(randomInts(16, 3, 83), 'int32'), 3);
      const opt = tf.train.adam(0.05);
      for (let step = 0; step < 3; step++) {
        opt.minimize(() => tf.neg(tf.mean(tf.sum(tf.mul(y, tf.logSoftmax(tf.matMul(tf.gather(table, ids), w))), -1))) as tf.Scalar);
      }
      const out = [tf.clone(table), tf.clone(w)];
      opt.dispose();
      table.dispose();
      w.dispose();
      return out;
    },
  },
  {
    name: 'conv2dTranspose, customGrad, squeeze, and integer bookkeeping (range, mod, floorDiv, bincount, fill, all)',
    run: () => {
      const ids = tf.tensor1d(randomInts(20, 6, 90), 'int32');
      const counts = tf.cast(tf.bincount(ids, tf.tensor1d([], 'float32'), 6), 'float32');
      const pos = tf.range(0, 12, 1, 'int32');
      const rows = tf.cast(tf.floorDiv(pos, tf.scalar(4, 'int32')), 'float32');
      const cols = tf.cast(tf.mod(pos, tf.scalar(4, 'int32')), 'float32');
      const ok = tf.cast(tf.all(tf.greaterEqual(pos, tf.fill([12], 0, 'int32'))), 'float32');
      const scaled = tf.customGrad(((v: tf.Tensor) => ({
        value: tf.mul(v, 3),
        gradFunc: (dy: tf.Tensor) => tf.mul(dy, 3),
      })) as unknown as Parameters<typeof tf.customGrad>[0]);
      const x = tf.tensor4d(randomValues(2 * 5 * 5 * 4, 91), [2, 5, 5, 4]);
      return [
        counts,
        rows,
        cols,
        ok,
        ...lossAndGrads(
          (k, v) => {
            const up = tf.conv2dTranspose(x, k as tf.Tensor4D, [2, 10, 10, 3], 2, 'same');
            const sq = tf.squeeze(tf.slice(up, [0, 0, 0, 0], [2, 1, 10, 3]), [1]);
            return tf.add(tf.sum(tf.square(sq)), tf.sum(tf.mul(scaled(v) as tf.Tensor, counts)));
          },
          [tf.tensor4d(randomValues(3 * 3 * 3 * 4, 92), [3, 3, 3, 4]), tf.tensor1d(randomValues(6, 93))],
        ),
      ];
    },
  },
];
