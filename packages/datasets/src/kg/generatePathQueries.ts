import type { RandomSource, SeedOrRandom } from '../random.js';
import { toRandom } from '../random.js';
import type { GraphIndex } from './GraphIndex.js';
import type { PathQuery } from './pathQueries.js';

/** Options of {@link generatePathQueries}. */
export interface GeneratePathQueriesOptions {
  /**
   * Queries per path length: a number (the same for every length in `lengths`) or a record such as
   * `{ 1: 1000, 2: 500 }`. Required.
   */
  perLength: number | Readonly<Record<number, number>>;
  /** Path lengths when `perLength` is a number (default `[1, 2, 3, 4, 5]`). */
  lengths?: readonly number[];
  /** Seed or random source (required). */
  seed: SeedOrRandom;
  /**
   * Never step straight back along the edge just taken (`r` then `**r` to the same entity), which
   * would make the answer trivially the source (default true). Taken only when another edge exists.
   */
  avoidBacktracking?: boolean;
  /**
   * Triples (`n × 3`, base relation ids) of which every walk must use at least one, in either
   * direction: give the valid (test) triples when walking the full graph for dev (test) queries, so
   * no query is answerable from the training graph's edges alone. The walk is grown outwards from a
   * required edge placed at a random hop.
   */
  requireEdges?: Int32Array;
  /** Draw distinct queries (default false). */
  unique?: boolean;
  /** Redraws allowed per query (default 100). */
  maxAttempts?: number;
}

/**
 * Samples path queries by random walks over a {@link GraphIndex} built with reciprocals: a start
 * entity uniformly among those with edges, then at each hop an edge uniformly among those leaving
 * the current entity. Use the train graph's index for training queries and the full graph's for
 * dev and test. Queries come grouped by length, in ascending order; seeded and deterministic.
 *
 * @example
 * const train = generatePathQueries(trainIndex, { perLength: 20_000, seed: 1 });
 * const dev = generatePathQueries(fullIndex, { perLength: 1000, seed: 2, requireEdges: kg.valid });
 */
export function generatePathQueries(index: GraphIndex, options: GeneratePathQueriesOptions): PathQuery[] {
  const fn = 'generatePathQueries';
  if (!index || typeof index.tails !== 'function') throw new Error(`${fn}: index must be a GraphIndex`);
  if (!index.reciprocals) throw new Error(`${fn}: index must be built with reciprocals (walks go both ways along an edge)`);
  const rng = toRandom(fn, options?.seed);
  const plan = planLengths(fn, options.perLength, options.lengths ?? [1, 2, 3, 4, 5]);
  const avoid = options.avoidBacktracking ?? true;
  const maxAttempts = options.maxAttempts ?? 100;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new Error(`${fn}: maxAttempts must be an integer >= 1, got ${maxAttempts}`);
  const E = index.numEntities;
  const starts: number[] = [];
  for (let e = 0; e < E; e++) if (index.degree(e) > 0) starts.push(e);
  if (starts.length === 0) throw new Error(`${fn}: the graph has no edges`);
  const required = options.requireEdges;
  if (required !== undefined) {
    if (!(required instanceof Int32Array) || required.length % 3 !== 0 || required.length === 0) {
      throw new Error(`${fn}: requireEdges must be a non-empty Int32Array of n × 3 triples`);
    }
  }
  const seen = options.unique ? new Set<string>() : undefined;
  const out: PathQuery[] = [];
  for (const [k, count] of plan) {
    for (let q = 0; q < count; q++) {
      let query: PathQuery | undefined;
      for (let attempt = 0; attempt < maxAttempts && !query; attempt++) {
        const cand = required ? walkThrough(index, k, required, rng, avoid) : walk(index, k, starts, rng, avoid);
        if (!cand) continue;
        if (seen) {
          const key = `${cand.source}|${cand.relations.join(',')}|${cand.target}`;
          if (seen.has(key)) continue;
          seen.add(key);
        }
        query = cand;
      }
      if (!query) throw new Error(`${fn}: no acceptable walk of length ${k} after ${maxAttempts} attempts (query ${q + 1} of ${count})`);
      out.push(query);
    }
  }
  return out;
}

