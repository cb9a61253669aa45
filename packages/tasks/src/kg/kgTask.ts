import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '@dccg/gumbel';
import type { Batch, ForwardResult, MetricSums, StepContext, Task, TaskModel } from '../engine/types.js';
import { createComplExModel } from './complexModel.js';
import type { ComplExModel } from './complexModel.js';
import { KgIndex } from './KgIndex.js';
import { filteredRank, guuRank } from './kgMetrics.js';
import { oneVsAllCrossEntropy } from './oneVsAllCrossEntropy.js';
import { pathQueryForward } from './pathQueryForward.js';
import type { Composition } from './pathQueryForward.js';

/**
 * A path query `(source, r_1, …, r_k, ?)` with one answer, in ids: relation ids `≥ relations`
 * are reciprocals (`r + relations` walks `r` backwards, Guu's `**r`). The same shape as
 * `@dccg/datasets`' `PathQuery`, so generated or read queries are used as they are.
 */
export interface KgQuery {
  source: number;
  /** The relation ids of the path, in order (an `Int32Array` as `@dccg/datasets`' `PathQuery` has, or an array). */
  relations: ArrayLike<number>;
  target: number;
  /**
   * Only for the link-prediction metrics (the reverse direction of a length-1 query); left out of
   * Guu's H@10 and mean quantile. Default false.
   */
  linkOnly?: boolean;
}

/**
 * The model a KG task trains:
 * - `dccg`: the paper's model, a discrete entity (Gumbel-softmax over all entities, DROPRES) at every
 *   intermediate hop, trained on paths;
 * - `continuous`: the same ComplEx composed continuously (Guu et al.'s compositional training);
 * - `single`: ComplEx trained on single triples only (length-1 queries), composed continuously at test.
 */
export type KgModelKind = 'dccg' | 'continuous' | 'single';

/** All model kinds. */
export const KG_MODEL_KINDS: readonly KgModelKind[] = ['dccg', 'continuous', 'single'];

/** Options of {@link createKgTask}. */
export interface KgTaskOptions {
  /** Number of entities. */
  entities: number;
  /** Number of relations (without reciprocals). */
  relations: number;
  /** Entity names by id, for `describe` (default: the ids). */
  entityNames?: readonly string[];
  /** Relation names by id (without reciprocals), for `describe` (default: the ids). */
  relationNames?: readonly string[];
  /**
   * Every known triple `[head, relation, tail]` (train ∪ valid ∪ test): Guu's candidates and true
   * answers, and the link-prediction filter, come from it: rows, a flat n × 3 `Int32Array` (as
   * `@dccg/datasets` stores splits) or a prebuilt {@link KgIndex}.
   */
  triples: Int32Array | Iterable<readonly [number, number, number]> | KgIndex;
  train: readonly KgQuery[];
  dev: readonly KgQuery[];
  test: readonly KgQuery[];
  /** Further evaluation sets by name. */
  extra?: Record<string, readonly KgQuery[]>;
  /** Which model. Default `'dccg'`. */
  model?: KgModelKind;
  /** Train on paths of length ≤ this only (the extrapolation setting); evaluation keeps every length. Default: all. */
  maxTrainLength?: number;
  /** Also train every length-1 query in the inverse direction `(t, r⁻¹, s)`. Default true. */
  inverseSingleHop?: boolean;
  /** Add the reverse direction of every length-1 evaluation query for the filtered link-prediction metrics. Default true. */
  linkPrediction?: boolean;
  /** Complex dimension. Default 256. */
  dim?: number;
  /** Embeddings start uniform in [−initScale, initScale]. Default 1. */
  initScale?: number;
  /** Dropout on the subject embedding. Default 0 (the paper: WordNet 0.7, Freebase 0.1). */
  subjectDropout?: number;
  /** Dropout on the relation embeddings. Default 0 (WordNet 0.5, Freebase 0.2). */
  relationDropout?: number;
  /** Dropout on the candidate entity table. Default 0 (WordNet 0.1, Freebase 0.6). */
  candidateDropout?: number;
  /** Longest path the model walks (names the diagnostic nodes `hop1 … hop(maxLength − 1)`). Default: the longest query. */
  maxLength?: number;
}

/** A batch of KG queries: host-side ids only (the index tensors are made inside the step). */
export interface KgBatch extends Batch {
  readonly queries: readonly KgQuery[];
  readonly subjects: Int32Array;
  readonly paths: readonly ArrayLike<number>[];
  readonly targets: Int32Array;
}

/** The trainable model of a KG task. */
export interface KgTaskModel extends TaskModel<KgBatch> {
  readonly complex: ComplExModel;
  readonly composition: Composition;
}

