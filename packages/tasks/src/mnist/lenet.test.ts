import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@dccg/backend/gradients';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '@dccg/backend';
import { createRng } from '@dccg/gumbel';
import { createLeNet, lenet } from './lenet.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

afterAll(async () => {
  await tf.setBackend('cpu');
});

/** Loss value and every weight gradient of LeNet on a fixed input, on the current backend. */
function lossAndGrads(): { loss: number; grads: Record<string, Float32Array> } {
  const weights = createLeNet(createRng(4));
  const x = createRng(5).uniform([3, 28, 28, 1]) as tf.Tensor4D;
  const names = Object.keys(weights) as (keyof typeof weights)[];
  const { value, grads } = tf.variableGrads(() => tf.sum(tf.square(lenet(weights, x))) as tf.Scalar, names.map((n) => weights[n]));
  const out: Record<string, Float32Array> = {};
  for (const n of names) out[n] = grads[weights[n].name]!.dataSync() as Float32Array;
  const loss = value.dataSync()[0]!;
  tf.dispose([value, x, ...Object.values(grads), ...names.map((n) => weights[n])]);
  return { loss, grads: out };
}

describe('lenet', () => {
  it('maps [B, 28, 28, 1] to [B, 84] and [B, 28, 56, 1] (the joined pair) to any output size', () => {
    const w = createLeNet(createRng(0));
    expect(tf.tidy(() => lenet(w, tf.zeros([2, 28, 28, 1])).shape)).toEqual([2, 84]);
    const wide = createLeNet(createRng(0), { width: 56, outputSize: 19 });
    expect(tf.tidy(() => lenet(wide, tf.zeros([1, 28, 56, 1])).shape)).toEqual([1, 19]);
    expect(() => lenet(w, tf.zeros([1, 28, 56, 1]))).toThrow(/do not fit weights made for 256 features/);
    expect(() => lenet(w, tf.zeros([1, 28, 28, 3]))).toThrow(/images must be \[batch, height, width, 1\], got \[1, 28, 28, 3\]/);
    expect(() => createLeNet(createRng(0), { height: 8 })).toThrow(/8x28 input is too small/);
    expect(() => createLeNet(createRng(0), { outputSize: 0 })).toThrow(/outputSize must be an integer >= 1, got 0/);
    tf.dispose([...Object.values(w), ...Object.values(wide)]);
  });

  it('gives the same loss and gradients on wasm as on cpu (the conv gradients run on wasm)', async () => {
    const cpu = lossAndGrads();
    await selectBackend({ prefer: 'wasm', fallback: false });
    expect(tf.getBackend()).toBe('wasm');
    const wasm = lossAndGrads();
    await tf.setBackend('cpu');
    expect(wasm.loss).toBeCloseTo(cpu.loss, 2);
    for (const [name, g] of Object.entries(cpu.grads)) {
      const h = wasm.grads[name]!;
      const scale = Math.max(...Array.from(g, Math.abs), 1e-6);
      let worst = 0;
      for (let i = 0; i < g.length; i++) worst = Math.max(worst, Math.abs(g[i]! - h[i]!));
      expect(worst / scale, name).toBeLessThan(1e-3);
    }
  }, 60_000);
});