function planLengths(fn: string, perLength: GeneratePathQueriesOptions['perLength'], lengths: readonly number[]): [number, number][] {
  const check = (k: number, c: number): void => {
    if (!Number.isInteger(k) || k < 1) throw new Error(`${fn}: path lengths must be integers >= 1, got ${k}`);
    if (!Number.isInteger(c) || c < 0) throw new Error(`${fn}: the count for length ${k} must be an integer >= 0, got ${c}`);
  };
  if (typeof perLength === 'number') {
    const plan = lengths.map((k) => [k, perLength] as [number, number]);
    plan.forEach(([k, c]) => check(k, c));
    return plan;
  }
  if (perLength === null || typeof perLength !== 'object') throw new Error(`${fn}: perLength must be a number or a record of length → count, got ${String(perLength)}`);
  const plan = Object.entries(perLength).map(([k, c]) => [Number(k), c] as [number, number]);
  plan.forEach(([k, c]) => check(k, c));
  return plan.sort((a, b) => a[0] - b[0]);
}

function inverse(r: number, R: number): number {
  return r < R ? r + R : r - R;
}

// One step out of `cur`: a uniformly drawn edge, redrawn once or more when it undoes the last hop.
function step(index: GraphIndex, cur: number, prevRel: number, prevEntity: number, rng: RandomSource, avoid: boolean): number {
  const lo = index.offsets[cur] as number;
  const deg = (index.offsets[cur + 1] as number) - lo;
  if (deg === 0) return -1;
  let e = lo + rng.nextInt(deg);
  if (avoid && prevRel >= 0 && deg > 1) {
    const back = inverse(prevRel, index.numRelations);
    for (let tries = 0; tries < 8 && index.edgeRelations[e] === back && index.edgeTails[e] === prevEntity; tries++) {
      e = lo + rng.nextInt(deg);
    }
    if (index.edgeRelations[e] === back && index.edgeTails[e] === prevEntity) return -1;
  }
  return e;
}

function walk(index: GraphIndex, k: number, starts: number[], rng: RandomSource, avoid: boolean): PathQuery | undefined {
  const source = starts[rng.nextInt(starts.length)] as number;
  const rels = new Int32Array(k);
  const target = walkForward(index, rels, 0, source, -1, -1, rng, avoid);
  return target < 0 ? undefined : { source, relations: rels, target };
}

// Fills rels[from..] by stepping forwards from `cur` (reached from prevEntity along prevRel); returns
// the entity reached, or -1 when a step finds no edge.
function walkForward(
  index: GraphIndex,
  rels: Int32Array,
  from: number,
  cur: number,
  prevRel: number,
  prevEntity: number,
  rng: RandomSource,
  avoid: boolean,
): number {
  for (let i = from; i < rels.length; i++) {
    const e = step(index, cur, prevRel, prevEntity, rng, avoid);
    if (e < 0) return -1;
    rels[i] = index.edgeRelations[e] as number;
    prevEntity = cur;
    prevRel = rels[i] as number;
    cur = index.edgeTails[e] as number;
  }
  return cur;
}

// A walk of length k that takes a random required edge (in a random direction) at a random hop:
// backwards from its head (stepping along reciprocals), forwards from its tail.
function walkThrough(index: GraphIndex, k: number, required: Int32Array, rng: RandomSource, avoid: boolean): PathQuery | undefined {
  const R = index.numRelations;
  const j = rng.nextInt(required.length / 3);
  let h = required[3 * j] as number;
  let r = required[3 * j + 1] as number;
  let t = required[3 * j + 2] as number;
  if (rng.nextFloat() < 0.5) {
    [h, t] = [t, h];
    r = inverse(r, R);
  }
  const pos = rng.nextInt(k);
  const rels = new Int32Array(k);
  rels[pos] = r;
  // Backwards: from h, an edge (h, r', x) of the index is the forward edge (x, inverse(r'), h).
  let cur = h;
  let prevRel = inverse(r, R);
  let prevEntity = t;
  for (let i = pos - 1; i >= 0; i--) {
    const e = step(index, cur, prevRel, prevEntity, rng, avoid);
    if (e < 0) return undefined;
    const rr = index.edgeRelations[e] as number;
    rels[i] = inverse(rr, R);
    prevEntity = cur;
    prevRel = rr;
    cur = index.edgeTails[e] as number;
  }
  const source = cur;
  const target = walkForward(index, rels, pos + 1, t, r, h, rng, avoid);
  return target < 0 ? undefined : { source, relations: rels, target };
}
