import type { GraphIndex } from './GraphIndex.js';
import type { PathQuery } from './pathQueries.js';

/**
 * Every entity reachable from `source` along `relations` in the index's graph: the true answers of
 * a path query (use the full graph's index, per Guu's protocol). Sorted ascending.
 *
 * @example
 * pathAnswers(fullIndex, q.source, q.relations).includes(q.target); // true for a query walked on it
 */
export function pathAnswers(index: GraphIndex, source: number, relations: ArrayLike<number>): Int32Array {
  const fn = 'pathAnswers';
  if (!Number.isInteger(source) || source < 0 || source >= index.numEntities) {
    throw new Error(`${fn}: source must be an entity id in [0, ${index.numEntities}), got ${source}`);
  }
  if (relations.length < 1) throw new Error(`${fn}: relations must hold at least one relation id`);
  const mark = new Int32Array(index.numEntities);
  let frontier: number[] = [source];
  for (let i = 0; i < relations.length; i++) {
    const r = relations[i] as number;
    const next: number[] = [];
    const stamp = i + 1;
    for (const e of frontier) {
      const ts = index.tails(e, r);
      for (let j = 0; j < ts.length; j++) {
        const t = ts[j] as number;
        if (mark[t] !== stamp) {
          mark[t] = stamp;
          next.push(t);
        }
      }
    }
    frontier = next;
    if (frontier.length === 0) break;
  }
  return Int32Array.from(frontier).sort();
}

/** The evaluation sets of one query under Guu et al.'s protocol. */
export interface PathQueryEvaluation {
  /** Every true answer (sorted), see {@link pathAnswers}. */
  answers: Int32Array;
  /** The candidate negatives: the range of the last relation minus the true answers (sorted). */
  candidates: Int32Array;
}

/**
 * Guu et al.'s evaluation sets for a path query: the true answers reachable along the path in the
 * (full) graph, and the candidate negatives, the entities the last relation can reach minus those
 * answers. The query's target is ranked against the candidates (H@10, mean quantile).
 *
 * @example
 * const { answers, candidates } = pathQueryEvaluation(fullIndex, query);
 */
export function pathQueryEvaluation(index: GraphIndex, query: PathQuery): PathQueryEvaluation {
  const answers = pathAnswers(index, query.source, query.relations);
  const range = index.range(query.relations[query.relations.length - 1] as number);
  const candidates = new Int32Array(range.length);
  let n = 0;
  let j = 0;
  // Both sorted: a merge skips the answers.
  for (let i = 0; i < range.length; i++) {
    const e = range[i] as number;
    while (j < answers.length && (answers[j] as number) < e) j++;
    if (j < answers.length && answers[j] === e) continue;
    candidates[n++] = e;
  }
  return { answers, candidates: candidates.slice(0, n) };
}

/**
 * The filtered-setting answers for standard link prediction: every `t` with `(h, r, t)` in the index's
 * graph (build it from train + valid + test). With reciprocals, head prediction for `(?, r, t)` is
 * `filteredAnswers(index, t, r + numRelations)`. Sorted; a copy.
 *
 * @example
 * filteredAnswers(fullIndex, h, r); // rank the test tail against every entity not in here
 */
export function filteredAnswers(index: GraphIndex, h: number, r: number): Int32Array {
  return index.tails(h, r).slice();
}
