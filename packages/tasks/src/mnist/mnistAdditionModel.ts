import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '@dccg/gumbel';
import type { ForwardResult, StepContext, TaskModel } from '../engine/types.js';
import { createLeNet, lenet, uniformVariable } from './lenet.js';
import type { LeNetWeights } from './lenet.js';
import type { MnistAdditionBatch } from './mnistAdditionBatch.js';
import { stateNode } from './stateNode.js';

/** Which network: the paper's discrete model or the CNN baseline on the joined images (N = 1 only). */
export type MnistModelKind = 'dccg' | 'cnn';

/** The JSON config of an MNIST-addition model. */
export interface MnistAdditionModelConfig {
  /** `'dccg'` (discrete digit nodes, default) or `'cnn'` (baseline, N = 1). */
  kind?: MnistModelKind;
  /** Digits per number N ≥ 1. Default 1. */
  digits?: number;
  /** Size of the digit vectors and state embeddings. Default 84. */
  embedding?: number;
  /** Hidden units of the ADD network / adder cell. Default 168. */
  hidden?: number;
  /** Size of the carry's continuous vector and embeddings (N > 1). Default 84. */
  carryEmbedding?: number;
}

/** A built MNIST-addition model. */
export interface MnistAdditionModel extends TaskModel<MnistAdditionBatch> {
  readonly config: Required<MnistAdditionModelConfig> & Record<string, unknown>;
  /**
   * The digit classifier read off the discrete node: the state index (argmax of the logits) of each
   * image of `images` [n, 28, 28, 1]. Throws for the CNN baseline, which has no such node.
   */
  classifyDigits(images: tf.Tensor4D): tf.Tensor1D;
}

/**
 * The discrete nodes' names, as tapped: `digit` (one per image), and for N > 1 `carry` (one per digit
 * position, N in sequence on one execution path).
 *
 * @example
 * ```ts
 * mnistNodeNames({ digits: 4 }); // ['digit', 'carry']
 * ```
 */
export function mnistNodeNames(config: MnistAdditionModelConfig): string[] {
  const { kind = 'dccg', digits = 1 } = config;
  if (kind === 'cnn') return [];
  return digits === 1 ? ['digit'] : ['digit', 'carry'];
}

/**
 * Builds an MNIST-addition model from its config.
 *
 * - `digits = 1`, `kind = 'dccg'` (the paper's model): a LeNet encoder shared by both images; each
 *   image's vector is discretised by a Gumbel-softmax against a table of 19 state embeddings (shared
 *   with the output classes 0..18) through DROPRES; an ADD network (2e→hidden ReLU→e) on the two; the
 *   output logits are its vector against the same table.
 * - `digits = N > 1`: the digit node's table has 10 states, shared with the output digits; an adder cell
 *   runs from the least significant position over (digit a, digit b, carry) and gives the output
 *   digit's logits (against the digit table) and a carry vector, discretised over {0, 1} against a
 *   2-state carry table through DROPRES. The carry's logits at the last position predict the sum's
 *   leading digit. The loss is the cross-entropy of every digit of the sum, summed over positions.
 * - `kind = 'cnn'` (baseline, `digits = 1`): LeNet on the two images side by side (28×56) → 19 logits.
 *
 * Outputs: `sumDigits` [B, N + 1] predicted digits of the sum (least significant first),
 * `correct` [B] 1/0, and for the discrete model `digitStates` [2·B·N] (the states chosen for the
 * images, in the batch's image order).
 *
 * Throws for an unknown kind, non-integer sizes, or the CNN with N > 1.
 *
 * @example
 * ```ts
 * const model = createMnistAdditionModel({ digits: 1 }, createRng(0));
 * const { loss } = model.forward(batch, ctx);
 * ```
 */
export function createMnistAdditionModel(config: MnistAdditionModelConfig, rng: Rng): MnistAdditionModel {
  const fn = 'createMnistAdditionModel';
  const { kind = 'dccg', digits = 1, embedding = 84, hidden = 168, carryEmbedding = 84 } = config;
  if (kind !== 'dccg' && kind !== 'cnn') throw new Error(`${fn}: kind must be 'dccg' or 'cnn', got ${String(kind)}`);
  for (const [name, v] of [['digits', digits], ['embedding', embedding], ['hidden', hidden], ['carryEmbedding', carryEmbedding]] as const) {
    if (!Number.isInteger(v) || v < 1) throw new Error(`${fn}: ${name} must be an integer >= 1, got ${v}`);
  }
  if (digits > 15) throw new Error(`${fn}: digits must be <= 15 (sums stay exact below 2^53), got ${digits}`);
  if (kind === 'cnn' && digits !== 1) throw new Error(`${fn}: the cnn baseline predicts the sum as one class and needs digits = 1, got ${digits}`);
  const full = { kind, digits, embedding, hidden, carryEmbedding };
  if (kind === 'cnn') return cnnModel(full, rng);
  return digits === 1 ? paperModel(full, rng) : adderModel(full, rng);
}

