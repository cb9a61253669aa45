/**
 * A scalar as a function of the update-event count `k ≥ 0` (see {@link UpdateTicker}): β of
 * temperature matching, α of DROPRES, τ annealing. Schedules are plain functions, so they compose
 * and serialize as their parameters.
 *
 * @example
 * ```ts
 * import type { Schedule } from '@dccg/schedules';
 * const half: Schedule = (k) => 0.5 ** k;
 * ```
 */
export type Schedule = (k: number) => number;

/** Throws unless `k` is a finite number ≥ 0; internal to the schedules. */
export function checkEvent(fn: string, k: unknown): number {
  if (typeof k !== 'number' || !Number.isFinite(k) || k < 0) {
    throw new Error(`${fn}: the event count k must be a finite number >= 0, got ${String(k)}`);
  }
  return k;
}

/** Throws unless `value` is a finite number satisfying `ok`; internal to the schedules. */
export function checkNumber(fn: string, name: string, value: unknown, ok: (v: number) => boolean, expected: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || !ok(value)) {
    throw new Error(`${fn}: ${name} must be ${expected}, got ${String(value)}`);
  }
  return value;
}

/** Throws unless `options` is an object; internal to the schedules. */
export function checkOptions(fn: string, options: unknown, fields: string): void {
  if (typeof options !== 'object' || options === null) {
    throw new Error(`${fn}: options must be an object { ${fields} }, got ${String(options)}`);
  }
}
