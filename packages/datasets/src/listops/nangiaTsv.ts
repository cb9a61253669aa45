import { DatasetError } from '../DatasetError.js';
import type { ListOpsExample } from './listOpsExample.js';
import { listOpsExample } from './listOpsExample.js';
import type { ReadListOpsOptions } from './paperJson.js';

/** Options of {@link writeNangiaTsv}. */
export interface WriteNangiaTsvOptions {
  /**
   * Write the extra `(` `)` of Nangia & Bowman's original files, which bracket every operator's
   * arguments as a left-branching binary tree (`( ( [MAX 2 ) 9 ) ] )`...). Default false.
   */
  parens?: boolean;
}

/**
 * Writes Nangia & Bowman's TSV: one `label<TAB>expression` line per example.
 *
 * @example
 * writeNangiaTsv([listOpsExample('[MAX 2 9 ]')], { parens: true }); // '9\t( ( ( [MAX 2 ) 9 ) ] )\n'
 */
export function writeNangiaTsv(examples: readonly ListOpsExample[], options: WriteNangiaTsvOptions = {}): string {
  if (!Array.isArray(examples)) throw new Error(`writeNangiaTsv: examples must be an array, got ${typeof examples}`);
  const lines = examples.map((ex) => `${ex.value}\t${options.parens ? withParens(ex.tokens) : ex.tokens.join(' ')}\n`);
  return lines.join('');
}

// Nangia's to_string: an operator node is ((((op a0) a1) …) ]), every pair wrapped in "( … )".
function withParens(tokens: readonly string[]): string {
  let i = 0;
  const node = (): string => {
    const tok = tokens[i++] as string;
    if (!tok.startsWith('[')) return tok;
    let s = tok;
    while (tokens[i] !== ']') s = `( ${s} ${node()} )`;
    i++;
    return `( ${s} ] )`;
  };
  return node();
}

/**
 * Reads Nangia & Bowman's TSV (`label<TAB>expression`, with or without the original's extra
 * parentheses; an LRA-style `Source<TAB>Target` header swaps the columns). Every line is checked: two
 * fields, a label 0..9, a well-formed expression whose value equals the label. Anything else is a
 * {@link DatasetError} naming the file and the line. Blank lines are allowed only at the end.
 *
 * @example
 * readNangiaTsv('9\t( ( ( [MAX 2 ) 9 ) ] )\n')[0].value; // 9
 */
export function readNangiaTsv(text: string, options: ReadListOpsOptions = {}): ListOpsExample[] {
  const fn = 'readNangiaTsv';
  if (typeof text !== 'string') throw new Error(`${fn}: text must be a string, got ${typeof text}`);
  const source = options.source;
  const lines = text.split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const out: ListOpsExample[] = [];
  let labelCol = 0;
  for (let k = 0; k < lines.length; k++) {
    const line = k + 1;
    const raw = lines[k] as string;
    const fail = (detail: string): never => {
      throw new DatasetError(fn, detail, { source, line });
    };
    if (k === 0 && /^source\ttarget$/i.test(raw.trim())) {
      labelCol = 1;
      continue;
    }
    if (raw.trim() === '') fail('blank line');
    const fields = raw.split('\t');
    if (fields.length !== 2) fail(`expected 2 tab-separated fields (label, expression), got ${fields.length}`);
    const label = (fields[labelCol] as string).trim();
    const expr = fields[1 - labelCol] as string;
    if (!/^[0-9]$/.test(label)) fail(`label ${JSON.stringify(label)} is not a digit 0-9`);
    let ex: ListOpsExample;
    try {
      ex = listOpsExample(expr, { fn });
    } catch (err) {
      return fail(err instanceof DatasetError ? err.detail : String(err));
    }
    if (ex.value !== Number(label)) fail(`label ${label} disagrees with the expression's value ${ex.value}`);
    out.push(ex);
  }
  return out;
}
