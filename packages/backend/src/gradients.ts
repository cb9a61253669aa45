/**
 * Importing this module registers every gradient of tfjs-core (Node entry).
 *
 * tfjs-core registers no gradients by itself, so `tf.grad`, `tf.variableGrads` and optimizers fail
 * with "gradient function not found" until something registers them. Import it once, for its effect:
 *
 * ```ts
 * import '@dccg/backend/gradients';
 * ```
 *
 * In Node the registrations come from a bundle made at build time (see scripts/bundle-gradients.mjs);
 * in a browser bundle the `browser` condition picks gradients.browser.ts instead. Both also register
 * the chained ops `reshape`, `split` and `slice` on tensors, which the `Prod` and batched `GatherV2`
 * gradients call and tfjs-core leaves unregistered.
 */
import '../generated/tfjs-gradients.js';

export {};