/** The config a KG model is rebuilt from (stored in checkpoints). */
export interface KgModelConfig {
  entities: number;
  relations: number;
  dim: number;
  initScale: number;
  composition: Composition;
  subjectDropout: number;
  relationDropout: number;
  candidateDropout: number;
}

function checkRate(name: string, v: number): void {
  if (!Number.isFinite(v) || v < 0 || v >= 1) throw new Error(`createKgTask: ${name} must be in [0, 1), got ${v}`);
}

function checkQueries(name: string, qs: readonly KgQuery[], entities: number, relations: number): void {
  qs.forEach((q, i) => {
    const where = `createKgTask: ${name}[${i}]`;
    if (!Number.isInteger(q.source) || q.source < 0 || q.source >= entities) {
      throw new Error(`${where}.source must be an integer in [0, ${entities}), got ${q.source}`);
    }
    if (!Number.isInteger(q.target) || q.target < 0 || q.target >= entities) {
      throw new Error(`${where}.target must be an integer in [0, ${entities}), got ${q.target}`);
    }
    if (q.relations === null || typeof q.relations !== 'object' || !(q.relations.length >= 1)) {
      throw new Error(`${where}.relations must be a non-empty array of relation ids, got ${JSON.stringify(q.relations)}`);
    }
    for (let h = 0; h < q.relations.length; h++) {
      const r = q.relations[h]!;
      if (!Number.isInteger(r) || r < 0 || r >= 2 * relations) {
        throw new Error(`${where}.relations[${h}] is ${r}, expected a relation id in [0, ${2 * relations})`);
      }
    }
  });
}

/** The reciprocal of a relation id (`r ↔ r + relations`). */
export function inverseRelation(r: number, relations: number): number {
  return r < relations ? r + relations : r - relations;
}

/**
 * Builds the multi-hop KG reasoning task for the engine's `train`: path queries answered hop by
 * hop with ComplEx and reciprocal relations, a discrete entity at every intermediate hop (`dccg`),
 * or the baselines (`continuous`, `single`); 1-vs-all cross-entropy over all entities.
 *
 * Metrics (every evaluation set): `hits10` and `mq` (Guu et al.'s H@10 and mean quantile: the answer
 * ranked among the entities the last relation can reach, minus every true answer), the same per
 * path length (`hits10/len3`, `mq/len3`), `hits10Random` (what a random ranking scores on the same
 * negatives), and for length-1 queries in both directions the filtered `lp/mrr`, `lp/hits1`,
 * `lp/hits3`, `lp/hits10`. The dev metric that selects the best model is `mq`.
 *
 * @example
 * ```ts
 * import { createKgTask, train } from '@dccg/tasks';
 * const task = createKgTask({
 *   entities: 3, relations: 1, triples: [[0, 0, 1], [1, 0, 2]],
 *   train: [{ source: 0, relations: [0], target: 1 }, { source: 0, relations: [0, 0], target: 2 }],
 *   dev: [{ source: 1, relations: [0], target: 2 }], test: [{ source: 0, relations: [0, 0], target: 2 }],
 *   dim: 8,
 * });
 * const result = await train(task, { epochs: 1, batchSize: 2, tau: 4 });
 * result.test['mq'];
 * ```
 */
