/**
 * Ranking metrics for knowledge-graph queries, on scores read back to the host.
 *
 * Ties count against the answer (a negative scoring exactly as much as the answer ranks above it),
 * the convention of ComplEx-N3's evaluation, so a model that scores everything alike earns nothing.
 */

/** Where the answer of one query ranks among its negatives. */
export interface QueryRank {
  /** 1 + the number of negatives scoring at least as high as the answer. */
  rank: number;
  /** Fraction of the negatives scoring strictly below the answer; 1 when there are no negatives. */
  quantile: number;
  /** How many negatives the query had. */
  negatives: number;
}

type IndexSet = ReadonlySet<number> | ArrayLike<number>;

function toSet(xs: IndexSet | undefined): ReadonlySet<number> {
  if (xs === undefined) return new Set();
  if (xs instanceof Set) return xs;
  return new Set(Array.from(xs as ArrayLike<number>));
}

function checkIndex(fn: string, name: string, v: number, size: number): void {
  if (!Number.isInteger(v) || v < 0 || v >= size) {
    throw new Error(`${fn}: ${name} must be an integer in [0, ${size}), got ${v}`);
  }
}

/**
 * Guu et al.'s protocol for one path query: the answer's rank among the candidate negatives,
 * i.e. the entities the query's last relation can reach (`candidates`) minus every true answer of
 * the query (`trueAnswers`, which should contain `answer`; it is excluded either way).
 *
 * @example
 * ```ts
 * import { guuRank } from '@dccg/tasks';
 * const scores = Float32Array.from([0.9, 0.1, 0.5, 0.7]);
 * guuRank(scores, 2, [0, 1, 2, 3], [2, 3]); // { rank: 2, quantile: 0.5, negatives: 2 }
 * ```
 */
export function guuRank(
  scores: ArrayLike<number>,
  answer: number,
  candidates: ArrayLike<number>,
  trueAnswers?: IndexSet,
): QueryRank {
  checkIndex('guuRank', 'answer', answer, scores.length);
  const truth = toSet(trueAnswers);
  const target = scores[answer]!;
  let above = 0;
  let below = 0;
  let negatives = 0;
  const seen = new Set<number>();
  for (let i = 0; i < candidates.length; i++) {
    const c = candidates[i]!;
    checkIndex('guuRank', `candidates[${i}]`, c, scores.length);
    if (c === answer || truth.has(c) || seen.has(c)) continue;
    seen.add(c);
    negatives++;
    const s = scores[c]!;
    if (s >= target || Number.isNaN(s)) above++;
    else below++;
  }
  return { rank: 1 + above, quantile: negatives === 0 ? 1 : below / negatives, negatives };
}

/**
 * The filtered rank of the standard link-prediction protocol: 1 + the number of entities other
 * than the answer, and not in `filter` (every other known true answer of the query in train, valid
 * and test), that score at least as high as the answer.
 *
 * @example
 * ```ts
 * import { filteredRank } from '@dccg/tasks';
 * filteredRank(Float32Array.from([0.9, 0.1, 0.5, 0.7]), 2, [0]); // 2 (only entity 3 is above)
 * ```
 */
export function filteredRank(scores: ArrayLike<number>, answer: number, filter?: IndexSet): number {
  checkIndex('filteredRank', 'answer', answer, scores.length);
  const skip = toSet(filter);
  const target = scores[answer]!;
  let above = 0;
  for (let e = 0; e < scores.length; e++) {
    if (e === answer || skip.has(e)) continue;
    const s = scores[e]!;
    if (s >= target || Number.isNaN(s)) above++;
  }
  return 1 + above;
}

/** H@10 and mean quantile over a set of path queries. */
export interface GuuSummary {
  count: number;
  /** Fraction of queries whose answer ranks in the top 10 of its negatives. */
  hits10: number;
  /** Mean over queries of the fraction of negatives ranked below the answer. */
  meanQuantile: number;
}

/** {@link GuuSummary} per path length and over all queries. */
export interface GuuReport {
  overall: GuuSummary;
  /** Keyed by path length, ascending. */
  byLength: Record<number, GuuSummary>;
}

