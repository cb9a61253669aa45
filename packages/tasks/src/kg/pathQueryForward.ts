import * as tf from '@tensorflow/tfjs-core';
import { discreteNode } from '@dccg/dropres';
import type { Rng } from '@dccg/gumbel';
import { complexProduct } from './complexProduct.js';
import { complexScores } from './complexScores.js';
import { dropout } from './dropout.js';
import type { ComplExModel } from './complexModel.js';

/** A batch of path queries that all have the same length k. */
export interface PathQueryBatch {
  /** Subject entity of each query, [batch]. */
  subjects: Int32Array;
  /**
   * Relation ids, row-major [batch, k]; ids ≥ `numRelations` are reciprocals
   * (`r + numRelations` walks `r` backwards).
   */
  relations: Int32Array;
  /** Path length k ≥ 1. */
  length: number;
}

/** How the hops are composed: through a discrete entity at every intermediate hop, or continuously. */
export type Composition = 'discrete' | 'continuous';

/** Options of {@link pathQueryForward}. */
export interface PathQueryForwardOptions {
  /** `'discrete'` (the paper's model) or `'continuous'` (Guu et al.'s compositional ComplEx). Default `'discrete'`. */
  composition?: Composition;
  /** Training draws dropout and Gumbel noise; evaluation takes the argmax entity at every hop. Default false. */
  training?: boolean;
  /** Gumbel-softmax temperature at the intermediate hops. Default 4 (the paper's KG runs). */
  tau?: number;
  /** Gumbel noise scale (temperature matching raises it towards tau). Default 1. */
  beta?: number;
  /** DROPRES probability of dropping the residual (1 = fully discrete). Default 1. */
  alpha?: number;
  /** Straight-through hard samples while training. Default false. */
  hard?: boolean;
  /** DROPRES coin per batch or per example. Default `'batch'`. */
  mode?: 'batch' | 'example';
  /** Dropout on the subject embedding (training only). Default 0. */
  subjectDropout?: number;
  /** Dropout on each relation embedding (training only). Default 0. */
  relationDropout?: number;
  /** Dropout on the entity table the states are scored against (training only). Default 0. */
  candidateDropout?: number;
  /** Key for dropout, Gumbel noise and DROPRES coins; required when training. */
  rng?: Rng;
}

/** What {@link pathQueryForward} returns. */
export interface PathQueryForwardResult {
  /** Scores `Re⟨x_k, ē⟩` of the final state against every entity, [batch, entities]. */
  scores: tf.Tensor2D;
  /**
   * Per intermediate hop (k − 1 of them, only for the discrete composition), the entity each
   * query's state was discretised to (the argmax of the hop's sample), [batch] int32.
   */
  hops: tf.Tensor1D[];
}

function checkRate(name: string, v: number): void {
  if (!Number.isFinite(v) || v < 0 || v >= 1) {
    throw new Error(`pathQueryForward: ${name} must be in [0, 1), got ${v}`);
  }
}

/**
 * Answers path queries `(s, r_1, …, r_k, ?)` hop by hop with ComplEx: `x ← x ∘ r_i`; after every hop
 * but the last, with the discrete composition, the state is scored against all entities, a
 * Gumbel-softmax over all of them picks an entity (relaxed while training), whose embedding
 * (`sample · table`) replaces the state through DROPRES (with probability 1 − α the previous state is
 * added back). The final state's scores against all entities are the prediction.
 *
 * Nothing of size batch × entities leaves the device. While evaluating, the discrete hops take the
 * argmax entity and gather its row (what a hard sample with α = 1, β = 0 computes, without the
 * batch × entities × 2d product). The caller owns the returned tensors; call it inside `tf.tidy` or
 * the engine's gradient closure.
 *
 * @example
 * ```ts
 * import { createRng } from '@dccg/gumbel';
 * import { createComplExModel, pathQueryForward } from '@dccg/tasks';
 * const model = createComplExModel({ entities: 10, relations: 3, dim: 8, rng: createRng(0) });
 * const batch = { subjects: Int32Array.from([0, 4]), relations: Int32Array.from([0, 1, 2, 5]), length: 2 };
 * const { scores, hops } = pathQueryForward(model, batch, { training: true, rng: createRng(1), beta: 1 });
 * scores.shape; // [2, 10]; hops[0] holds the entity picked after the first hop
 * ```
 */
