import type { SeedOrRandom, RandomSource } from '../random.js';
import { toRandom } from '../random.js';
import type { ListOpsExample } from './listOpsExample.js';
import { listOpsExample } from './listOpsExample.js';
import type { ListOpsOperator, ListOpsVariant } from './vocabulary.js';
import { LISTOPS_OPERATORS, operatorToken } from './vocabulary.js';

/** Options of {@link generateListOps}. */
export interface GenerateListOpsOptions {
  /** How many examples (required, ≥ 0). */
  count: number;
  /** A seed or a {@link RandomSource} (required). */
  seed: SeedOrRandom;
  /** `'paper'` (MIN, MAX, MED; default) or `'nangia'` (adds SM). */
  variant?: ListOpsVariant;
  /**
   * Exact depth (an integer ≥ 1) or an inclusive range `[min, max]`, from which each example's depth
   * is drawn uniformly. Default `[1, 5]`.
   */
  depth?: number | readonly [number, number];
  /** Fewest arguments per operator (default 2). */
  minArgs?: number;
  /** Most arguments per operator (default 5). */
  maxArgs?: number;
  /**
   * Probability that an argument which is not on the path forced to the target depth is itself a
   * sub-expression (of a depth drawn uniformly below the remaining depth) instead of a digit.
   * Default 0.25. The forced path guarantees the exact depth; this controls the size.
   */
  branchProbability?: number;
  /** Longest expression in tokens; longer draws are rejected and redrawn (default: no limit). */
  maxLength?: number;
  /** Shortest expression in tokens; shorter draws are rejected and redrawn (default: no limit). */
  minLength?: number;
  /** Expressions to leave out (e.g. those of another split), as space-joined strings. Each generated expression is added to it. */
  exclude?: Set<string>;
  /** Draw distinct expressions (default false; true when `exclude` is given). */
  unique?: boolean;
  /** Redraws allowed per example before giving up with an error (default 1000). */
  maxAttempts?: number;
}

function checkInt(fn: string, name: string, v: unknown, min: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) {
    throw new Error(`${fn}: ${name} must be an integer >= ${min}, got ${String(v)}`);
  }
  return v;
}

/**
 * Draws ListOps prefix expressions of a given depth (exact or a range), seeded and deterministic.
 * Every operator gets `minArgs..maxArgs` arguments; one argument of each operator above the target
 * depth is forced to be a sub-expression one level shallower, so the depth is exact; the others are
 * digits or, with `branchProbability`, smaller sub-expressions.
 *
 * @example
 * const train = generateListOps({ count: 1000, depth: [1, 5], seed: 7 });
 * train[0].tokens; // e.g. ['[MAX', '3', '[MIN', '8', '1', ']', ']']
 * generateListOps({ count: 10, depth: 8, variant: 'nangia', seed: 1 }).every((e) => e.depth === 8); // true
 */
export function generateListOps(options: GenerateListOpsOptions): ListOpsExample[] {
  const fn = 'generateListOps';
  if (options === null || typeof options !== 'object') throw new Error(`${fn}: options must be an object, got ${String(options)}`);
  const count = checkInt(fn, 'count', options.count, 0);
  const rng = toRandom(fn, options.seed);
  const variant = options.variant ?? 'paper';
  const operators = LISTOPS_OPERATORS[variant];
  if (!operators) throw new Error(`${fn}: variant must be 'paper' or 'nangia', got ${JSON.stringify(variant)}`);
  const [dMin, dMax] = parseDepth(fn, options.depth ?? [1, 5]);
  const minArgs = checkInt(fn, 'minArgs', options.minArgs ?? 2, 1);
  const maxArgs = checkInt(fn, 'maxArgs', options.maxArgs ?? 5, 1);
  if (maxArgs < minArgs) throw new Error(`${fn}: maxArgs must be >= minArgs (${minArgs}), got ${maxArgs}`);
  const p = options.branchProbability ?? 0.25;
  if (typeof p !== 'number' || !(p >= 0 && p < 1)) throw new Error(`${fn}: branchProbability must be in [0, 1), got ${String(p)}`);
  const maxLength = options.maxLength === undefined ? Infinity : checkInt(fn, 'maxLength', options.maxLength, 1);
  const minLength = options.minLength === undefined ? 0 : checkInt(fn, 'minLength', options.minLength, 1);
  // The smallest expression of depth d: d operators, d brackets, minArgs arguments each (one of them
  // the next operator down), which is d(minArgs + 1) + 1 tokens.
  const shortest = (d: number): number => d * (minArgs + 1) + 1;
  if (shortest(dMin) > maxLength) {
    throw new Error(`${fn}: maxLength ${maxLength} is below the shortest expression of depth ${dMin} (${shortest(dMin)} tokens)`);
  }
  const maxAttempts = checkInt(fn, 'maxAttempts', options.maxAttempts ?? 1000, 1);
  const exclude = options.exclude;
  const unique = options.unique ?? exclude !== undefined;
  const seen = unique ? (exclude ?? new Set<string>()) : undefined;

  const out: ListOpsExample[] = [];
  for (let e = 0; e < count; e++) {
    const depth = dMin + rng.nextInt(dMax - dMin + 1);
    let tokens: string[] | undefined;
    for (let attempt = 0; attempt < maxAttempts; attempt++) {
      const t: string[] = [];
      emit(t, depth, rng, operators, minArgs, maxArgs, p, maxLength);
      if (t.length > maxLength || t.length < minLength) continue;
      if (seen) {
        const key = t.join(' ');
        if (seen.has(key)) continue;
        seen.add(key);
      }
      tokens = t;
      break;
    }
    if (!tokens) {
      throw new Error(
        `${fn}: no acceptable expression of depth ${depth} after ${maxAttempts} attempts (example ${e + 1} of ${count}); ` +
          `relax maxLength/minLength, or ask for fewer unique examples`,
      );
    }
    out.push(listOpsExample(tokens, { fn }));
  }
  return out;
}

function parseDepth(fn: string, depth: number | readonly [number, number]): [number, number] {
  if (typeof depth === 'number') {
    checkInt(fn, 'depth', depth, 1);
    return [depth, depth];
  }
  if (!Array.isArray(depth) || depth.length !== 2) {
    throw new Error(`${fn}: depth must be an integer >= 1 or a range [min, max], got ${JSON.stringify(depth)}`);
  }
  const [a, b] = depth as [number, number];
  checkInt(fn, 'depth[0]', a, 1);
  checkInt(fn, 'depth[1]', b, 1);
  if (b < a) throw new Error(`${fn}: depth range must have min <= max, got [${a}, ${b}]`);
  return [a, b];
}

function emit(
  out: string[],
  depth: number,
  rng: RandomSource,
  operators: readonly ListOpsOperator[],
  minArgs: number,
  maxArgs: number,
  p: number,
  maxLength: number,
): void {
  out.push(operatorToken(operators[rng.nextInt(operators.length)] as ListOpsOperator));
  const k = minArgs + rng.nextInt(maxArgs - minArgs + 1);
  const forced = depth > 1 ? rng.nextInt(k) : -1;
  for (let i = 0; i < k; i++) {
    // Past the length limit the draw will be rejected anyway; stop growing it.
    if (out.length > maxLength) return;
    if (i === forced) emit(out, depth - 1, rng, operators, minArgs, maxArgs, p, maxLength);
    else if (depth > 1 && rng.nextFloat() < p) emit(out, 1 + rng.nextInt(depth - 1), rng, operators, minArgs, maxArgs, p, maxLength);
    else out.push(String(rng.nextInt(10)));
  }
  out.push(']');
}
