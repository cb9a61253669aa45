import { constant, linear, temperatureMatching } from '@dccg/schedules';
import { VARIANTS } from './types.js';
import type { VariantName, VariantOptions, VariantSchedules } from './types.js';

/**
 * The paper's four variants as β (noise scale) and α (DROPRES probability) schedules of the update
 * event count k:
 * - `base`: β = 1, α = 1 (no residual);
 * - `tm`: β = τ(1 − e^{−γk}) (temperature matching), α = 1;
 * - `dropres`: β = 1, α = min(1, k·alphaStep);
 * - `tm+dropres`: both.
 *
 * Options: `tau` (default 1), `gamma` (default 0.008), `alphaStep` (default 1/500).
 *
 * @example
 * ```ts
 * const { beta, alpha } = variantSchedules('tm+dropres', { tau: 1 });
 * beta(0); // 0
 * alpha(250); // 0.5
 * ```
 */
export function variantSchedules(variant: VariantName, options: VariantOptions = {}): VariantSchedules {
  const { tau = 1, gamma = 0.008, alphaStep = 1 / 500 } = options;
  if (!VARIANTS.includes(variant)) {
    throw new Error(`variantSchedules: variant must be one of ${VARIANTS.join(', ')}, got ${String(variant)}`);
  }
  if (!(tau > 0)) throw new Error(`variantSchedules: tau must be > 0, got ${tau}`);
  if (!(gamma > 0)) throw new Error(`variantSchedules: gamma must be > 0, got ${gamma}`);
  if (!(alphaStep > 0 && alphaStep <= 1)) throw new Error(`variantSchedules: alphaStep must be in (0, 1], got ${alphaStep}`);
  const tm = variant === 'tm' || variant === 'tm+dropres';
  const dr = variant === 'dropres' || variant === 'tm+dropres';
  return {
    beta: tm ? temperatureMatching({ tau, gamma }) : constant(1),
    alpha: dr ? linear({ from: 0, to: 1, step: alphaStep }) : constant(1),
  };
}

/**
 * Checks a variant name from user input.
 *
 * @example
 * ```ts
 * parseVariant('tm'); // 'tm'
 * parseVariant('x');  // throws "parseVariant: variant must be one of base, tm, dropres, tm+dropres, got x"
 * ```
 */
export function parseVariant(value: string): VariantName {
  if (!(VARIANTS as readonly string[]).includes(value)) {
    throw new Error(`parseVariant: variant must be one of ${VARIANTS.join(', ')}, got ${value}`);
  }
  return value as VariantName;
}