export function pathQueryForward(
  model: ComplExModel,
  batch: PathQueryBatch,
  options: PathQueryForwardOptions = {},
): PathQueryForwardResult {
  const {
    composition = 'discrete',
    training = false,
    tau = 4,
    beta = 1,
    alpha = 1,
    hard = false,
    mode = 'batch',
    subjectDropout = 0,
    relationDropout = 0,
    candidateDropout = 0,
    rng,
  } = options;
  if (composition !== 'discrete' && composition !== 'continuous') {
    throw new Error(`pathQueryForward: composition must be 'discrete' or 'continuous', got ${String(composition)}`);
  }
  if (!(tau > 0)) throw new Error(`pathQueryForward: tau must be > 0, got ${tau}`);
  if (!(beta >= 0)) throw new Error(`pathQueryForward: beta must be >= 0, got ${beta}`);
  if (!(alpha >= 0 && alpha <= 1)) throw new Error(`pathQueryForward: alpha must be in [0, 1], got ${alpha}`);
  checkRate('subjectDropout', subjectDropout);
  checkRate('relationDropout', relationDropout);
  checkRate('candidateDropout', candidateDropout);
  if (training && rng === undefined) {
    throw new Error('pathQueryForward: rng is required when training (dropout, Gumbel noise, DROPRES coins)');
  }
  const { subjects, relations, length } = batch;
  if (!Number.isInteger(length) || length < 1) {
    throw new Error(`pathQueryForward: batch.length must be an integer >= 1, got ${length}`);
  }
  const size = subjects.length;
  if (size < 1) throw new Error('pathQueryForward: batch.subjects must hold at least one query, got 0');
  if (relations.length !== size * length) {
    throw new Error(
      `pathQueryForward: batch.relations must hold batch × length = ${size * length} ids, got ${relations.length}`,
    );
  }
  for (let i = 0; i < size; i++) {
    const s = subjects[i]!;
    if (s < 0 || s >= model.numEntities) {
      throw new Error(`pathQueryForward: batch.subjects[${i}] must be in [0, ${model.numEntities}), got ${s}`);
    }
  }
  const totalRelations = 2 * model.numRelations;
  for (let i = 0; i < relations.length; i++) {
    const r = relations[i]!;
    if (r < 0 || r >= totalRelations) {
      throw new Error(`pathQueryForward: batch.relations[${i}] must be in [0, ${totalRelations}), got ${r}`);
    }
  }

  const drop = (x: tf.Tensor, rate: number): tf.Tensor => (training && rate > 0 ? dropout(x, rate, rng!) : x);
  const table = drop(model.entity, candidateDropout) as tf.Tensor2D;
  let x = drop(tf.gather(model.entity, tf.tensor1d(subjects, 'int32')), subjectDropout);
  // Column i of the [batch, k] relation ids, gathered per hop.
  const hopRelations: Int32Array[] = [];
  for (let h = 0; h < length; h++) {
    const col = new Int32Array(size);
    for (let i = 0; i < size; i++) col[i] = relations[i * length + h]!;
    hopRelations.push(col);
  }
  const hops: tf.Tensor1D[] = [];
  for (let h = 0; h < length; h++) {
    const r = drop(tf.gather(model.relation, tf.tensor1d(hopRelations[h]!, 'int32')), relationDropout);
    x = complexProduct(x, r);
    if (h === length - 1 || composition === 'continuous') continue;
    if (training) {
      const node = discreteNode(x, { table, tau, beta, alpha, hard, mode, rng: rng!.split() });
      hops.push(tf.argMax(node.sample, -1) as tf.Tensor1D);
      x = node.output;
    } else {
      const chosen = tf.argMax(complexScores(x, table), -1) as tf.Tensor1D;
      hops.push(chosen);
      x = tf.gather(table, chosen);
    }
  }
  return { scores: complexScores(x, table), hops };
}
