import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '@dccg/gumbel';
import { conv2dValid } from './conv2dValid.js';

/** The variables of a LeNet encoder, by name. */
export interface LeNetWeights {
  /** [5, 5, 1, 6] */
  conv1: tf.Variable;
  conv1Bias: tf.Variable;
  /** [5, 5, 6, 16] */
  conv2: tf.Variable;
  conv2Bias: tf.Variable;
  /** [flat, 120] where flat = 16 · ((h − 4)/2 − 4)/2 · ((w − 4)/2 − 4)/2 (256 for 28×28) */
  fc1: tf.Variable;
  fc1Bias: tf.Variable;
  /** [120, 84] */
  fc2: tf.Variable;
  fc2Bias: tf.Variable;
  /** [84, outputSize] */
  fc3: tf.Variable;
  fc3Bias: tf.Variable;
}

/** Options of {@link createLeNet}. */
export interface LeNetOptions {
  /** Input height in pixels. Default 28. */
  height?: number;
  /** Input width in pixels (56 for two digits side by side). Default 28. */
  width?: number;
  /** Size of the last dense layer. Default 84. */
  outputSize?: number;
}

/**
 * Creates the variables of the LeNet encoder of the paper's MNIST-addition model: conv 1→6 k5,
 * max-pool 2, ReLU; conv 6→16 k5, max-pool 2, ReLU; dense flat→120→84→`outputSize` (ReLU between the
 * dense layers, the last one linear). Weights are Glorot-uniform from `rng` (fans of a convolution
 * count its kernel area), biases zero.
 *
 * @example
 * ```ts
 * const weights = createLeNet(createRng(0));
 * const x = lenet(weights, tf.zeros([4, 28, 28, 1])); // [4, 84]
 * ```
 */
export function createLeNet(rng: Rng, options: LeNetOptions = {}): LeNetWeights {
  const { height = 28, width = 28, outputSize = 84 } = options;
  for (const [name, v] of [['height', height], ['width', width], ['outputSize', outputSize]] as const) {
    if (!Number.isInteger(v) || v < 1) throw new Error(`createLeNet: ${name} must be an integer >= 1, got ${v}`);
  }
  const flat = flatSize(height, width);
  if (flat === 0) throw new Error(`createLeNet: a ${height}x${width} input is too small for two 5x5 convolutions and 2x2 pools`);
  return {
    conv1: uniformVariable([5, 5, 1, 6], 25, 25 * 6, rng),
    conv1Bias: zeros([6]),
    conv2: uniformVariable([5, 5, 6, 16], 25 * 6, 25 * 16, rng),
    conv2Bias: zeros([16]),
    fc1: uniformVariable([flat, 120], flat, 120, rng),
    fc1Bias: zeros([120]),
    fc2: uniformVariable([120, 84], 120, 84, rng),
    fc2Bias: zeros([84]),
    fc3: uniformVariable([84, outputSize], 84, outputSize, rng),
    fc3Bias: zeros([outputSize]),
  };
}

/**
 * Runs the LeNet encoder on `images` [batch, height, width, 1] (pixels in [0, 1]) and returns
 * [batch, outputSize].
 *
 * @example
 * ```ts
 * const v = lenet(createLeNet(createRng(0)), tf.zeros([2, 28, 28, 1])); // [2, 84]
 * ```
 */
export function lenet(weights: LeNetWeights, images: tf.Tensor4D): tf.Tensor2D {
  if (!(images instanceof tf.Tensor) || images.rank !== 4 || images.shape[3] !== 1) {
    throw new Error(`lenet: images must be [batch, height, width, 1], got ${images instanceof tf.Tensor ? `[${images.shape.join(', ')}]` : String(images)}`);
  }
  const flat = weights.fc1.shape[0]!;
  if (flatSize(images.shape[1], images.shape[2]) !== flat) {
    throw new Error(`lenet: images of ${images.shape[1]}x${images.shape[2]} do not fit weights made for ${flat} features after the convolutions`);
  }
  return tf.tidy(() => {
    const batch = images.shape[0];
    let h: tf.Tensor4D = conv2dValid(images, weights.conv1 as tf.Tensor4D);
    h = tf.relu(tf.maxPool(tf.add(h, weights.conv1Bias) as tf.Tensor4D, 2, 2, 'valid'));
    h = conv2dValid(h, weights.conv2 as tf.Tensor4D);
    h = tf.relu(tf.maxPool(tf.add(h, weights.conv2Bias) as tf.Tensor4D, 2, 2, 'valid'));
    let v: tf.Tensor2D = tf.reshape(h, [batch, flat]);
    v = tf.relu(tf.add(tf.matMul(v, weights.fc1 as tf.Tensor2D), weights.fc1Bias) as tf.Tensor2D);
    v = tf.relu(tf.add(tf.matMul(v, weights.fc2 as tf.Tensor2D), weights.fc2Bias) as tf.Tensor2D);
    return tf.add(tf.matMul(v, weights.fc3 as tf.Tensor2D), weights.fc3Bias) as tf.Tensor2D;
  });
}

function flatSize(height: number, width: number): number {
  const side = (s: number) => Math.max(0, Math.floor((Math.floor((s - 4) / 2) - 4) / 2));
  return 16 * side(height) * side(width);
}

/** Glorot-uniform with explicit fans (a convolution's fans include its kernel area). */
export function uniformVariable(shape: number[], fanIn: number, fanOut: number, rng: Rng): tf.Variable {
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  return tf.tidy(() => tf.variable(tf.mul(tf.sub(tf.mul(rng.uniform(shape), 2), 1), limit), true));
}

function zeros(shape: number[]): tf.Variable {
  return tf.tidy(() => tf.variable(tf.zeros(shape), true));
}
