import { createRandom } from '../random.js';
import type { ListOpsExample } from './listOpsExample.js';
import type { GenerateListOpsOptions } from './generateListOps.js';
import { generateListOps } from './generateListOps.js';

/** Options of {@link listOpsSplits}. */
export interface ListOpsSplitsOptions
  extends Pick<GenerateListOpsOptions, 'variant' | 'minArgs' | 'maxArgs' | 'branchProbability' | 'maxLength' | 'maxAttempts'> {
  /** Seed (integer, required); each split draws from its own stream of it. */
  seed: number;
  /** Training examples, depths drawn uniformly from `trainDepth` (default 100,000). */
  trainSize?: number;
  /** Depth range of the training set (default `[1, 5]`, the paper's "depth ≤ 5"). */
  trainDepth?: readonly [number, number];
  /** Dev and test examples per depth in `evalDepths` (default 2,000). */
  evalPerDepth?: number;
  /** Depths of dev and test (default 1..5). */
  evalDepths?: readonly number[];
  /** Depths of the extrapolation sets (default `[8, 10]`). */
  extrapolationDepths?: readonly number[];
  /** Examples per extrapolation set (default 2,000). */
  extrapolationSize?: number;
}

/** The splits of {@link listOpsSplits}; `extrapolation[8]` is the depth-8 set. */
export interface ListOpsSplits {
  train: ListOpsExample[];
  dev: ListOpsExample[];
  test: ListOpsExample[];
  extrapolation: Record<number, ListOpsExample[]>;
}

/**
 * The splits as the paper uses them: train of depth ≤ 5, dev and test with 2,000 examples per depth
 * 1..5, extrapolation sets of depth 8 and 10. No expression appears in two splits (or twice in one).
 * Deterministic in `seed`.
 *
 * @example
 * const s = listOpsSplits({ seed: 1, trainSize: 5000, evalPerDepth: 100, extrapolationSize: 100 });
 * s.dev.length;             // 500
 * s.extrapolation[10][0].depth; // 10
 */
export function listOpsSplits(options: ListOpsSplitsOptions): ListOpsSplits {
  const fn = 'listOpsSplits';
  if (options === null || typeof options !== 'object') throw new Error(`${fn}: options must be an object, got ${String(options)}`);
  const { seed } = options;
  if (!Number.isInteger(seed)) throw new Error(`${fn}: seed must be an integer, got ${String(seed)}`);
  const base = {
    variant: options.variant,
    minArgs: options.minArgs,
    maxArgs: options.maxArgs,
    branchProbability: options.branchProbability,
    maxLength: options.maxLength,
    maxAttempts: options.maxAttempts,
  };
  const evalDepths = options.evalDepths ?? [1, 2, 3, 4, 5];
  const evalPerDepth = options.evalPerDepth ?? 2000;
  const extrapolationDepths = options.extrapolationDepths ?? [8, 10];
  const extrapolationSize = options.extrapolationSize ?? 2000;
  const seen = new Set<string>();
  // Evaluation sets are drawn first so that a small training set can never crowd them out of the
  // few distinct shallow expressions.
  let stream = 1;
  const perDepth = (depths: readonly number[], count: number): ListOpsExample[] =>
    depths.flatMap((depth) => generateListOps({ ...base, count, depth, seed: createRandom(seed, stream++), exclude: seen }));
  const test = perDepth(evalDepths, evalPerDepth);
  const dev = perDepth(evalDepths, evalPerDepth);
  const extrapolation: Record<number, ListOpsExample[]> = {};
  for (const d of extrapolationDepths) extrapolation[d] = perDepth([d], extrapolationSize);
  const train = generateListOps({
    ...base,
    count: options.trainSize ?? 100_000,
    depth: options.trainDepth ?? [1, 5],
    seed: createRandom(seed, 0),
    exclude: seen,
  });
  return { train, dev, test, extrapolation };
}