export function createKgTask(options: KgTaskOptions): Task<KgQuery, KgBatch, KgTaskModel> {
  const {
    entities,
    relations,
    model: kind = 'dccg',
    inverseSingleHop = true,
    linkPrediction = true,
    dim = 256,
    initScale = 1,
    subjectDropout = 0,
    relationDropout = 0,
    candidateDropout = 0,
  } = options;
  if (!Number.isInteger(entities) || entities < 1) throw new Error(`createKgTask: entities must be a positive integer, got ${entities}`);
  if (!Number.isInteger(relations) || relations < 1) throw new Error(`createKgTask: relations must be a positive integer, got ${relations}`);
  if (!KG_MODEL_KINDS.includes(kind)) {
    throw new Error(`createKgTask: model must be one of ${KG_MODEL_KINDS.join(', ')}, got ${String(kind)}`);
  }
  if (!Number.isInteger(dim) || dim < 1) throw new Error(`createKgTask: dim must be a positive integer, got ${dim}`);
  if (!(initScale > 0) || !Number.isFinite(initScale)) throw new Error(`createKgTask: initScale must be a finite number > 0, got ${initScale}`);
  checkRate('subjectDropout', subjectDropout);
  checkRate('relationDropout', relationDropout);
  checkRate('candidateDropout', candidateDropout);
  const maxTrainLength = kind === 'single' ? 1 : (options.maxTrainLength ?? Infinity);
  if (!(maxTrainLength >= 1)) throw new Error(`createKgTask: maxTrainLength must be >= 1, got ${options.maxTrainLength}`);
  for (const [name, qs] of [['train', options.train], ['dev', options.dev], ['test', options.test]] as const) {
    if (!Array.isArray(qs)) throw new Error(`createKgTask: ${name} must be an array of queries, got ${typeof qs}`);
    checkQueries(name, qs, entities, relations);
  }
  for (const [name, qs] of Object.entries(options.extra ?? {})) checkQueries(`extra.${name}`, qs, entities, relations);

  const index =
    options.triples instanceof KgIndex ? options.triples : new KgIndex({ entities, relations, triples: options.triples });
  if (index.numEntities !== entities || index.numRelations !== relations) {
    throw new Error(
      `createKgTask: triples index has ${index.numEntities} entities and ${index.numRelations} relations, expected ${entities} and ${relations}`,
    );
  }

  const train: KgQuery[] = [];
  for (const q of options.train) {
    if (q.relations.length > maxTrainLength) continue;
    train.push(q);
    if (inverseSingleHop && q.relations.length === 1) {
      train.push({ source: q.target, relations: [inverseRelation(q.relations[0]!, relations)], target: q.source });
    }
  }
  if (train.length === 0) {
    throw new Error(`createKgTask: no training queries of length <= ${maxTrainLength} (train holds ${options.train.length})`);
  }
  const withReverse = (qs: readonly KgQuery[]): KgQuery[] => {
    if (!linkPrediction) return [...qs];
    const out: KgQuery[] = [];
    for (const q of qs) {
      out.push(q);
      if (q.relations.length === 1 && !q.linkOnly) {
        out.push({ source: q.target, relations: [inverseRelation(q.relations[0]!, relations)], target: q.source, linkOnly: true });
      }
    }
    return out;
  };
  const extra: Record<string, readonly KgQuery[]> = {};
  for (const [name, qs] of Object.entries(options.extra ?? {})) extra[name] = withReverse(qs);

  let longest = options.maxLength ?? 1;
  for (const qs of [train, options.dev, options.test, ...Object.values(extra)]) {
    for (const q of qs) if (q.relations.length > longest) longest = q.relations.length;
  }
  const composition: Composition = kind === 'dccg' ? 'discrete' : 'continuous';
  const nodes = composition === 'discrete' ? Array.from({ length: longest - 1 }, (_, h) => `hop${h + 1}`) : [];
  const modelConfig: KgModelConfig = {
    entities,
    relations,
    dim,
    initScale,
    composition,
    subjectDropout,
    relationDropout,
    candidateDropout,
  };
  const entityName = (e: number): string => options.entityNames?.[e] ?? String(e);
  const relationName = (r: number): string =>
    r < relations ? (options.relationNames?.[r] ?? String(r)) : `**${options.relationNames?.[r - relations] ?? String(r - relations)}`;

  const task: Task<KgQuery, KgBatch, KgTaskModel> = {
    name: 'kg',
    nodes,
    data: { train, dev: withReverse(options.dev), test: withReverse(options.test), extra },
    primaryMetric: 'mq',
    updateEventsPerEpoch: 3,
    exampleLength: (q) => q.relations.length,
    makeBatch(examples) {
      if (examples.length === 0) throw new Error('kg.makeBatch: examples must hold at least one query, got 0');
      // Longest first, so that pathQueryForward walks a prefix of the rows and never reorders scores.
      const queries = [...examples].sort((a, b) => b.relations.length - a.relations.length);
      return {
        size: queries.length,
        queries,
        subjects: Int32Array.from(queries, (q) => q.source),
        paths: queries.map((q) => q.relations),
        targets: Int32Array.from(queries, (q) => q.target),
        dispose() {},
      };
    },
    modelConfig: modelConfig as unknown as Record<string, unknown>,
    createModel: (config, rng) => createKgModel(config, rng),
    evaluateBatch(batch, outputs) {
      const scores = outputs['scores'];
      if (!scores) throw new Error('kg.evaluateBatch: outputs.scores is missing');
      const data = scores.dataSync();
      const sums: MetricSums = {};
      const add = (name: string, v: number): void => {
        const m = (sums[name] ??= { sum: 0, count: 0 });
        m.sum += v;
        m.count += 1;
      };
      batch.queries.forEach((q, i) => {
        const row = data.subarray(i * entities, (i + 1) * entities);
        if (q.relations.length === 1 && linkPrediction) {
          const rank = filteredRank(row, q.target, index.tails(q.source, q.relations[0]!));
          add('lp/mrr', 1 / rank);
          add('lp/hits1', rank <= 1 ? 1 : 0);
          add('lp/hits3', rank <= 3 ? 1 : 0);
          add('lp/hits10', rank <= 10 ? 1 : 0);
        }
        if (q.linkOnly) return;
        const last = q.relations[q.relations.length - 1]!;
        const r = guuRank(row, q.target, index.reach(last), index.answers(q.source, q.relations));
        const hit = r.rank <= 10 ? 1 : 0;
        add('hits10', hit);
        add('mq', r.quantile);
        add(`hits10/len${q.relations.length}`, hit);
        add(`mq/len${q.relations.length}`, r.quantile);
        add('hits10Random', Math.min(1, 10 / (r.negatives + 1)));
      });
      return sums;
    },
    describe(batch, outputs, examples) {
      const scores = outputs['scores'];
      if (!scores) return [];
      const data = scores.dataSync();
      const hopData: Int32Array[] = [];
      for (let h = 1; outputs[`hop${h}`]; h++) hopData.push(outputs[`hop${h}`]!.dataSync() as Int32Array);
      const wanted = new Set(examples);
      const out: unknown[] = [];
      batch.queries.forEach((q, i) => {
        if (!wanted.has(q) || q.linkOnly) return;
        const row = data.subarray(i * entities, (i + 1) * entities);
        const top = Array.from(row.keys())
          .sort((a, b) => row[b]! - row[a]!)
          .slice(0, 5);
        const hops: string[] = [];
        for (let h = 0; h < q.relations.length - 1 && h < hopData.length; h++) hops.push(entityName(hopData[h]![i]!));
        const r = guuRank(row, q.target, index.reach(q.relations[q.relations.length - 1]!), index.answers(q.source, q.relations));
        out.push({
          query: `${entityName(q.source)} ${Array.from(q.relations, relationName).join(',')} ?`,
          answer: entityName(q.target),
          hops,
          top5: top.map(entityName),
          rank: r.rank,
          negatives: r.negatives,
        });
      });
      return out;
    },
  };
  return task;
}

