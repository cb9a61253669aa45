/** Options of {@link GraphIndex.fromTriples}. */
export interface GraphIndexOptions {
  /** Number of entities (ids in [0, numEntities)). */
  numEntities: number;
  /** Number of base relations (ids in [0, numRelations)). */
  numRelations: number;
  /** Add the reciprocal `(t, r + numRelations, h)` of every triple (default true). */
  reciprocals?: boolean;
}

/**
 * An adjacency index over triples, built once in typed arrays (compressed sparse rows by head, edges
 * sorted by relation then tail, duplicates removed): `tails(h, r)` is a binary search, a random walk
 * step is one array read, and `range(r)` lists every entity relation `r` reaches. With reciprocals
 * (the default) relation ids run over `[0, 2·numRelations)`, `r + numRelations` being `**r`.
 *
 * @example
 * const index = GraphIndex.fromTriples(concatTriples(kg.train, kg.valid, kg.test), {
 *   numEntities: kg.entities.length, numRelations: kg.relations.length,
 * });
 * index.tails(0, 3); // Int32Array of every t with (0, r3, t) in the graph, sorted
 */
export class GraphIndex {
  readonly numEntities: number;
  readonly numRelations: number;
  /** Relation ids in use: `2·numRelations` with reciprocals, else `numRelations`. */
  readonly numRelationIds: number;
  readonly reciprocals: boolean;
  /** `offsets[h]..offsets[h + 1]` are the edges out of `h` in `edgeRelations` / `edgeTails`. */
  readonly offsets: Int32Array;
  readonly edgeRelations: Int32Array;
  readonly edgeTails: Int32Array;
  /** `rangeOffsets[r]..rangeOffsets[r + 1]` in `rangeEntities`: the sorted distinct tails of `r`. */
  readonly rangeOffsets: Int32Array;
  readonly rangeEntities: Int32Array;

  private constructor(fields: Omit<GraphIndex, 'tails' | 'has' | 'degree' | 'range' | 'numEdges'>) {
    this.numEntities = fields.numEntities;
    this.numRelations = fields.numRelations;
    this.numRelationIds = fields.numRelationIds;
    this.reciprocals = fields.reciprocals;
    this.offsets = fields.offsets;
    this.edgeRelations = fields.edgeRelations;
    this.edgeTails = fields.edgeTails;
    this.rangeOffsets = fields.rangeOffsets;
    this.rangeEntities = fields.rangeEntities;
  }

