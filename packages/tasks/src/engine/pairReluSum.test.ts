import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@dccg/backend/gradients';
import { PAIR_RELU_SUM, PAIR_RELU_SUM_GRAD, registerFusedKernels, registerWasmTrainingKernels } from '@dccg/backend';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '@dccg/gumbel';
import { PAIR_RELU_SUM_KERNELS, pairReluSum } from './layers.js';

beforeAll(async () => {
  registerWasmTrainingKernels();
  await tf.setBackend('cpu');
});
afterAll(async () => {
  await tf.setBackend('cpu');
});

/** tok, snd [B, L, d] and w [B, L, L] from a seeded rng; w ≥ 0 with some pairs masked to exactly 0. */
function inputs(B: number, L: number, d: number, seed: number) {
  const rng = createRng(seed);
  return tf.tidy(() => {
    const tok = tf.sub(tf.mul(rng.uniform([B, L, d]), 2), 1) as tf.Tensor3D;
    const snd = tf.sub(tf.mul(rng.uniform([B, L, d]), 2), 1) as tf.Tensor3D;
    const u = rng.uniform([B, L, L]);
    const w = tf.where(tf.less(u, 0.3), tf.zerosLike(u), u) as tf.Tensor3D;
    return { tok, snd, w };
  });
}

const loss = (f: (t: tf.Tensor3D, s: tf.Tensor3D, w: tf.Tensor3D) => tf.Tensor3D, proj: tf.Tensor) => (t: tf.Tensor, s: tf.Tensor, w: tf.Tensor) =>
  tf.sum(tf.mul(f(t as tf.Tensor3D, s as tf.Tensor3D, w as tf.Tensor3D), proj)) as tf.Scalar;

describe('pairReluSum', () => {
  it("uses @dccg/backend's kernel names", () => {
    expect(PAIR_RELU_SUM_KERNELS).toEqual({ forward: PAIR_RELU_SUM, gradient: PAIR_RELU_SUM_GRAD });
  });

  it('matches finite differences of its own function (tfjs ops), for tok, snd and w', () => {
    const [B, L, d] = [2, 4, 3];
    const { tok, snd, w } = inputs(B, L, d, 1);
    const proj = createRng(2).uniform([B, L, d]);
    const f = loss((t, s, ww) => pairReluSum(t, s, ww, { fused: false }), proj);
    const grads = tf.grads(f)([tok, snd, w]);
    const eps = 1e-3;
    for (const [k, x] of [tok, snd, w].entries()) {
      const values = x.arraySync() as number[][][];
      const g = grads[k]!.arraySync() as number[][][];
      for (const [b, i, j] of [
        [0, 0, 0],
        [1, 3, k === 2 ? 3 : 2],
        [1, 2, 1],
      ] as const) {
        const at = (delta: number) => {
          const copy = values.map((r) => r.map((c) => [...c]));
          copy[b]![i]![j]! += delta;
          const args = [tok, snd, w].map((t, n) => (n === k ? tf.tensor3d(copy) : t));
          return tf.tidy(() => f(args[0]!, args[1]!, args[2]!).dataSync()[0]!);
        };
        const fd = (at(eps) - at(-eps)) / (2 * eps);
        expect(Math.abs(fd - g[b]![i]![j]!)).toBeLessThan(2e-3);
      }
    }
    tf.dispose([tok, snd, w, proj, ...grads]);
  });

  for (const backend of ['cpu', 'wasm']) {
    it(`runs the fused kernels on ${backend} once registered: same values and gradients as the ops, nothing left behind`, async () => {
      await tf.setBackend(backend);
      const [B, L, d] = [3, 9, 12];
      const { tok, snd, w } = inputs(B, L, d, 3);
      const proj = createRng(4).uniform([B, L, d]);
      const ops = tf.tidy(() => [pairReluSum(tok, snd, w, { fused: false }), ...tf.grads(loss((t, s, ww) => pairReluSum(t, s, ww, { fused: false }), proj))([tok, snd, w])]);
      registerFusedKernels();
      expect(tf.getKernel(PAIR_RELU_SUM_KERNELS.forward, backend)).toBeDefined();
      const before = tf.memory().numTensors;
      const fused = tf.tidy(() => [pairReluSum(tok, snd, w), ...tf.grads(loss((t, s, ww) => pairReluSum(t, s, ww), proj))([tok, snd, w])]);
      expect(tf.memory().numTensors).toBe(before + 4);
      for (let k = 0; k < 4; k++) {
        expect(fused[k]!.shape).toEqual(ops[k]!.shape);
        const a = fused[k]!.dataSync();
        const b = ops[k]!.dataSync();
        let err = 0;
        for (let n = 0; n < a.length; n++) err = Math.max(err, Math.abs(a[n]! - b[n]!));
        expect(err).toBeLessThan(1e-5);
      }
      tf.dispose([tok, snd, w, proj, ...ops, ...fused]);
    });
  }

  it('names the bad shape', () => {
    const t = tf.zeros([2, 3, 4]) as tf.Tensor3D;
    expect(() => pairReluSum(t, tf.zeros([2, 4, 4]) as tf.Tensor3D, tf.zeros([2, 3, 3]) as tf.Tensor3D)).toThrow(/tok and snd must both be \[B, L, d\], got \[2, 3, 4\] and \[2, 4, 4\]/);
    expect(() => pairReluSum(t, t, tf.zeros([2, 3, 4]) as tf.Tensor3D)).toThrow(/w must be \[2, 3, 3\], got \[2, 3, 4\]/);
    expect(() => pairReluSum(t, t, tf.zeros([2, 3, 3]) as tf.Tensor3D, { fused: 1 as never })).toThrow('pairReluSum: fused must be a boolean, got 1');
  });
});
