/**
 * An adjacency index of a knowledge graph in reciprocal relation ids: relation `r < R` walks a
 * triple `(h, r, t)` from h to t, relation `r + R` walks it back from t to h. It answers what the
 * evaluation protocols need: the tails of `(s, r, ?)` (filters), every entity a path reaches
 * from s (Guu's true answers) and every entity a relation can reach (Guu's candidates).
 *
 * @example
 * ```ts
 * import { KgIndex } from '@dccg/tasks';
 * const g = new KgIndex({ entities: 3, relations: 1, triples: [[0, 0, 1], [1, 0, 2]] });
 * g.tails(0, 0);        // Int32Array [1]
 * g.answers(0, [0, 0]); // Set {2}
 * g.answers(2, [1]);    // Set {1}   (relation 0 walked backwards)
 * g.reach(1);           // Int32Array [0, 1]
 * ```
 */
function* flatRows(t: Int32Array): Generator<[number, number, number]> {
  for (let i = 0; i < t.length; i += 3) yield [t[i]!, t[i + 1]!, t[i + 2]!];
}

export class KgIndex {
  readonly numEntities: number;
  /** Relations of the graph, without reciprocals. */
  readonly numRelations: number;
  // adjacency[r] maps a head to its sorted tails under reciprocal relation r.
  private readonly adjacency: Map<number, Int32Array>[];
  private readonly reachable: Int32Array[];

  /**
   * @param options.triples `[head, relation, tail]` rows, or a flat `Int32Array` of n × 3 (as
   *   `@dccg/datasets` stores splits); relation ids are base ids in [0, relations).
   */
  constructor(options: {
    entities: number;
    relations: number;
    triples: Int32Array | Iterable<readonly [number, number, number]>;
  }) {
    const { entities, relations, triples } = options;
    if (!Number.isInteger(entities) || entities < 1) {
      throw new Error(`KgIndex: entities must be a positive integer, got ${entities}`);
    }
    if (!Number.isInteger(relations) || relations < 1) {
      throw new Error(`KgIndex: relations must be a positive integer, got ${relations}`);
    }
    this.numEntities = entities;
    this.numRelations = relations;
    const lists: Map<number, Set<number>>[] = Array.from({ length: 2 * relations }, () => new Map());
    const add = (r: number, a: number, b: number): void => {
      let s = lists[r]!.get(a);
      if (!s) lists[r]!.set(a, (s = new Set()));
      s.add(b);
    };
    if (triples instanceof Int32Array && triples.length % 3 !== 0) {
      throw new Error(`KgIndex: a flat triples array must hold n × 3 ids, got length ${triples.length}`);
    }
    const rows: Iterable<readonly [number, number, number]> =
      triples instanceof Int32Array ? flatRows(triples) : triples;
    let i = 0;
    for (const [h, r, t] of rows) {
      if (!Number.isInteger(h) || h < 0 || h >= entities || !Number.isInteger(t) || t < 0 || t >= entities) {
        throw new Error(`KgIndex: triple ${i} has an entity outside [0, ${entities}): (${h}, ${r}, ${t})`);
      }
      if (!Number.isInteger(r) || r < 0 || r >= relations) {
        throw new Error(`KgIndex: triple ${i} has a relation outside [0, ${relations}): (${h}, ${r}, ${t})`);
      }
      add(r, h, t);
      add(r + relations, t, h);
      i++;
    }
    this.adjacency = lists.map((m) => {
      const out = new Map<number, Int32Array>();
      for (const [k, v] of m) out.set(k, Int32Array.from(v).sort());
      return out;
    });
    this.reachable = lists.map((m) => {
      const all = new Set<number>();
      for (const v of m.values()) for (const e of v) all.add(e);
      return Int32Array.from(all).sort();
    });
  }

  private checkRelation(fn: string, r: number): void {
    if (!Number.isInteger(r) || r < 0 || r >= 2 * this.numRelations) {
      throw new Error(`KgIndex.${fn}: relation must be an integer in [0, ${2 * this.numRelations}), got ${r}`);
    }
  }

  /** The entities `t` with `(s, r, t)` in the graph (r may be a reciprocal id), sorted. */
  tails(s: number, r: number): Int32Array {
    this.checkRelation('tails', r);
    return this.adjacency[r]!.get(s) ?? new Int32Array(0);
  }

  /** Every entity a walk along `path` from `s` ends at (the true answers of the path query). */
  answers(s: number, path: ArrayLike<number>): Set<number> {
    let frontier = new Set<number>([s]);
    for (let h = 0; h < path.length; h++) {
      const r = path[h]!;
      this.checkRelation('answers', r);
      const next = new Set<number>();
      const adj = this.adjacency[r]!;
      for (const e of frontier) {
        const ts = adj.get(e);
        if (ts) for (const t of ts) next.add(t);
      }
      frontier = next;
      if (frontier.size === 0) break;
    }
    return frontier;
  }

  /** Every entity that is the tail of some triple of relation `r` (Guu's candidates for a last hop r), sorted. */
  reach(r: number): Int32Array {
    this.checkRelation('reach', r);
    return this.reachable[r]!;
  }
}