type Full = Required<MnistAdditionModelConfig>;

function encoderVariables(w: LeNetWeights): Record<string, tf.Variable> {
  const out: Record<string, tf.Variable> = {};
  for (const [k, v] of Object.entries(w)) out[`encoder/${k}`] = v;
  return out;
}

function zerosVar(shape: number[]): tf.Variable {
  return tf.tidy(() => tf.variable(tf.zeros(shape), true));
}

/** Mean over rows of the cross-entropy of `logits` [B, C] against int labels [B]. */
function crossEntropy(logits: tf.Tensor2D, labels: tf.Tensor1D): tf.Scalar {
  const depth = logits.shape[1];
  const logp = tf.logSoftmax(logits);
  return tf.neg(tf.mean(tf.sum(tf.mul(tf.cast(tf.oneHot(labels, depth), 'float32'), logp), 1))) as tf.Scalar;
}

function dense(x: tf.Tensor2D, w: tf.Variable, b: tf.Variable): tf.Tensor2D {
  return tf.add(tf.matMul(x, w as tf.Tensor2D), b);
}

function sumClassOf(batch: MnistAdditionBatch): tf.Tensor1D {
  // N = 1: the sum 0..18 is the class; digits are [units, tens].
  const [units, tens] = tf.unstack(batch.sumDigits, 1) as [tf.Tensor1D, tf.Tensor1D];
  return tf.add(units, tf.mul(tens, tf.scalar(10, 'int32'))) as tf.Tensor1D;
}

/** A sum class 0..18 as its two digits [units, tens] (int32). */
function classDigits(sumClass: tf.Tensor1D): tf.Tensor2D {
  const ten = tf.scalar(10, 'int32');
  return tf.stack([tf.mod(sumClass, ten), tf.floorDiv(sumClass, ten)], 1) as tf.Tensor2D;
}

function correctOf(pred: tf.Tensor2D, truth: tf.Tensor2D): tf.Tensor1D {
  return tf.cast(tf.all(tf.equal(pred, truth), 1), 'float32') as tf.Tensor1D;
}

function checkBatch(batch: MnistAdditionBatch, digits: number): void {
  if (batch.digits !== digits) throw new Error(`MnistAdditionModel.forward: batch has ${batch.digits}-digit numbers, the model expects ${digits}`);
}

function disposeAll(variables: Record<string, tf.Variable>): void {
  for (const v of Object.values(variables)) v.dispose();
}

function paperModel(config: Full, rng: Rng): MnistAdditionModel {
  const { embedding, hidden } = config;
  const enc = createLeNet(rng, { outputSize: embedding });
  const variables: Record<string, tf.Variable> = {
    ...encoderVariables(enc),
    table: uniformVariable([19, embedding], 19, embedding, rng),
    'add/w1': uniformVariable([2 * embedding, hidden], 2 * embedding, hidden, rng),
    'add/b1': zerosVar([hidden]),
    'add/w2': uniformVariable([hidden, embedding], hidden, embedding, rng),
    'add/b2': zerosVar([embedding]),
  };
  const v = variables as Record<string, tf.Variable>;
  return {
    variables,
    config,
    forward(batch: MnistAdditionBatch, ctx: StepContext): ForwardResult {
      checkBatch(batch, 1);
      const n = batch.size;
      const x = lenet(enc, batch.images);
      const { output, logits } = stateNode(x, v.table!, 'digit', ctx);
      const [za, zb] = tf.split(output, [n, n], 0) as [tf.Tensor2D, tf.Tensor2D];
      const h = tf.relu(dense(tf.concat([za, zb], 1), v['add/w1']!, v['add/b1']!));
      const o = dense(h, v['add/w2']!, v['add/b2']!);
      const out = tf.matMul(o, v.table! as tf.Tensor2D, false, true) as tf.Tensor2D;
      const target = sumClassOf(batch);
      const loss = crossEntropy(out, target);
      const sumPred = tf.argMax(out, 1) as tf.Tensor1D;
      const sumDigits = classDigits(sumPred);
      const correct = correctOf(sumDigits, batch.sumDigits);
      return {
        loss,
        outputs: { sumDigits, correct, digitStates: tf.argMax(logits, 1) },
        accuracy: tf.mean(correct) as tf.Scalar,
      };
    },
    classifyDigits(images: tf.Tensor4D): tf.Tensor1D {
      return tf.tidy(() => tf.argMax(tf.matMul(lenet(enc, images), v.table! as tf.Tensor2D, false, true), 1));
    },
    dispose: () => disposeAll(variables),
  };
}

