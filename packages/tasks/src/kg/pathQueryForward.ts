import * as tf from '@tensorflow/tfjs-core';
import { dropres } from '@dccg/dropres';
import { gumbelSoftmax } from '@dccg/gumbel';
import type { Rng } from '@dccg/gumbel';
import { complexProduct } from './complexProduct.js';
import { complexScores, entityMixture } from './complexScores.js';
import { dropout } from '../engine/layers.js';
import type { ComplExModel } from './complexModel.js';

/**
 * A batch of path queries `(s, r_1, …, r_k, ?)`, of one or several lengths. Relation ids
 * `≥ numRelations` are reciprocals (`r + numRelations` walks `r` backwards).
 */
export interface PathQueryBatch {
  /** Subject entity of each query. */
  subjects: ArrayLike<number>;
  /** The relations of each query, in order; every path has at least one. */
  paths: ReadonlyArray<ArrayLike<number>>;
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
  /**
   * Called with each intermediate hop's logits ([queries still walking, entities]) and its name
   * (`hop1`, `hop2`, …); what it returns is used instead (the engine's `ctx.tap`). Default identity.
   */
  tap?: (name: string, logits: tf.Tensor) => tf.Tensor;
}

/** What {@link pathQueryForward} returns. */
export interface PathQueryForwardResult {
  /** Scores `Re⟨x_k, ē⟩` of each query's final state against every entity, [batch, entities], rows in batch order. */
  scores: tf.Tensor2D;
  /**
   * For each intermediate hop h = 1 … (longest − 1), the entity each query's state was discretised
   * to after hop h (argmax of the hop's sample), [batch] int32 in batch order, −1 for queries that
   * have no such hop. Empty for the continuous composition.
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
 * but the last, with the discrete composition, the state is scored against all entities (`Re⟨x, ē⟩`),
 * a Gumbel-softmax over all of them picks an entity (relaxed while training), whose embedding
 * (`sample · table`) replaces the state through DROPRES (with probability 1 − α the previous state
 * is added back). The final state's scores against all entities are the prediction.
 *
 * Queries of different lengths share one batch: rows are walked longest first, so hop h is one
 * discrete node over every query still walking (one Gumbel-softmax and one `tap` per hop), and a
 * query leaves the walk at its last hop. Nothing of size batch × entities leaves the device. While
 * evaluating, a discrete hop takes the argmax entity and gathers its row — what a hard sample with
 * α = 1 and β = 0 computes, without the batch × entities × 2d product. The caller owns the returned
 * tensors; call it inside `tf.tidy` or a gradient closure.
 *
 * @example
 * ```ts
 * import { createRng } from '@dccg/gumbel';
 * import { createComplExModel, pathQueryForward } from '@dccg/tasks';
 * const model = createComplExModel({ entities: 10, relations: 3, dim: 8, rng: createRng(0) });
 * const batch = { subjects: [0, 4], paths: [[0, 1], [5]] };
 * const { scores, hops } = pathQueryForward(model, batch, { training: true, rng: createRng(1) });
 * scores.shape; // [2, 10]; hops[0] is [entity after hop 1 of query 0, −1]
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
    tap,
  } = options;
  if (composition !== 'discrete' && composition !== 'continuous') {
    throw new Error(`pathQueryForward: composition must be 'discrete' or 'continuous', got ${String(composition)}`);
  }
  if (!(tau > 0)) throw new Error(`pathQueryForward: tau must be > 0, got ${tau}`);
  if (!(beta >= 0)) throw new Error(`pathQueryForward: beta must be >= 0, got ${beta}`);
  if (!(alpha >= 0 && alpha <= 1)) throw new Error(`pathQueryForward: alpha must be in [0, 1], got ${alpha}`);
  if (mode !== 'batch' && mode !== 'example') {
    throw new Error(`pathQueryForward: mode must be 'batch' or 'example', got ${String(mode)}`);
  }
  checkRate('subjectDropout', subjectDropout);
  checkRate('relationDropout', relationDropout);
  checkRate('candidateDropout', candidateDropout);
  if (training && (rng === undefined || rng === null)) {
    throw new Error('pathQueryForward: rng is required when training (dropout, Gumbel noise, DROPRES coins)');
  }
  const { subjects, paths } = batch;
  const size = subjects.length;
  if (size < 1) throw new Error('pathQueryForward: batch.subjects must hold at least one query, got 0');
  if (paths.length !== size) {
    throw new Error(`pathQueryForward: batch.paths must hold one path per subject (${size}), got ${paths.length}`);
  }
  const totalRelations = 2 * model.numRelations;
  for (let i = 0; i < size; i++) {
    const s = subjects[i]!;
    if (!Number.isInteger(s) || s < 0 || s >= model.numEntities) {
      throw new Error(`pathQueryForward: batch.subjects[${i}] must be an integer in [0, ${model.numEntities}), got ${s}`);
    }
    const p = paths[i]!;
    if (p.length < 1) throw new Error(`pathQueryForward: batch.paths[${i}] must hold at least one relation, got 0`);
    for (let h = 0; h < p.length; h++) {
      const r = p[h]!;
      if (!Number.isInteger(r) || r < 0 || r >= totalRelations) {
        throw new Error(`pathQueryForward: batch.paths[${i}][${h}] must be an integer in [0, ${totalRelations}), got ${r}`);
      }
    }
  }

  // Longest first (stable), so the queries still walking at hop h are always a prefix of the rows.
  const order = Array.from({ length: size }, (_, i) => i).sort((a, b) => paths[b]!.length - paths[a]!.length);
  const sorted = order.every((v, i) => v === i);
  const longest = paths[order[0]!]!.length;
  // walking[h] = how many queries take hop h (h = 0 … longest − 1).
  const walking: number[] = [];
  for (let h = 0; h < longest; h++) {
    let n = 0;
    while (n < size && paths[order[n]!]!.length > h) n++;
    walking.push(n);
  }

  const drop = (x: tf.Tensor, rate: number): tf.Tensor => (training && rate > 0 ? dropout(x, rate, rng!.split()) : x);
  const table = drop(model.entity, candidateDropout) as tf.Tensor2D;
  // Transposed once per forward: every hop scores against it (see complexScores on why).
  const tableT = tf.transpose(table);
  let x = drop(tf.gather(model.entity, tf.tensor1d(order.map((i) => subjects[i]!), 'int32')), subjectDropout);
  const finals: tf.Tensor[] = [];
  const hopChoices: tf.Tensor1D[] = [];
  for (let h = 0; h < longest; h++) {
    const n = walking[h]!;
    if (x.shape[0] !== n) x = tf.slice(x, [0, 0], [n, -1]);
    const rel = Int32Array.from({ length: n }, (_, j) => paths[order[j]!]![h]!);
    x = complexProduct(x, drop(tf.gather(model.relation, tf.tensor1d(rel, 'int32')), relationDropout));
    const next = h + 1 < longest ? walking[h + 1]! : 0;
    if (next < n) finals.push(next === 0 ? x : tf.slice(x, [next, 0], [n - next, -1]));
    if (next === 0) break;
    if (next < n) x = tf.slice(x, [0, 0], [next, -1]);
    if (composition === 'continuous') continue;
    const name = `hop${h + 1}`;
    if (training) {
      // discreteNode's computation, spelled out so the logits pass through the engine's tap and the
      // two products over all entities use the plain-matmul forms.
      let logits: tf.Tensor = complexScores(x, table, { tableT });
      if (tap) logits = tap(name, logits);
      const sample = gumbelSoftmax(logits, { tau, beta, hard, rng: rng!.split() });
      hopChoices.push(tf.argMax(sample, -1) as tf.Tensor1D);
      x = dropres(x, entityMixture(sample, table, { tableT }), { alpha, mode, rng: rng!.split() });
    } else {
      let logits: tf.Tensor = complexScores(x, table, { tableT });
      if (tap) logits = tap(name, logits);
      const chosen = tf.argMax(logits, -1) as tf.Tensor1D;
      hopChoices.push(chosen);
      x = tf.gather(table, chosen);
    }
  }
  // finals were collected shortest-last-hop first, i.e. from the end of the rows backwards.
  const finalStates = finals.length === 1 ? finals[0]! : tf.concat(finals.reverse(), 0);
  let scores = complexScores(finalStates, table, { tableT });
  const hops = hopChoices.map((c) =>
    c.shape[0] === size ? c : (tf.concat([c, tf.fill([size - c.shape[0]], -1, 'int32')], 0) as tf.Tensor1D),
  );
  if (!sorted) {
    const inverse = new Int32Array(size);
    order.forEach((row, j) => (inverse[row] = j));
    const inv = tf.tensor1d(inverse, 'int32');
    scores = tf.gather(scores, inv) as tf.Tensor2D;
    return { scores, hops: hops.map((c) => tf.gather(c, inv) as tf.Tensor1D) };
  }
  return { scores, hops };
}
