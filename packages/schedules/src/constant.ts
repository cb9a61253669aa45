import { checkEvent, checkNumber } from './schedule.js';
import type { Schedule } from './schedule.js';

/**
 * The same value at every update event (β = 1 without temperature matching, α = 1 without DROPRES).
 *
 * @example
 * ```ts
 * import { constant } from '@dccg/schedules';
 * const beta = constant(1);
 * beta(123); // 1
 * ```
 */
export function constant(value: number): Schedule {
  checkNumber('constant', 'value', value, () => true, 'a finite number');
  return (k: number) => {
    checkEvent('constant', k);
    return value;
  };
}