/**
 * Aggregates per-query ranks into H@10 and mean quantile per path length and overall.
 *
 * @example
 * ```ts
 * import { summarizeGuu } from '@dccg/tasks';
 * summarizeGuu([
 *   { length: 1, rank: 1, quantile: 1, negatives: 5 },
 *   { length: 2, rank: 12, quantile: 0.4, negatives: 20 },
 * ]).byLength[2]; // { count: 1, hits10: 0, meanQuantile: 0.4 }
 * ```
 */
export function summarizeGuu(ranks: ReadonlyArray<QueryRank & { length: number }>): GuuReport {
  const acc = new Map<number, { count: number; hits: number; q: number }>();
  const all = { count: 0, hits: 0, q: 0 };
  for (const r of ranks) {
    if (!Number.isInteger(r.length) || r.length < 1) {
      throw new Error(`summarizeGuu: every entry needs an integer length >= 1, got ${r.length}`);
    }
    const a = acc.get(r.length) ?? { count: 0, hits: 0, q: 0 };
    for (const t of [a, all]) {
      t.count++;
      if (r.rank <= 10) t.hits++;
      t.q += r.quantile;
    }
    acc.set(r.length, a);
  }
  const summary = (t: { count: number; hits: number; q: number }): GuuSummary => ({
    count: t.count,
    hits10: t.count === 0 ? 0 : t.hits / t.count,
    meanQuantile: t.count === 0 ? 0 : t.q / t.count,
  });
  const byLength: Record<number, GuuSummary> = {};
  for (const k of [...acc.keys()].sort((a, b) => a - b)) byLength[k] = summary(acc.get(k)!);
  return { overall: summary(all), byLength };
}

/** Filtered MRR and Hits@1/3/10. */
export interface LinkPredictionSummary {
  count: number;
  mrr: number;
  hits1: number;
  hits3: number;
  hits10: number;
}

/**
 * Filtered MRR and Hits@1/3/10 from filtered ranks.
 *
 * @example
 * ```ts
 * import { summarizeLinkPrediction } from '@dccg/tasks';
 * summarizeLinkPrediction([1, 2, 4, 20]); // { count: 4, mrr: 0.4575, hits1: 0.25, hits3: 0.5, hits10: 0.75 }
 * ```
 */
export function summarizeLinkPrediction(ranks: ArrayLike<number>): LinkPredictionSummary {
  let mrr = 0;
  let h1 = 0;
  let h3 = 0;
  let h10 = 0;
  for (let i = 0; i < ranks.length; i++) {
    const r = ranks[i]!;
    if (!Number.isInteger(r) || r < 1) throw new Error(`summarizeLinkPrediction: ranks[${i}] must be an integer >= 1, got ${r}`);
    mrr += 1 / r;
    if (r <= 1) h1++;
    if (r <= 3) h3++;
    if (r <= 10) h10++;
  }
  const n = ranks.length;
  if (n === 0) return { count: 0, mrr: 0, hits1: 0, hits3: 0, hits10: 0 };
  return { count: n, mrr: mrr / n, hits1: h1 / n, hits3: h3 / n, hits10: h10 / n };
}

/**
 * What a uniformly random ranking scores in expectation on queries with the given numbers of
 * negatives: H@10 = mean of min(1, 10 / (n + 1)), mean quantile = 0.5 (1 with no negatives).
 * The yardstick the "it learns" test and the report compare against.
 *
 * @example
 * ```ts
 * import { randomGuuBaseline } from '@dccg/tasks';
 * randomGuuBaseline([9, 99]); // { count: 2, hits10: 0.55, meanQuantile: 0.5 }
 * ```
 */
export function randomGuuBaseline(negatives: ArrayLike<number>): GuuSummary {
  let h = 0;
  let q = 0;
  for (let i = 0; i < negatives.length; i++) {
    const n = negatives[i]!;
    if (!Number.isInteger(n) || n < 0) throw new Error(`randomGuuBaseline: negatives[${i}] must be an integer >= 0, got ${n}`);
    h += Math.min(1, 10 / (n + 1));
    q += n === 0 ? 1 : 0.5;
  }
  const c = negatives.length;
  return { count: c, hits10: c === 0 ? 0 : h / c, meanQuantile: c === 0 ? 0 : q / c };
}
