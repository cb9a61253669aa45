import type { SeedOrRandom } from '../random.js';
import { shuffleInPlace, toRandom } from '../random.js';
import type { ListOpsExample } from './listOpsExample.js';

/**
 * Groups examples by sequence length (ascending), keeping their order within a group, so a batch of
 * one group needs no padding.
 *
 * @example
 * const groups = groupByLength(generateListOps({ count: 100, seed: 1 }));
 * [...groups.keys()]; // e.g. [4, 5, 6, …]
 */
export function groupByLength<T extends { readonly tokens: readonly unknown[] }>(examples: readonly T[]): Map<number, T[]> {
  if (!Array.isArray(examples)) throw new Error(`groupByLength: examples must be an array, got ${typeof examples}`);
  const groups = new Map<number, T[]>();
  for (const ex of examples) {
    const n = ex.tokens.length;
    let g = groups.get(n);
    if (!g) groups.set(n, (g = []));
    g.push(ex);
  }
  return new Map([...groups.entries()].sort((a, b) => a[0] - b[0]));
}

/** Options of {@link lengthBatches}. */
export interface LengthBatchesOptions {
  /** Most examples per batch (required, ≥ 1). */
  batchSize: number;
  /** Shuffle within each length group and then the order of batches (default false). */
  shuffle?: boolean;
  /** Seed or random source, required when `shuffle` is true. */
  seed?: SeedOrRandom;
}

/**
 * Padding-free batches: every batch holds examples of one length, at most `batchSize` of them,
 * the way the paper's data loader batches. With `shuffle`, both the examples within a length and the
 * order of the batches are shuffled (seeded). Never drops an example.
 *
 * @example
 * const batches = lengthBatches(train, { batchSize: 32, shuffle: true, seed: epoch });
 * batches.every((b) => b.every((e) => e.tokens.length === b[0].tokens.length)); // true
 */
export function lengthBatches<T extends { readonly tokens: readonly unknown[] }>(
  examples: readonly T[],
  options: LengthBatchesOptions,
): T[][] {
  const fn = 'lengthBatches';
  const { batchSize } = options ?? ({} as LengthBatchesOptions);
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`${fn}: batchSize must be an integer >= 1, got ${String(batchSize)}`);
  const rng = options.shuffle ? toRandom(fn, options.seed) : undefined;
  const batches: T[][] = [];
  for (const group of groupByLength(examples).values()) {
    if (rng) shuffleInPlace(group, rng);
    for (let i = 0; i < group.length; i += batchSize) batches.push(group.slice(i, i + batchSize));
  }
  if (rng) shuffleInPlace(batches, rng);
  return batches;
}

/** A batch of equal-length examples as flat row-major typed arrays (`batchSize × length`). */
export interface ListOpsBatch {
  batchSize: number;
  length: number;
  ids: Int32Array;
  parents: Int32Array;
  values: Int32Array;
  isOperator: Uint8Array;
  /** The value of each example (`batchSize`). */
  targets: Int32Array;
  depths: Int32Array;
}

/**
 * Stacks equal-length examples into a {@link ListOpsBatch}, ready for `tf.tensor2d(batch.ids, [b, n], 'int32')`.
 * Throws when the lengths differ (batch with {@link lengthBatches} first).
 *
 * @example
 * const b = stackListOps(lengthBatches(train, { batchSize: 32 })[0]);
 * b.ids.length === b.batchSize * b.length; // true
 */
export function stackListOps(examples: readonly ListOpsExample[]): ListOpsBatch {
  const fn = 'stackListOps';
  if (!Array.isArray(examples) || examples.length === 0) throw new Error(`${fn}: examples must be a non-empty array`);
  const n = (examples[0] as ListOpsExample).tokens.length;
  const b = examples.length;
  const ids = new Int32Array(b * n);
  const parents = new Int32Array(b * n);
  const values = new Int32Array(b * n);
  const isOperator = new Uint8Array(b * n);
  const targets = new Int32Array(b);
  const depths = new Int32Array(b);
  examples.forEach((ex, i) => {
    if (ex.tokens.length !== n) throw new Error(`${fn}: example ${i} has length ${ex.tokens.length}, expected ${n} like example 0`);
    ids.set(ex.ids, i * n);
    parents.set(ex.parents, i * n);
    values.set(ex.values, i * n);
    isOperator.set(ex.isOperator, i * n);
    targets[i] = ex.value;
    depths[i] = ex.depth;
  });
  return { batchSize: b, length: n, ids, parents, values, isOperator, targets, depths };
}
