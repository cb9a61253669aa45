import { checkEvent, checkNumber, checkOptions } from './schedule.js';
import type { Schedule } from './schedule.js';

/** Options of {@link exponential}. */
export interface ExponentialOptions {
  /** The value at k = 0. Required. */
  from: number;
  /** The decay rate r ≥ 0 per update event. Required. */
  rate: number;
  /** The value it never goes below. Default 0. */
  floor?: number;
}

/**
 * Exponential decay with a floor, `max(floor, from·e^{−rate·k})`: the τ annealing of Jang et al.
 * (2017), `τ = max(0.5, e^{−rt})`.
 *
 * @example
 * ```ts
 * import { exponential } from '@dccg/schedules';
 * const tau = exponential({ from: 1, rate: 1e-3, floor: 0.5 });
 * tau(0);    // 1
 * tau(1e4);  // 0.5
 * ```
 */
export function exponential(options: ExponentialOptions): Schedule {
  const fn = 'exponential';
  checkOptions(fn, options, 'from, rate, floor');
  const { from, rate, floor = 0 } = options;
  checkNumber(fn, 'from', from, () => true, 'a finite number');
  checkNumber(fn, 'rate', rate, (v) => v >= 0, 'a finite number >= 0');
  checkNumber(fn, 'floor', floor, () => true, 'a finite number');
  return (k: number) => {
    checkEvent(fn, k);
    return Math.max(floor, from * Math.exp(-rate * k));
  };
}
