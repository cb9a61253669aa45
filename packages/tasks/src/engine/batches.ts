import type { Rng } from '@dccg/gumbel';

/**
 * Splits example indices into batches of similar length, the way the loop orders an epoch: indices are
 * shuffled, sorted (stably) by length into groups of `batchSize`, and the batch order is shuffled. With
 * the same `rng` state the same batches come out, which is what lets a resumed run continue in order.
 * `limit(length)` caps a batch holding examples up to `length` (e.g. a memory budget for long ones).
 * Without `rng` (evaluation) batches follow length order and nothing is shuffled.
 *
 * @example
 * ```ts
 * const batches = lengthGroupedBatches([3, 1, 2, 8], { batchSize: 2, rng: createRng(0) });
 * // e.g. [[0, 2], [1, 3]] → indices into the examples
 * ```
 */
export function lengthGroupedBatches(
  lengths: readonly number[],
  { batchSize, rng, limit }: { batchSize: number; rng?: Rng; limit?: (length: number) => number },
): number[][] {
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new Error(`lengthGroupedBatches: batchSize must be an integer >= 1, got ${batchSize}`);
  }
  const order = lengths.map((_, i) => i);
  if (rng) rng.shuffle(order);
  // Stable sort after the shuffle: equal lengths stay in random order, so batches differ every epoch.
  order.sort((a, b) => lengths[a]! - lengths[b]!);
  const batches: number[][] = [];
  let cur: number[] = [];
  for (const i of order) {
    // Sizes depend only on the sorted lengths, never on the shuffle, so every epoch has as many steps.
    const cap = limit ? Math.max(1, Math.min(batchSize, Math.floor(limit(lengths[i]!)))) : batchSize;
    if (cur.length >= cap) {
      batches.push(cur);
      cur = [];
    }
    cur.push(i);
  }
  if (cur.length) batches.push(cur);
  if (rng) rng.shuffle(batches);
  return batches;
}

/**
 * Number of batches `lengthGroupedBatches` makes (the steps of one epoch).
 *
 * @example
 * ```ts
 * batchCount(250, 100); // 3
 * ```
 */
export function batchCount(examples: number, batchSize: number): number {
  return Math.ceil(examples / batchSize);
}
