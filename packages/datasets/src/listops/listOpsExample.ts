import { DatasetError } from '../DatasetError.js';
import type { ListOpsOperator } from './vocabulary.js';
import { LISTOPS_TOKEN_IDS, applyListOpsOperator } from './vocabulary.js';

/**
 * One ListOps expression with everything the paper's model and metrics need. Arrays are aligned with
 * `tokens` (length n).
 *
 * - `ids`: token ids in {@link LISTOPS_TOKENS}.
 * - `parents`: the parent of every token: −1 for the root operator; an argument (digit or operator)
 *   points to the operator it is an argument of; a closing bracket to the operator it closes.
 *   (The paper's `adj`.)
 * - `values`: the value of the sub-expression rooted at each token: an operator its result, a digit
 *   itself, −1 on closing brackets. (The paper's `inter`.)
 * - `isOperator`: 1 on operator tokens (the paper's `inter_mask`), else 0.
 * - `value`: the expression's value (`values[0]`); `depth`: operator nesting depth (one operator
 *   over digits has depth 1).
 */
export interface ListOpsExample {
  readonly tokens: readonly string[];
  readonly ids: Int32Array;
  readonly value: number;
  readonly parents: Int32Array;
  readonly values: Int32Array;
  readonly isOperator: Uint8Array;
  readonly depth: number;
}

/** Where a parsed expression came from, so errors can name it. */
export interface ListOpsContext {
  /** The function to name in errors (default `'listOpsExample'`). */
  fn?: string;
  /** The file (or other source) name. */
  source?: string;
  /** The line (1-based) or record number. */
  line?: number;
}

const OPS: Record<string, ListOpsOperator> = { '[MIN': 'MIN', '[MAX': 'MAX', '[MED': 'MED', '[SM': 'SM' };

/**
 * Builds a {@link ListOpsExample} from tokens (or a space-separated expression), checking that it is
 * one well-formed prefix expression: every operator closed, at least one argument each, nothing after
 * the root closes. Nangia's extra `(` `)` grouping tokens are dropped. Throws a {@link DatasetError}
 * naming the source, the line and the token position otherwise.
 *
 * @example
 * const ex = listOpsExample('[MAX 2 [MIN 4 7 ] 0 ]');
 * ex.value;   // 4
 * ex.parents; // Int32Array [-1, 0, 0, 2, 2, 2, 0, 0]
 * ex.values;  // Int32Array [4, 2, 4, 4, 7, -1, 0, -1]
 */
export function listOpsExample(expression: string | readonly string[], context: ListOpsContext = {}): ListOpsExample {
  const fn = context.fn ?? 'listOpsExample';
  const fail = (detail: string): never => {
    throw new DatasetError(fn, detail, { source: context.source, line: context.line });
  };
  let raw: readonly string[];
  if (typeof expression === 'string') raw = expression.trim().split(/\s+/);
  else if (Array.isArray(expression)) raw = expression;
  else return fail(`expression must be a string or an array of tokens, got ${typeof expression}`);
  const tokens = raw.filter((t) => t !== '(' && t !== ')' && t !== '');
  const n = tokens.length;
  if (n === 0) return fail('empty expression');
  const ids = new Int32Array(n);
  const parents = new Int32Array(n);
  const values = new Int32Array(n).fill(-1);
  const isOperator = new Uint8Array(n);
  // Each open operator: its token index and the values of its arguments so far.
  const stack: { at: number; op: ListOpsOperator; args: number[] }[] = [];
  let depth = 0;
  let rootClosed = false;
  for (let i = 0; i < n; i++) {
    const tok = tokens[i] as string;
    const id = LISTOPS_TOKEN_IDS[tok];
    if (id === undefined) return fail(`token ${i + 1} ${JSON.stringify(tok)} is not a ListOps token (digits 0-9, [MIN, [MAX, [MED, [SM, ])`);
    if (rootClosed) return fail(`token ${i + 1} ${JSON.stringify(tok)} follows the end of the expression`);
    ids[i] = id;
    const top = stack[stack.length - 1];
    parents[i] = top ? top.at : -1;
    const op = OPS[tok];
    if (op !== undefined) {
      isOperator[i] = 1;
      stack.push({ at: i, op, args: [] });
      if (stack.length > depth) depth = stack.length;
    } else if (tok === ']') {
      if (!top) return fail(`token ${i + 1} "]" closes nothing`);
      if (top.args.length === 0) return fail(`token ${i + 1} "]" closes ${tokens[top.at]} (token ${top.at + 1}) with no arguments`);
      stack.pop();
      const v = applyListOpsOperator(top.op, top.args);
      values[top.at] = v;
      const outer = stack[stack.length - 1];
      if (outer) outer.args.push(v);
      else rootClosed = true;
    } else {
      if (!top) return fail(`token ${i + 1} ${JSON.stringify(tok)}: an expression must start with an operator`);
      const v = id - 4;
      values[i] = v;
      top.args.push(v);
    }
  }
  if (stack.length > 0) {
    const open = stack[stack.length - 1] as { at: number };
    return fail(`unbalanced: ${stack.length} operator(s) not closed, the innermost ${tokens[open.at]} at token ${open.at + 1}`);
  }
  return { tokens, ids, value: values[0] as number, parents, values, isOperator, depth };
}

/**
 * The value of a ListOps expression (string or tokens), e.g. `evaluateListOps('[SM 7 [MAX 4 5 ] ]')` is 2.
 * Throws a {@link DatasetError} on a malformed expression.
 *
 * @example
 * evaluateListOps('[MED 3 6 0 6 ]'); // 4
 */
export function evaluateListOps(expression: string | readonly string[], context: ListOpsContext = {}): number {
  return listOpsExample(expression, { fn: 'evaluateListOps', ...context }).value;
}

/** The expression as one space-separated string, as the paper's `ex` field. */
export function listOpsExpression(example: Pick<ListOpsExample, 'tokens'>): string {
  return example.tokens.join(' ');
}
