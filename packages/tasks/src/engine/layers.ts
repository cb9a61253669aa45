import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '@dccg/gumbel';

/**
 * A Glorot-uniform initialised variable of `shape` (fan-in and fan-out from the last two dims), drawn
 * from `rng`: the same seed gives the same weights on every backend. Variables are not given tfjs
 * names (those are process-global and would clash between two models); a model names them by the keys
 * of its `variables` record.
 *
 * @example
 * ```ts
 * const w = glorotVariable([60, 60], createRng(0));
 * ```
 */
export function glorotVariable(shape: number[], rng: Rng): tf.Variable {
  if (shape.length < 1 || shape.some((d) => !Number.isInteger(d) || d < 1)) {
    throw new Error(`glorotVariable: shape must be positive integers, got [${shape.join(', ')}]`);
  }
  const fanIn = shape.length > 1 ? shape[shape.length - 2]! : shape[0]!;
  const fanOut = shape[shape.length - 1]!;
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  return tf.tidy(() => tf.variable(tf.mul(tf.sub(tf.mul(rng.uniform(shape), 2), 1), limit), true));
}

/**
 * A variable of `shape` filled with `value` (biases).
 *
 * @example
 * ```ts
 * const b = constantVariable([60], 0);
 * ```
 */
export function constantVariable(shape: number[], value = 0): tf.Variable {
  return tf.tidy(() => tf.variable(tf.fill(shape, value), true));
}

/**
 * Inverted dropout with a key: zeroes each entry with probability `rate` and scales the rest by
 * 1/(1 − rate). `rate = 0` returns `x` itself.
 *
 * @example
 * ```ts
 * const y = dropout(x, 0.1, rng.split());
 * ```
 */
export function dropout(x: tf.Tensor, rate: number, rng: Rng): tf.Tensor {
  if (!(rate >= 0 && rate < 1)) throw new Error(`dropout: rate must be in [0, 1), got ${rate}`);
  if (rate === 0) return x;
  return tf.tidy(() => {
    const keep = tf.cast(tf.greaterEqual(rng.uniform(x.shape), rate), 'float32');
    return tf.mul(x, tf.mul(keep, 1 / (1 - rate)));
  });
}

/** Weights of an LSTM layer (gates in the order input, forget, cell, output). */
export interface LstmWeights {
  /** [inputSize, 4·hidden] */
  wx: tf.Variable;
  /** [hidden, 4·hidden] */
  wh: tf.Variable;
  /** [4·hidden] */
  b: tf.Variable;
}

/**
 * Creates an LSTM layer's variables (forget-gate bias 1, the usual start).
 *
 * @example
 * ```ts
 * const lstm = createLstm(60, 60, createRng(1));
 * ```
 */
export function createLstm(inputSize: number, hidden: number, rng: Rng): LstmWeights {
  if (!Number.isInteger(inputSize) || inputSize < 1) throw new Error(`createLstm: inputSize must be an integer >= 1, got ${inputSize}`);
  if (!Number.isInteger(hidden) || hidden < 1) throw new Error(`createLstm: hidden must be an integer >= 1, got ${hidden}`);
  const bias = new Float32Array(4 * hidden);
  bias.fill(1, hidden, 2 * hidden);
  return {
    wx: glorotVariable([inputSize, 4 * hidden], rng),
    wh: glorotVariable([hidden, 4 * hidden], rng),
    b: tf.tidy(() => tf.variable(tf.tensor1d(bias), true)),
  };
}

/**
 * Runs an LSTM over `x` [batch, time, input] and returns every hidden state [batch, time, hidden].
 * The input projection of all time steps is one matmul (an exact rewrite of the per-step one), so each
 * step only multiplies the recurrent state. Padding must come at the end of each row (`lengths` are
 * not needed for a left-to-right LSTM whose padded outputs are masked downstream).
 *
 * @example
 * ```ts
 * const h = runLstm(lstm, tf.randomNormal([2, 5, 60])); // [2, 5, 60]
 * ```
 */
export function runLstm(weights: LstmWeights, x: tf.Tensor3D): tf.Tensor3D {
  const [batch, time, input] = x.shape;
  const hidden = weights.wh.shape[0]!;
  if (input !== weights.wx.shape[0]) {
    throw new Error(`runLstm: x's last dim must be ${weights.wx.shape[0]}, got ${input}`);
  }
  return tf.tidy(() => {
    const proj = tf.reshape(tf.add(tf.matMul(tf.reshape(x, [batch * time, input]), weights.wx), weights.b), [batch, time, 4 * hidden]);
    const steps = tf.unstack(proj, 1);
    let h: tf.Tensor2D = tf.zeros([batch, hidden]);
    let c: tf.Tensor2D = tf.zeros([batch, hidden]);
    const outs: tf.Tensor2D[] = [];
    for (let t = 0; t < time; t++) {
      const z = tf.add(steps[t]!, tf.matMul(h, weights.wh));
      const [i, f, g, o] = tf.split(z, 4, 1) as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
      c = tf.add(tf.mul(tf.sigmoid(f), c), tf.mul(tf.sigmoid(i), tf.tanh(g)));
      h = tf.mul(tf.sigmoid(o), tf.tanh(c));
      outs.push(h);
    }
    return tf.stack(outs, 1) as tf.Tensor3D;
  });
}
