import { DatasetError } from '../DatasetError.js';

/** The standard splits of a knowledge graph. */
export type KgSplit = 'train' | 'valid' | 'test';
/** The splits in file order. */
export const KG_SPLITS: readonly KgSplit[] = Object.freeze(['train', 'valid', 'test'] as KgSplit[]);

/**
 * A knowledge graph as typed arrays: every split is an `Int32Array` of `n × 3` (head, relation, tail)
 * rows. Ids index `entities` and `relations` (the base relations, without inverses); the reciprocal of
 * relation `r` has id `r + relations.length` and the name `**` + name (Guu's notation), see
 * {@link relationName} and {@link withReciprocals}. Entities and relations are numbered in order of
 * first appearance over train, valid, test.
 */
export interface KnowledgeGraph {
  readonly entities: string[];
  readonly relations: string[];
  readonly entityIds: Map<string, number>;
  readonly relationIds: Map<string, number>;
  readonly train: Int32Array;
  readonly valid: Int32Array;
  readonly test: Int32Array;
}

/** Options of {@link parseTriples}. */
export interface ParseTriplesOptions {
  /** File name for errors. */
  source?: string;
  /** Entity vocabulary to use and extend (default: a new one). */
  entityIds?: Map<string, number>;
  /** Relation vocabulary to use and extend (default: a new one). */
  relationIds?: Map<string, number>;
  /** What to do with a name not yet in a vocabulary: `'add'` it (default) or throw an `'error'`. */
  unknown?: 'add' | 'error';
}

/**
 * Parses `head<TAB>relation<TAB>tail` lines (LF or CRLF) into an `n × 3` `Int32Array`, numbering
 * names through the given vocabularies. A line without exactly three non-empty tab-separated fields
 * is a {@link DatasetError} with the file and line; blank lines are allowed only at the end.
 *
 * @example
 * const entityIds = new Map(), relationIds = new Map();
 * parseTriples('a\tr\tb\nb\tr\tc\n', { entityIds, relationIds }); // Int32Array [0, 0, 1, 1, 0, 2]
 */
export function parseTriples(text: string, options: ParseTriplesOptions = {}): Int32Array {
  const fn = 'parseTriples';
  if (typeof text !== 'string') throw new Error(`${fn}: text must be a string, got ${typeof text}`);
  const { source } = options;
  const entityIds = options.entityIds ?? new Map<string, number>();
  const relationIds = options.relationIds ?? new Map<string, number>();
  const unknown = options.unknown ?? 'add';
  if (unknown !== 'add' && unknown !== 'error') throw new Error(`${fn}: unknown must be 'add' or 'error', got ${JSON.stringify(unknown)}`);
  const lines = text.split('\n');
  let end = lines.length;
  while (end > 0 && (lines[end - 1] as string).replace(/\r$/, '') === '') end--;
  const out = new Int32Array(end * 3);
  const id = (map: Map<string, number>, name: string, what: string, line: number): number => {
    let v = map.get(name);
    if (v === undefined) {
      if (unknown === 'error') throw new DatasetError(fn, `unknown ${what} ${JSON.stringify(name)}`, { source, line });
      v = map.size;
      map.set(name, v);
    }
    return v;
  };
  for (let i = 0; i < end; i++) {
    let raw = lines[i] as string;
    if (raw.endsWith('\r')) raw = raw.slice(0, -1);
    const a = raw.indexOf('\t');
    const b = a < 0 ? -1 : raw.indexOf('\t', a + 1);
    const extra = b < 0 ? -1 : raw.indexOf('\t', b + 1);
    if (a < 0 || b < 0 || extra >= 0) {
      const n = raw === '' ? 0 : raw.split('\t').length;
      throw new DatasetError(fn, `expected 3 tab-separated fields (head, relation, tail), got ${n}`, { source, line: i + 1 });
    }
    const h = raw.slice(0, a);
    const r = raw.slice(a + 1, b);
    const t = raw.slice(b + 1);
    if (h === '' || r === '' || t === '') throw new DatasetError(fn, 'empty field in a triple', { source, line: i + 1 });
    out[3 * i] = id(entityIds, h, 'entity', i + 1);
    out[3 * i + 1] = id(relationIds, r, 'relation', i + 1);
    out[3 * i + 2] = id(entityIds, t, 'entity', i + 1);
  }
  return out;
}

/** The texts of the three split files, and optionally their names for errors. */
export interface KnowledgeGraphTexts {
  train: string;
  valid: string;
  test: string;
}

