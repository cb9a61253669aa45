import { DatasetError } from '../DatasetError.js';
import type { ListOpsExample } from './listOpsExample.js';
import { listOpsExample } from './listOpsExample.js';
import { groupByLength } from './batching.js';

/** One record of the paper's JSON layout. */
export interface PaperJsonRecord {
  ex: string;
  target: number;
  adj: number[];
  inter: number[];
  inter_mask: number[];
}

/**
 * Writes examples in the paper's JSON layout: an object keyed by sequence length, each an object keyed
 * by the example's index within that length (`"0"`, `"1"`, …), each record
 * `{ ex, target, adj, inter, inter_mask }` (`adj` = parents, `inter` = values with −1 on closing
 * brackets, `inter_mask` = 1 on operators). One record per line, so a diff or an error is readable.
 *
 * @example
 * const text = writePaperJson(generateListOps({ count: 100, seed: 1 }));
 * readPaperJson(text).length; // 100
 */
export function writePaperJson(examples: readonly ListOpsExample[]): string {
  if (!Array.isArray(examples)) throw new Error(`writePaperJson: examples must be an array, got ${typeof examples}`);
  const groups: string[] = [];
  for (const [len, group] of groupByLength(examples)) {
    const recs = group.map((ex, i) => {
      const rec: PaperJsonRecord = {
        ex: ex.tokens.join(' '),
        target: ex.value,
        adj: Array.from(ex.parents),
        inter: Array.from(ex.values),
        inter_mask: Array.from(ex.isOperator),
      };
      return `${JSON.stringify(String(i))}: ${JSON.stringify(rec)}`;
    });
    groups.push(`${JSON.stringify(String(len))}: {\n${recs.join(',\n')}\n}`);
  }
  return `{\n${groups.join(',\n')}\n}\n`;
}

/** Options of {@link readPaperJson}. */
export interface ReadListOpsOptions {
  /** File name to put in errors. */
  source?: string;
}

/**
 * Reads the paper's JSON layout (see {@link writePaperJson}) and checks every record against its
 * expression: the length key, `target`, `adj`, `inter` and `inter_mask` must all agree with what the
 * evaluator computes, or a {@link DatasetError} names the file, the line, the record and the field.
 * Examples come back by ascending length, then index (JSON objects enumerate integer keys that way).
 *
 * @example
 * readPaperJson('{"6": {"0": {"ex": "[MED 3 6 0 6 ]", "target": 4, "adj": [-1,0,0,0,0,0], "inter": [4,3,6,0,6,-1], "inter_mask": [1,0,0,0,0,0]}}}')[0].value; // 4
 */
export function readPaperJson(text: string, options: ReadListOpsOptions = {}): ListOpsExample[] {
  const fn = 'readPaperJson';
  const source = options.source;
  if (typeof text !== 'string') throw new Error(`${fn}: text must be a string, got ${typeof text}`);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    const pos = /position (\d+)/.exec(msg);
    const line = pos ? lineOf(text, Number(pos[1])) : undefined;
    throw new DatasetError(fn, `not valid JSON (${msg})`, { source, line });
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new DatasetError(fn, 'expected an object keyed by sequence length', { source });
  }
  const out: ListOpsExample[] = [];
  for (const [lenKey, group] of Object.entries(data as Record<string, unknown>)) {
    const len = Number(lenKey);
    if (!Number.isInteger(len) || len < 1) throw new DatasetError(fn, `length key ${JSON.stringify(lenKey)} is not a positive integer`, { source, line: findLine(text, lenKey) });
    if (group === null || typeof group !== 'object' || Array.isArray(group)) {
      throw new DatasetError(fn, `length ${lenKey}: expected an object of records`, { source, line: findLine(text, lenKey) });
    }
    for (const [idx, rec] of Object.entries(group as Record<string, unknown>)) {
      const at = `length ${lenKey} record ${JSON.stringify(idx)}`;
      const r = rec as Partial<PaperJsonRecord> | null;
      // The line is looked up only for an error: searching the text for every record would be quadratic.
      const fail = (detail: string): never => {
        const line = r && typeof r === 'object' && typeof r.ex === 'string' ? findLine(text, r.ex) : undefined;
        throw new DatasetError(fn, `${at}: ${detail}`, { source, line });
      };
      if (r === null || typeof r !== 'object') return fail('expected an object');
      for (const f of ['ex', 'target', 'adj', 'inter', 'inter_mask'] as const) if (!(f in r)) fail(`missing field "${f}"`);
      if (typeof r.ex !== 'string') return fail(`"ex" must be a string, got ${typeof r.ex}`);
      let ex: ListOpsExample;
      try {
        ex = listOpsExample(r.ex, { fn });
      } catch (err) {
        return fail(err instanceof DatasetError ? err.detail : String(err));
      }
      if (ex.tokens.length !== len) fail(`"ex" has ${ex.tokens.length} tokens, not the ${len} of its length key`);
      if (r.target !== ex.value) fail(`target ${JSON.stringify(r.target)} disagrees with the expression's value ${ex.value}`);
      checkArray(r.adj, ex.parents, 'adj', fail);
      checkArray(r.inter, ex.values, 'inter', fail);
      checkArray(r.inter_mask, ex.isOperator, 'inter_mask', fail);
      out.push(ex);
    }
  }
  return out;
}

function checkArray(got: unknown, want: ArrayLike<number>, name: string, fail: (d: string) => never): void {
  if (!Array.isArray(got)) fail(`"${name}" must be an array`);
  const g = got as unknown[];
  if (g.length !== want.length) fail(`"${name}" has ${g.length} entries, the expression has ${want.length} tokens`);
  for (let i = 0; i < want.length; i++) {
    if (g[i] !== want[i]) fail(`"${name}"[${i}] is ${JSON.stringify(g[i])}, the expression gives ${want[i]}`);
  }
}

function lineOf(text: string, pos: number): number {
  let line = 1;
  for (let i = 0; i < pos && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function findLine(text: string, needle: string): number | undefined {
  const at = text.indexOf(JSON.stringify(needle));
  return at < 0 ? undefined : lineOf(text, at);
}
