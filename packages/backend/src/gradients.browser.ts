/**
 * Importing this module registers every gradient of tfjs-core (browser entry: bundlers read
 * tfjs-core's ES modules directly, so no generated bundle is needed).
 */
import '@tensorflow/tfjs-core/dist/register_all_gradients.js';
// The Prod and batched GatherV2 gradients call these chained ops, which tfjs-core leaves unregistered.
import '@tensorflow/tfjs-core/dist/public/chained_ops/reshape.js';
import '@tensorflow/tfjs-core/dist/public/chained_ops/split.js';
import '@tensorflow/tfjs-core/dist/public/chained_ops/slice.js';

export {};
