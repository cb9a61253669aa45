import { checkEvent } from './schedule.js';
import type { Schedule } from './schedule.js';

/** One segment of {@link piecewise}: `schedule` holds for event counts below `until`. */
export interface PiecewiseSegment {
  /** The event count at which this segment ends (exclusive); omitted on the last segment only. */
  until?: number;
  /** The schedule of this segment; it sees k counted from the segment's own start. */
  schedule: Schedule;
}

/**
 * Schedules one after another: segment i holds for `until_{i−1} ≤ k < until_i`, and is called with
 * `k − until_{i−1}` (its own event count, as optax's `join_schedules`), so a segment starts at its
 * own `k = 0`. The last segment has no `until` and holds for ever.
 *
 * @example
 * ```ts
 * import { constant, linear, piecewise } from '@dccg/schedules';
 * // α stays 0 for 100 events (warm-up, fully continuous), then rises by 1/200 per event.
 * const alpha = piecewise([
 *   { until: 100, schedule: constant(0) },
 *   { schedule: linear({ from: 0, to: 1, step: 1 / 200 }) },
 * ]);
 * alpha(50);  // 0
 * alpha(200); // 0.5
 * ```
 */
export function piecewise(segments: PiecewiseSegment[]): Schedule {
  const fn = 'piecewise';
  if (!Array.isArray(segments) || segments.length === 0) {
    throw new Error(`${fn}: segments must be a non-empty array of { until, schedule }, got ${JSON.stringify(segments)}`);
  }
  let previous = 0;
  segments.forEach((s, i) => {
    if (typeof s !== 'object' || s === null || typeof s.schedule !== 'function') {
      throw new Error(`${fn}: segments[${i}].schedule must be a function (k) => number, got ${s === null ? 'null' : typeof s?.schedule}`);
    }
    const last = i === segments.length - 1;
    if (last && s.until !== undefined) {
      throw new Error(`${fn}: the last segment must have no until (it holds for ever), got until ${String(s.until)}`);
    }
    if (!last) {
      if (typeof s.until !== 'number' || !Number.isFinite(s.until) || s.until <= previous) {
        throw new Error(`${fn}: segments[${i}].until must be a finite number > ${previous} (increasing), got ${String(s.until)}`);
      }
      previous = s.until;
    }
  });
  const bounds = segments.map((s) => s.until ?? Infinity);
  const fns = segments.map((s) => s.schedule);
  return (k: number) => {
    checkEvent(fn, k);
    let begin = 0;
    for (let i = 0; i < bounds.length; i++) {
      if (k < bounds[i]!) return fns[i]!(k - begin);
      begin = bounds[i]!;
    }
    // Unreachable: the last bound is Infinity.
    return fns[fns.length - 1]!(k - begin);
  };
}
