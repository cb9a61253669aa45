import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@dccg/backend/gradients';
import { beforeAll, describe, expect, it } from 'vitest';
import { fillGumbel, gumbelNoise } from './gumbelNoise.js';
import { perturbLogits } from './perturbLogits.js';
import { createRng } from './rng.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('perturbLogits', () => {
  it('is logits + beta*g, drawn or given, with gradient 1 to the logits', () => {
    const logits = tf.tensor1d([0, 1, 2, 3]);
    const g = fillGumbel(new Float32Array(4), createRng(5).clone());
    const before = tf.memory().numTensors;
    const z = perturbLogits(logits, { beta: 0.5, rng: createRng(5) });
    z.dataSync().forEach((v, i) => expect(v).toBeCloseTo(i + 0.5 * g[i]!, 5));
    const noise = gumbelNoise([4], createRng(5));
    const z2 = perturbLogits(logits, { beta: 0.5, noise });
    z2.dataSync().forEach((v, i) => expect(v).toBeCloseTo(i + 0.5 * g[i]!, 5));
    const z0 = perturbLogits(logits, { beta: 0 });
    expect(Array.from(z0.dataSync())).toEqual([0, 1, 2, 3]);
    const grad = tf.grad((x: tf.Tensor) => tf.sum(perturbLogits(x, { rng: createRng(1) })))(logits);
    expect(Array.from(grad.dataSync())).toEqual([1, 1, 1, 1]);
    tf.dispose([z, noise, z2, z0, grad]);
    expect(tf.memory().numTensors).toBe(before);
    logits.dispose();
  });

  it('throws clear errors', () => {
    const x = tf.tensor1d([1, 2]);
    expect(() => perturbLogits(x, { beta: -1, rng: createRng(0) })).toThrow('perturbLogits: beta must be a finite number >= 0, got -1');
    expect(() => perturbLogits(x)).toThrow('perturbLogits: rng must be an Rng from createRng(seed), got undefined');
    x.dispose();
  });
});
