import type { Rng } from '@dccg/gumbel';
import type { MnistAdditionExample } from './mnistAdditionBatch.js';

/** Options of {@link additionExamples}. */
export interface AdditionExamplesOptions {
  /** Digits per number N ≥ 1. Default 1. */
  digits?: number;
  /** Shuffles the pool; without it the pool is used in order. */
  rng?: Rng;
  /** Image indices to draw from. Default: all of `labels`. */
  indices?: readonly number[];
  /** Number of examples; at most ⌊pool / 2N⌋ (the default). */
  count?: number;
  /** Image set name stored in each example (`MnistAdditionExample.set`). Default `'train'`. */
  set?: string;
}

/**
 * Makes addition examples the way DeepProbLog does: the pool of images is shuffled once and cut into
 * consecutive groups of 2N, so every image appears in at most one example; the first N form the number
 * a (most significant first), the next N the number b, and the sum of their labels is the label.
 *
 * Throws for a bad `digits`, a `count` larger than the pool allows, or an index outside `labels`.
 *
 * @example
 * ```ts
 * const pairs = additionExamples(trainLabels, { digits: 2, rng: createRng(0), count: 1000 });
 * pairs[0]; // { a: [i0, i1], b: [i2, i3], sum: 10·l0 + l1 + 10·l2 + l3, set: 'train' }
 * ```
 */
export function additionExamples(labels: ArrayLike<number>, options: AdditionExamplesOptions = {}): MnistAdditionExample[] {
  const fn = 'additionExamples';
  const { digits = 1, rng, set = 'train' } = options;
  if (!Number.isInteger(digits) || digits < 1 || digits > 15) throw new Error(`${fn}: digits must be an integer in 1..15, got ${digits}`);
  const pool = options.indices ? [...options.indices] : Array.from({ length: labels.length }, (_, i) => i);
  for (const i of pool) {
    if (!Number.isInteger(i) || i < 0 || i >= labels.length) throw new Error(`${fn}: index ${i} is outside 0..${labels.length - 1}`);
  }
  const most = Math.floor(pool.length / (2 * digits));
  const count = options.count ?? most;
  if (!Number.isInteger(count) || count < 0 || count > most) {
    throw new Error(`${fn}: count must be an integer in 0..${most} (pool of ${pool.length} images, ${2 * digits} per example), got ${count}`);
  }
  if (rng) rng.shuffle(pool);
  const value = (ids: number[]) => ids.reduce((acc, i) => acc * 10 + labels[i]!, 0);
  const out: MnistAdditionExample[] = [];
  for (let k = 0; k < count; k++) {
    const ids = pool.slice(k * 2 * digits, (k + 1) * 2 * digits);
    const a = ids.slice(0, digits);
    const b = ids.slice(digits);
    out.push({ a, b, sum: value(a) + value(b), set });
  }
  return out;
}
