import { firstLine } from './chooseBackend.js';
import type { Preparation } from './chooseBackend.js';
import { isInstalled } from './isInstalled.js';

/** The tfjs-node packages, in the order tried: CUDA first. */
export const TENSORFLOW_PACKAGES = ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node'] as const;

/** How `loadTensorflow` finds and imports a package; replaceable for tests. */
export interface ModuleAccess {
  isInstalled: (specifier: string) => boolean;
  importModule: (specifier: string) => Promise<unknown>;
}

// A variable specifier keeps TypeScript and bundlers from resolving optional packages at build time.
const nodeAccess: ModuleAccess = { isInstalled, importModule: (specifier) => import(specifier) };

/**
 * Makes the `'tensorflow'` backend available (Node only): imports `@tensorflow/tfjs-node-gpu`, or else
 * `@tensorflow/tfjs-node`, whichever is installed and loads; both register the `'tensorflow'`
 * backend (libtensorflow, CUDA for the -gpu one). The reason names each package and what happened.
 *
 * ```ts
 * const prep = await loadTensorflow();
 * if (!prep.ok) console.log(prep.reason); // "@tensorflow/tfjs-node-gpu is not installed; @tensorflow/tfjs-node is not installed"
 * ```
 */
export async function loadTensorflow(access: ModuleAccess = nodeAccess): Promise<Preparation> {
  const reasons: string[] = [];
  for (const pkg of TENSORFLOW_PACKAGES) {
    if (!access.isInstalled(pkg)) {
      reasons.push(`${pkg} is not installed`);
      continue;
    }
    try {
      await access.importModule(pkg);
    } catch (err) {
      reasons.push(`${pkg} is installed but failed to load: ${firstLine(err)}`);
      continue;
    }
    const gpu = pkg.endsWith('-gpu');
    const tried = reasons.length > 0 ? ` (${reasons.join('; ')})` : '';
    return {
      ok: true,
      describe: async () => ({
        reason: `TensorFlow C library through ${pkg}${gpu ? ', CUDA' : ', CPU'}${tried}`,
        details: { package: pkg, cuda: gpu },
      }),
    };
  }
  return { ok: false, reason: reasons.join('; ') };
}
