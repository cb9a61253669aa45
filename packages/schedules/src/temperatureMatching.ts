import { checkEvent, checkNumber, checkOptions } from './schedule.js';
import type { Schedule } from './schedule.js';

/** Options of {@link temperatureMatching} and {@link temperatureMatchingStep}. */
export interface TemperatureMatchingOptions {
  /** The temperature τ > 0 that β rises towards. Required. */
  tau: number;
  /** The rate γ > 0 per update event. Default 0.008 (the paper's runs). */
  gamma?: number;
  /** β at k = 0, finite and ≥ 0. Default 0. */
  start?: number;
}

/**
 * Temperature matching (Friede & Niepert 2021): the Gumbel noise scale β rises from `start` towards
 * the temperature τ, `β_k = τ − (τ − start)·e^{−γk}`, the closed form of the update
 * `β ← τ − (τ − β)·e^{−γ}` applied at each update event (see {@link temperatureMatchingStep}).
 *
 * @example
 * ```ts
 * import { temperatureMatching } from '@dccg/schedules';
 * const beta = temperatureMatching({ tau: 1 });   // gamma 0.008, start 0
 * beta(0);   // 0
 * beta(500); // 1 − e^{−4} ≈ 0.982
 * ```
 */
export function temperatureMatching(options: TemperatureMatchingOptions): Schedule {
  const fn = 'temperatureMatching';
  const { tau, gamma, start } = read(fn, options);
  return (k: number) => {
    checkEvent(fn, k);
    return tau - (tau - start) * Math.exp(-gamma * k);
  };
}

/**
 * One update event of temperature matching: `τ − (τ − β)·e^{−γ}`. For a loop that keeps β itself
 * rather than the event count; it agrees with {@link temperatureMatching} to rounding.
 *
 * @example
 * ```ts
 * import { temperatureMatchingStep } from '@dccg/schedules';
 * let beta = 0;
 * beta = temperatureMatchingStep(beta, { tau: 1 }); // 1 − e^{−0.008}
 * ```
 */
export function temperatureMatchingStep(beta: number, options: Omit<TemperatureMatchingOptions, 'start'>): number {
  const fn = 'temperatureMatchingStep';
  checkNumber(fn, 'beta', beta, (v) => v >= 0, 'a finite number >= 0');
  const { tau, gamma } = read(fn, options);
  return tau - (tau - beta) * Math.exp(-gamma);
}

function read(fn: string, options: TemperatureMatchingOptions): Required<TemperatureMatchingOptions> {
  checkOptions(fn, options, 'tau, gamma, start');
  const { tau, gamma = 0.008, start = 0 } = options;
  checkNumber(fn, 'tau', tau, (v) => v > 0, 'a finite number > 0');
  checkNumber(fn, 'gamma', gamma, (v) => v > 0, 'a finite number > 0');
  checkNumber(fn, 'start', start, (v) => v >= 0, 'a finite number >= 0');
  return { tau, gamma, start };
}