function num(config: Record<string, unknown>, key: string): number {
  const v = config[key];
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    throw new Error(`createKgModel: config.${key} must be a finite number, got ${JSON.stringify(v)}`);
  }
  return v;
}

/**
 * Builds a KG model from its JSON config (what `createKgTask` stores as `modelConfig` and checkpoints keep).
 *
 * @example
 * ```ts
 * import { createRng } from '@dccg/gumbel';
 * import { createKgModel } from '@dccg/tasks';
 * const model = createKgModel(
 *   { entities: 10, relations: 2, dim: 8, initScale: 1, composition: 'discrete',
 *     subjectDropout: 0, relationDropout: 0, candidateDropout: 0 },
 *   createRng(0),
 * );
 * Object.keys(model.variables); // ['kg/entity', 'kg/relation']
 * ```
 */
export function createKgModel(config: Record<string, unknown>, rng: Rng): KgTaskModel {
  const composition = config['composition'];
  if (composition !== 'discrete' && composition !== 'continuous') {
    throw new Error(`createKgModel: config.composition must be 'discrete' or 'continuous', got ${JSON.stringify(composition)}`);
  }
  const c: KgModelConfig = {
    entities: num(config, 'entities'),
    relations: num(config, 'relations'),
    dim: num(config, 'dim'),
    initScale: num(config, 'initScale'),
    composition,
    subjectDropout: num(config, 'subjectDropout'),
    relationDropout: num(config, 'relationDropout'),
    candidateDropout: num(config, 'candidateDropout'),
  };
  const complex = createComplExModel({ entities: c.entities, relations: c.relations, dim: c.dim, initScale: c.initScale, rng });
  return {
    complex,
    composition,
    variables: { 'kg/entity': complex.entity, 'kg/relation': complex.relation },
    config: c as unknown as Record<string, unknown>,
    forward(batch: KgBatch, ctx: StepContext): ForwardResult {
      const { scores, hops } = pathQueryForward(complex, batch, {
        composition,
        training: ctx.training,
        tau: ctx.tau,
        beta: ctx.beta,
        alpha: ctx.alpha,
        hard: ctx.hard,
        mode: ctx.dropresMode,
        subjectDropout: c.subjectDropout,
        relationDropout: c.relationDropout,
        candidateDropout: c.candidateDropout,
        rng: ctx.rng,
        tap: (name, logits) => ctx.tap(name, logits),
      });
      const loss = oneVsAllCrossEntropy(scores, batch.targets);
      const outputs: Record<string, tf.Tensor> = { scores };
      hops.forEach((h, i) => (outputs[`hop${i + 1}`] = h));
      const accuracy = tf.mean(
        tf.cast(tf.equal(tf.argMax(scores, -1), tf.tensor1d(batch.targets, 'int32')), 'float32'),
      ) as tf.Scalar;
      return { loss, outputs, accuracy };
    },
    dispose: () => complex.dispose(),
  };
}
