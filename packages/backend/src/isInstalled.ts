import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * Whether `specifier` resolves from this package (Node only). Optional backends are looked up
 * before they are imported, so that "not installed" and "installed but failed to load" get
 * different reasons.
 *
 * ```ts
 * isInstalled('@tensorflow/tfjs-node'); // false unless installed
 * ```
 */
export function isInstalled(specifier: string): boolean {
  try {
    require.resolve(specifier);
    return true;
  } catch (err) {
    // A package that exists but whose resolution fails otherwise is installed; its import reports why.
    return (err as { code?: string }).code !== 'MODULE_NOT_FOUND';
  }
}