/**
 * Builds a {@link KnowledgeGraph} from the texts of `train.txt`, `valid.txt`, `test.txt`.
 * `sources` names the files in errors (default the split's file name).
 *
 * @example
 * const kg = buildKnowledgeGraph({ train: 'a\tr\tb\n', valid: 'b\tr\tc\n', test: 'a\ts\tc\n' });
 * kg.entities; // ['a', 'b', 'c']
 * kg.test;     // Int32Array [0, 1, 2]
 */
export function buildKnowledgeGraph(texts: KnowledgeGraphTexts, sources: Partial<Record<KgSplit, string>> = {}): KnowledgeGraph {
  if (texts === null || typeof texts !== 'object') throw new Error(`buildKnowledgeGraph: texts must be an object with train, valid, test`);
  const entityIds = new Map<string, number>();
  const relationIds = new Map<string, number>();
  const split = {} as Record<KgSplit, Int32Array>;
  for (const s of KG_SPLITS) {
    if (typeof texts[s] !== 'string') throw new Error(`buildKnowledgeGraph: texts.${s} must be a string, got ${typeof texts[s]}`);
    split[s] = parseTriples(texts[s], { source: sources[s] ?? `${s}.txt`, entityIds, relationIds });
  }
  return {
    entities: [...entityIds.keys()],
    relations: [...relationIds.keys()],
    entityIds,
    relationIds,
    train: split.train,
    valid: split.valid,
    test: split.test,
  };
}

/**
 * The name of relation id `id`, counting reciprocals: ids ≥ `relations.length` are `**name`.
 *
 * @example
 * relationName(kg, kg.relations.length); // '**' + kg.relations[0]
 */
export function relationName(kg: Pick<KnowledgeGraph, 'relations'>, id: number): string {
  const R = kg.relations.length;
  if (!Number.isInteger(id) || id < 0 || id >= 2 * R) throw new Error(`relationName: id must be an integer in [0, ${2 * R}), got ${id}`);
  return id < R ? (kg.relations[id] as string) : `**${kg.relations[id - R] as string}`;
}

/**
 * The id of a relation name, `**name` giving the reciprocal's id (`r + relations.length`); undefined when
 * unknown.
 *
 * @example
 * relationId(kg, '**' + kg.relations[2]); // 2 + kg.relations.length
 */
export function relationId(kg: Pick<KnowledgeGraph, 'relations' | 'relationIds'>, name: string): number | undefined {
  if (name.startsWith('**')) {
    const r = kg.relationIds.get(name.slice(2));
    return r === undefined ? undefined : r + kg.relations.length;
  }
  return kg.relationIds.get(name);
}

/**
 * The triples followed by their reciprocals `(t, r + numRelations, h)`, so a graph can be walked
 * both ways and head prediction becomes tail prediction.
 *
 * @example
 * withReciprocals(Int32Array.from([0, 0, 1]), 2); // Int32Array [0, 0, 1, 1, 2, 0]
 */
export function withReciprocals(triples: Int32Array, numRelations: number): Int32Array {
  if (!(triples instanceof Int32Array) || triples.length % 3 !== 0) throw new Error('withReciprocals: triples must be an Int32Array of n × 3');
  if (!Number.isInteger(numRelations) || numRelations < 1) throw new Error(`withReciprocals: numRelations must be an integer >= 1, got ${numRelations}`);
  const n = triples.length / 3;
  const out = new Int32Array(6 * n);
  out.set(triples);
  for (let i = 0; i < n; i++) {
    out[3 * (n + i)] = triples[3 * i + 2] as number;
    out[3 * (n + i) + 1] = (triples[3 * i + 1] as number) + numRelations;
    out[3 * (n + i) + 2] = triples[3 * i] as number;
  }
  return out;
}

/** Concatenates triple arrays (e.g. train, valid and test for the full graph). */
export function concatTriples(...parts: Int32Array[]): Int32Array {
  const out = new Int32Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The triples as text, one `head<TAB>relation<TAB>tail` line each (reciprocal ids written `**r`). */
export function writeTriples(kg: Pick<KnowledgeGraph, 'entities' | 'relations'>, triples: Int32Array): string {
  const lines: string[] = [];
  for (let i = 0; i + 2 < triples.length; i += 3) {
    lines.push(`${kg.entities[triples[i] as number]}\t${relationName(kg, triples[i + 1] as number)}\t${kg.entities[triples[i + 2] as number]}\n`);
  }
  return lines.join('');
}
