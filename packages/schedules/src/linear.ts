import { checkEvent, checkNumber, checkOptions } from './schedule.js';
import type { Schedule } from './schedule.js';

/** Options of {@link linear}. */
export interface LinearOptions {
  /** The value at k = 0. Required. */
  from: number;
  /** The value it moves towards and then stays at. Required. */
  to: number;
  /** How far it moves per update event, ≥ 0 (towards `to`, whichever side that is). Required. */
  step: number;
}

/**
 * A linear ramp from `from` towards `to` by `step` per update event, clamped at `to`: DROPRES'
 * α from 0 to 1 by 1/500 or 1/200 per event in the paper's runs.
 *
 * @example
 * ```ts
 * import { linear } from '@dccg/schedules';
 * const alpha = linear({ from: 0, to: 1, step: 1 / 200 });
 * alpha(100); // 0.5
 * alpha(900); // 1
 * ```
 */
export function linear(options: LinearOptions): Schedule {
  const fn = 'linear';
  checkOptions(fn, options, 'from, to, step');
  const { from, to, step } = options;
  checkNumber(fn, 'from', from, () => true, 'a finite number');
  checkNumber(fn, 'to', to, () => true, 'a finite number');
  checkNumber(fn, 'step', step, (v) => v >= 0, 'a finite number >= 0');
  const span = Math.abs(to - from);
  const dir = Math.sign(to - from);
  return (k: number) => {
    checkEvent(fn, k);
    const moved = step * k;
    return moved >= span ? to : from + dir * moved;
  };
}
