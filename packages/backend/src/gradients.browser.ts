/**
 * Importing this module registers every gradient of tfjs-core (browser entry: bundlers read
 * tfjs-core's ES modules directly, so no generated bundle is needed).
 */
import '@tensorflow/tfjs-core/dist/register_all_gradients.js';

export {};
