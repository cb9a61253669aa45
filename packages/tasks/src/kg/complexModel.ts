import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '@dccg/gumbel';

/** Options of {@link createComplExModel}. */
export interface ComplExModelOptions {
  /** Number of entities (rows of the entity table). */
  entities: number;
  /** Number of relations in the graph; the model holds twice as many, the second half the reciprocals. */
  relations: number;
  /** Complex dimension d; each embedding is stored as 2d reals (`[re | im]`). Default 256 (the paper). */
  dim?: number;
  /** Embeddings start uniform in [−initScale, initScale]. Default 1 (the paper's [−1, 1]). */
  initScale?: number;
  /** Key the initial embeddings are drawn from. */
  rng: Rng;
}

/** ComplEx embeddings with reciprocal relations: relation `r` has its inverse at `r + relations`. */
export interface ComplExModel {
  readonly numEntities: number;
  /** Relations of the graph (without reciprocals). */
  readonly numRelations: number;
  /** Complex dimension d. */
  readonly dim: number;
  /** [entities, 2d]. */
  readonly entity: tf.Variable;
  /** [2·relations, 2d]; row `r + numRelations` is the reciprocal of `r`. */
  readonly relation: tf.Variable;
  /** The trainable variables, entity table first. */
  variables(): tf.Variable[];
  /** Frees both tables. */
  dispose(): void;
}

/**
 * Creates ComplEx entity and (reciprocal) relation tables, initialised uniformly in
 * [−initScale, initScale] from `rng`.
 *
 * @example
 * ```ts
 * import { createRng } from '@dccg/gumbel';
 * import { createComplExModel } from '@dccg/tasks';
 * const model = createComplExModel({ entities: 135, relations: 46, dim: 32, rng: createRng(1) });
 * model.entity.shape;   // [135, 64]
 * model.relation.shape; // [92, 64]
 * ```
 */
export function createComplExModel(options: ComplExModelOptions): ComplExModel {
  const { entities, relations, dim = 256, initScale = 1, rng } = options;
  if (!Number.isInteger(entities) || entities < 1) {
    throw new Error(`createComplExModel: entities must be a positive integer, got ${entities}`);
  }
  if (!Number.isInteger(relations) || relations < 1) {
    throw new Error(`createComplExModel: relations must be a positive integer, got ${relations}`);
  }
  if (!Number.isInteger(dim) || dim < 1) {
    throw new Error(`createComplExModel: dim must be a positive integer, got ${dim}`);
  }
  if (!(initScale > 0) || !Number.isFinite(initScale)) {
    throw new Error(`createComplExModel: initScale must be a finite number > 0, got ${initScale}`);
  }
  if (rng === undefined || rng === null || typeof rng.uniform !== 'function') {
    throw new Error('createComplExModel: rng must be an Rng from @dccg/gumbel (createRng(seed)), got ' + String(rng));
  }
  const init = (rows: number, r: Rng): tf.Tensor =>
    tf.tidy(() => tf.mul(tf.sub(tf.mul(r.uniform([rows, 2 * dim]), tf.scalar(2)), tf.scalar(1)), tf.scalar(initScale)));
  const entityInit = init(entities, rng.split());
  const relationInit = init(2 * relations, rng.split());
  const entity = tf.variable(entityInit, true, undefined, 'float32');
  const relation = tf.variable(relationInit, true, undefined, 'float32');
  entityInit.dispose();
  relationInit.dispose();
  return {
    numEntities: entities,
    numRelations: relations,
    dim,
    entity,
    relation,
    variables: () => [entity, relation],
    dispose: () => {
      entity.dispose();
      relation.dispose();
    },
  };
}
