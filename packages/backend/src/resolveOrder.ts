import { BACKEND_NAMES } from './BackendChoice.js';
import type { BackendName } from './BackendChoice.js';

/**
 * The candidates `selectBackend` tries, in order: the preferred ones, then (with `fallback`) the
 * platform order without repeats. Throws, naming the value, for a name that is not a backend.
 *
 * ```ts
 * resolveOrder('cpu', true, ['tensorflow', 'wasm', 'cpu']); // ['cpu', 'tensorflow', 'wasm']
 * ```
 */
export function resolveOrder(
  prefer: BackendName | BackendName[] | undefined,
  fallback: boolean,
  platformOrder: readonly BackendName[],
): BackendName[] {
  const preferred = prefer === undefined ? [] : Array.isArray(prefer) ? prefer : [prefer];
  for (const name of preferred) {
    if (!(BACKEND_NAMES as readonly unknown[]).includes(name)) {
      throw new Error(`selectBackend: prefer must name backends among ${BACKEND_NAMES.join(', ')}, got ${JSON.stringify(name)}`);
    }
  }
  if (typeof fallback !== 'boolean') throw new Error(`selectBackend: fallback must be a boolean, got ${JSON.stringify(fallback)}`);
  if (preferred.length === 0 && !fallback) {
    throw new Error('selectBackend: fallback false needs at least one backend in prefer, got none');
  }
  const order = fallback ? [...preferred, ...platformOrder] : preferred;
  return order.filter((name, i) => order.indexOf(name) === i);
}