function adderModel(config: Full, rng: Rng): MnistAdditionModel {
  const { embedding, hidden, carryEmbedding, digits } = config;
  const enc = createLeNet(rng, { outputSize: embedding });
  const cellIn = 2 * embedding + carryEmbedding;
  const variables: Record<string, tf.Variable> = {
    ...encoderVariables(enc),
    digitTable: uniformVariable([10, embedding], 10, embedding, rng),
    carryTable: uniformVariable([2, carryEmbedding], 2, carryEmbedding, rng),
    'cell/w1': uniformVariable([cellIn, hidden], cellIn, hidden, rng),
    'cell/b1': zerosVar([hidden]),
    'cell/wDigit': uniformVariable([hidden, embedding], hidden, embedding, rng),
    'cell/bDigit': zerosVar([embedding]),
    'cell/wCarry': uniformVariable([hidden, carryEmbedding], hidden, carryEmbedding, rng),
    'cell/bCarry': zerosVar([carryEmbedding]),
  };
  const v = variables as Record<string, tf.Variable>;
  return {
    variables,
    config,
    forward(batch: MnistAdditionBatch, ctx: StepContext): ForwardResult {
      checkBatch(batch, digits);
      const n = batch.size;
      const x = lenet(enc, batch.images);
      const { output, logits } = stateNode(x, v.digitTable!, 'digit', ctx);
      const z = tf.reshape(output, [2, n, digits, embedding]);
      const [za, zb] = tf.unstack(z, 0) as [tf.Tensor3D, tf.Tensor3D];
      const as = tf.unstack(za, 1) as tf.Tensor2D[];
      const bs = tf.unstack(zb, 1) as tf.Tensor2D[];
      const targets = tf.unstack(batch.sumDigits, 1) as tf.Tensor1D[];
      // The incoming carry of the least significant position is the embedding of state 0.
      let carry = tf.tile(tf.slice(v.carryTable!, [0, 0], [1, carryEmbedding]), [n, 1]) as tf.Tensor2D;
      let loss: tf.Scalar = tf.scalar(0);
      const preds: tf.Tensor1D[] = [];
      let carryLogits: tf.Tensor | null = null;
      for (let p = 0; p < digits; p++) {
        const h = tf.relu(dense(tf.concat([as[p]!, bs[p]!, carry], 1), v['cell/w1']!, v['cell/b1']!));
        const digitLogits = tf.matMul(dense(h, v['cell/wDigit']!, v['cell/bDigit']!), v.digitTable! as tf.Tensor2D, false, true) as tf.Tensor2D;
        loss = tf.add(loss, crossEntropy(digitLogits, targets[p]!)) as tf.Scalar;
        preds.push(tf.argMax(digitLogits, 1) as tf.Tensor1D);
        const node = stateNode(dense(h, v['cell/wCarry']!, v['cell/bCarry']!), v.carryTable!, 'carry', ctx);
        carry = node.output as tf.Tensor2D;
        carryLogits = node.logits;
      }
      loss = tf.add(loss, crossEntropy(carryLogits as tf.Tensor2D, targets[digits]!)) as tf.Scalar;
      preds.push(tf.argMax(carryLogits!, 1) as tf.Tensor1D);
      const sumDigits = tf.stack(preds, 1) as tf.Tensor2D;
      const correct = correctOf(sumDigits, batch.sumDigits);
      return {
        loss,
        outputs: { sumDigits, correct, digitStates: tf.argMax(logits, 1) },
        accuracy: tf.mean(correct) as tf.Scalar,
      };
    },
    classifyDigits(images: tf.Tensor4D): tf.Tensor1D {
      return tf.tidy(() => tf.argMax(tf.matMul(lenet(enc, images), v.digitTable! as tf.Tensor2D, false, true), 1));
    },
    dispose: () => disposeAll(variables),
  };
}

function cnnModel(config: Full, rng: Rng): MnistAdditionModel {
  const enc = createLeNet(rng, { width: 56, outputSize: 19 });
  const variables = encoderVariables(enc);
  return {
    variables,
    config,
    forward(batch: MnistAdditionBatch, _ctx: StepContext): ForwardResult {
      checkBatch(batch, 1);
      const n = batch.size;
      const [a, b] = tf.split(batch.images, [n, n], 0) as [tf.Tensor4D, tf.Tensor4D];
      const out = lenet(enc, tf.concat([a, b], 2) as tf.Tensor4D);
      const loss = crossEntropy(out, sumClassOf(batch));
      const sumPred = tf.argMax(out, 1) as tf.Tensor1D;
      const sumDigits = classDigits(sumPred);
      const correct = correctOf(sumDigits, batch.sumDigits);
      return { loss, outputs: { sumDigits, correct }, accuracy: tf.mean(correct) as tf.Scalar };
    },
    classifyDigits(): tf.Tensor1D {
      throw new Error('MnistAdditionModel.classifyDigits: the cnn baseline has no digit node');
    },
    dispose: () => disposeAll(variables),
  };
}