  /** Builds the index from an `n × 3` `Int32Array` of triples (see {@link GraphIndexOptions}). */
  static fromTriples(triples: Int32Array, options: GraphIndexOptions): GraphIndex {
    const fn = 'GraphIndex.fromTriples';
    if (!(triples instanceof Int32Array) || triples.length % 3 !== 0) throw new Error(`${fn}: triples must be an Int32Array of n × 3`);
    const { numEntities: E, numRelations: R } = options ?? ({} as GraphIndexOptions);
    if (!Number.isInteger(E) || E < 1) throw new Error(`${fn}: numEntities must be an integer >= 1, got ${String(E)}`);
    if (!Number.isInteger(R) || R < 1) throw new Error(`${fn}: numRelations must be an integer >= 1, got ${String(R)}`);
    const reciprocals = options.reciprocals ?? true;
    const RR = reciprocals ? 2 * R : R;
    const n = triples.length / 3;
    const m = reciprocals ? 2 * n : n;
    const heads = new Int32Array(m);
    // One float64 key per edge, relation·E + tail, sorts (relation, tail) within a head exactly.
    const keys = new Float64Array(m);
    for (let i = 0; i < n; i++) {
      const h = triples[3 * i] as number;
      const r = triples[3 * i + 1] as number;
      const t = triples[3 * i + 2] as number;
      if (!(h >= 0 && h < E && t >= 0 && t < E && r >= 0 && r < R)) {
        throw new Error(`${fn}: triple ${i} (${h}, ${r}, ${t}) is out of range (entities < ${E}, relations < ${R})`);
      }
      heads[i] = h;
      keys[i] = r * E + t;
      if (reciprocals) {
        heads[n + i] = t;
        keys[n + i] = (r + R) * E + h;
      }
    }
    const counts = new Int32Array(E + 1);
    for (let i = 0; i < m; i++) counts[(heads[i] as number) + 1]!++;
    for (let h = 0; h < E; h++) counts[h + 1]! += counts[h] as number;
    const fill = counts.slice(0, E);
    const sorted = new Float64Array(m);
    for (let i = 0; i < m; i++) sorted[fill[heads[i] as number]!++] = keys[i] as number;
    const offsets = new Int32Array(E + 1);
    const edgeRelations = new Int32Array(m);
    const edgeTails = new Int32Array(m);
    let w = 0;
    for (let h = 0; h < E; h++) {
      const seg = sorted.subarray(counts[h] as number, counts[h + 1] as number);
      seg.sort();
      offsets[h] = w;
      let prev = -1;
      for (let k = 0; k < seg.length; k++) {
        const key = seg[k] as number;
        if (key === prev) continue;
        prev = key;
        edgeRelations[w] = Math.floor(key / E);
        edgeTails[w] = key % E;
        w++;
      }
    }
    offsets[E] = w;
    // Distinct (relation, tail) pairs: the range of every relation.
    const rangeKeys = new Float64Array(w);
    for (let i = 0; i < w; i++) rangeKeys[i] = (edgeRelations[i] as number) * E + (edgeTails[i] as number);
    rangeKeys.sort();
    const rangeOffsets = new Int32Array(RR + 1);
    const rangeEntities = new Int32Array(w);
    let u = 0;
    let prev = -1;
    for (let i = 0; i < w; i++) {
      const key = rangeKeys[i] as number;
      if (key === prev) continue;
      prev = key;
      rangeOffsets[Math.floor(key / E) + 1]!++;
      rangeEntities[u++] = key % E;
    }
    for (let r = 0; r < RR; r++) rangeOffsets[r + 1]! += rangeOffsets[r] as number;
    return new GraphIndex({
      numEntities: E,
      numRelations: R,
      numRelationIds: RR,
      reciprocals,
      offsets,
      edgeRelations: edgeRelations.slice(0, w),
      edgeTails: edgeTails.slice(0, w),
      rangeOffsets,
      rangeEntities: rangeEntities.slice(0, u),
    });
  }

  /** Number of distinct edges (reciprocals included). */
  get numEdges(): number {
    return this.edgeTails.length;
  }

  /** Number of edges out of entity `h`. */
  degree(h: number): number {
    return (this.offsets[h + 1] as number) - (this.offsets[h] as number);
  }

  /** The sorted tails `t` of `(h, r, t)`: the true answers of the query `(h, r, ?)`, the filter of the filtered metrics. A view; do not write to it. */
  tails(h: number, r: number): Int32Array {
    if (!Number.isInteger(h) || h < 0 || h >= this.numEntities) throw new Error(`GraphIndex.tails: h must be an entity id in [0, ${this.numEntities}), got ${h}`);
    if (!Number.isInteger(r) || r < 0 || r >= this.numRelationIds) throw new Error(`GraphIndex.tails: r must be a relation id in [0, ${this.numRelationIds}), got ${r}`);
    const lo = this.lowerBound(this.offsets[h] as number, this.offsets[h + 1] as number, r);
    const hi = this.lowerBound(lo, this.offsets[h + 1] as number, r + 1);
    return this.edgeTails.subarray(lo, hi);
  }

  /** Whether `(h, r, t)` is an edge. */
  has(h: number, r: number, t: number): boolean {
    const ts = this.tails(h, r);
    let lo = 0;
    let hi = ts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((ts[mid] as number) < t) lo = mid + 1;
      else hi = mid;
    }
    return lo < ts.length && ts[lo] === t;
  }

  /** The sorted distinct entities relation `r` reaches (its range). A view; do not write to it. */
  range(r: number): Int32Array {
    if (!Number.isInteger(r) || r < 0 || r >= this.numRelationIds) throw new Error(`GraphIndex.range: r must be a relation id in [0, ${this.numRelationIds}), got ${r}`);
    return this.rangeEntities.subarray(this.rangeOffsets[r] as number, this.rangeOffsets[r + 1] as number);
  }

  private lowerBound(lo: number, hi: number, r: number): number {
    const rel = this.edgeRelations;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((rel[mid] as number) < r) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
