import { checkEvent, checkNumber, checkOptions } from './schedule.js';
import type { Schedule } from './schedule.js';

/** Options of {@link cosine}. */
export interface CosineOptions {
  /** The value at k = 0. Required. */
  from: number;
  /** The value at k = events and after. Required. */
  to: number;
  /** How many update events the half cosine takes, > 0. Required. */
  events: number;
}

/**
 * Half-cosine interpolation from `from` to `to` over `events` update events, then `to`:
 * `to + (from − to)·(1 + cos(πk/events))/2`.
 *
 * @example
 * ```ts
 * import { cosine } from '@dccg/schedules';
 * const tau = cosine({ from: 2, to: 0.5, events: 100 });
 * tau(50);  // 1.25
 * ```
 */
export function cosine(options: CosineOptions): Schedule {
  const fn = 'cosine';
  checkOptions(fn, options, 'from, to, events');
  const { from, to, events } = options;
  checkNumber(fn, 'from', from, () => true, 'a finite number');
  checkNumber(fn, 'to', to, () => true, 'a finite number');
  checkNumber(fn, 'events', events, (v) => v > 0, 'a finite number > 0');
  return (k: number) => {
    checkEvent(fn, k);
    if (k >= events) return to;
    return to + ((from - to) * (1 + Math.cos((Math.PI * k) / events))) / 2;
  };
}
