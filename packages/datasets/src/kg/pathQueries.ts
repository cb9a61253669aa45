import { DatasetError } from '../DatasetError.js';
import type { KnowledgeGraph } from './knowledgeGraph.js';
import { relationId, relationName } from './knowledgeGraph.js';

/**
 * A path query `(source, r1 … rk, ?)` with one answer `target`. Relation ids count reciprocals: an id
 * `≥ relations.length` is the inverse `**r` of relation `id − relations.length`.
 */
export interface PathQuery {
  source: number;
  relations: Int32Array;
  target: number;
}

/** Options of {@link readPathQueries}. */
export interface ReadPathQueriesOptions {
  /** File name for errors. */
  source?: string;
}

/**
 * Reads path queries in Guu et al.'s format, one `source<TAB>r1,r2,…,rk<TAB>target` line each, `**`
 * marking an inverse relation. Names are resolved in `kg`'s vocabularies; an unknown entity or
 * relation, a line without three fields or an empty path is a {@link DatasetError} naming the file and line.
 *
 * @example
 * readPathQueries('a\tr,**s\tc\n', kg)[0].relations; // Int32Array [r, s + R]
 */
export function readPathQueries(
  text: string,
  kg: Pick<KnowledgeGraph, 'entityIds' | 'relationIds' | 'relations'>,
  options: ReadPathQueriesOptions = {},
): PathQuery[] {
  const fn = 'readPathQueries';
  if (typeof text !== 'string') throw new Error(`${fn}: text must be a string, got ${typeof text}`);
  const { source } = options;
  const lines = text.split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const out: PathQuery[] = [];
  for (let k = 0; k < lines.length; k++) {
    const fail = (detail: string): never => {
      throw new DatasetError(fn, detail, { source, line: k + 1 });
    };
    const fields = (lines[k] as string).split('\t');
    if (fields.length !== 3) fail(`expected 3 tab-separated fields (source, relations, target), got ${fields.length}`);
    const [s, path, t] = fields as [string, string, string];
    const sid = kg.entityIds.get(s);
    if (sid === undefined) fail(`unknown entity ${JSON.stringify(s)} (source)`);
    const tid = kg.entityIds.get(t);
    if (tid === undefined) fail(`unknown entity ${JSON.stringify(t)} (target)`);
    if (path === '') fail('empty relation path');
    const names = path.split(',');
    const rels = new Int32Array(names.length);
    names.forEach((name, i) => {
      const r = relationId(kg, name);
      if (r === undefined) fail(`unknown relation ${JSON.stringify(name)} (hop ${i + 1})`);
      rels[i] = r as number;
    });
    out.push({ source: sid as number, relations: rels, target: tid as number });
  }
  return out;
}

/**
 * Writes path queries in Guu et al.'s format (see {@link readPathQueries}).
 *
 * @example
 * writePathQueries([{ source: 0, relations: Int32Array.of(0, R), target: 0 }], kg); // 'a\tr,**r\ta\n'
 */
export function writePathQueries(queries: readonly PathQuery[], kg: Pick<KnowledgeGraph, 'entities' | 'relations'>): string {
  if (!Array.isArray(queries)) throw new Error(`writePathQueries: queries must be an array, got ${typeof queries}`);
  const lines = queries.map((q, i) => {
    const s = kg.entities[q.source];
    const t = kg.entities[q.target];
    if (s === undefined || t === undefined) throw new Error(`writePathQueries: query ${i} has an entity id outside [0, ${kg.entities.length})`);
    return `${s}\t${Array.from(q.relations, (r: number) => relationName(kg, r)).join(',')}\t${t}\n`;
  });
  return lines.join('');
}
