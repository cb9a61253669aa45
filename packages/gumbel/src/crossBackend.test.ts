import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import '@dccg/backend/gradients';
import { afterAll, describe, expect, it } from 'vitest';
import { createRng } from './rng.js';
import { gumbelNoise } from './gumbelNoise.js';
import { gumbelSoftmax } from './gumbelSoftmax.js';

// WebGPU is not tested here: Node has no WebGPU unless the optional `webgpu` (Dawn) package is
// installed; the same host-drawn noise is what webgpu would receive too.

interface Draw {
  uniform: Float32Array;
  noise: Float32Array;
  soft: Float32Array;
  hard: Float32Array;
  grad: Float32Array;
}

async function drawOn(backend: 'cpu' | 'wasm'): Promise<Draw> {
  expect(await tf.setBackend(backend)).toBe(true);
  expect(tf.getBackend()).toBe(backend);
  const rng = createRng(31337);
  return tf.tidy(() => {
    const logits = tf.tensor2d(Array.from({ length: 6 * 9 }, (_, i) => Math.sin(i * 1.7) * 3), [6, 9]);
    const w = tf.tensor2d(Array.from({ length: 6 * 9 }, (_, i) => Math.cos(i)), [6, 9]);
    const uniform = rng.uniform([1000]).dataSync() as Float32Array;
    const noise = gumbelNoise([1000], rng).dataSync() as Float32Array;
    const key = rng.split();
    const soft = gumbelSoftmax(logits, { tau: 0.5, beta: 0.7, rng: key.clone() }).dataSync() as Float32Array;
    const hard = gumbelSoftmax(logits, { tau: 0.5, beta: 0.7, hard: true, rng: key.clone() }).dataSync() as Float32Array;
    const grad = tf
      .grad((x: tf.Tensor) => tf.sum(tf.mul(gumbelSoftmax(x, { tau: 0.5, beta: 0.7, rng: key.clone() }), w)))(logits)
      .dataSync() as Float32Array;
    return { uniform, noise, soft, hard, grad };
  });
}

afterAll(async () => {
  await tf.setBackend('cpu');
});

describe('the same seed on the cpu and wasm backends', () => {
  it('gives bit-identical noise and the same samples and gradients', async () => {
    const cpu = await drawOn('cpu');
    const wasm = await drawOn('wasm');
    expect(Array.from(wasm.uniform)).toEqual(Array.from(cpu.uniform));
    expect(Array.from(wasm.noise)).toEqual(Array.from(cpu.noise));
    expect(Array.from(wasm.hard)).toEqual(Array.from(cpu.hard));
    wasm.soft.forEach((v, i) => expect(v).toBeCloseTo(cpu.soft[i]!, 5));
    wasm.grad.forEach((v, i) => expect(v).toBeCloseTo(cpu.grad[i]!, 5));
  });
});
