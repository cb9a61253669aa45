import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '@dccg/backend/gradients';
import { registerWasmTrainingKernels } from '../registerWasmTrainingKernels.js';
import { randomValues, relativeError } from '../__fixtures__/compareBackends.js';
import { FUSED_KERNELS, PAIR_RELU_SUM, PAIR_RELU_SUM_GRAD, registerFusedKernels } from './pairReluSum.js';

const initial = tf.getBackend();
beforeAll(async () => {
  registerWasmTrainingKernels();
  registerFusedKernels();
  await tf.setBackend('wasm');
});
afterAll(async () => {
  if (initial) await tf.setBackend(initial);
});

/** The function in plain loops, in float64. */
function naive(tok: Float32Array, snd: Float32Array, w: Float32Array, B: number, L: number, d: number): Float64Array {
  const out = new Float64Array(B * L * d);
  for (let b = 0; b < B; b++)
    for (let i = 0; i < L; i++)
      for (let j = 0; j < L; j++)
        for (let e = 0; e < d; e++) {
          const p = tok[(b * L + i) * d + e] + snd[(b * L + j) * d + e];
          out[(b * L + i) * d + e] += w[(b * L + i) * L + j] * Math.max(0, p);
        }
  return out;
}

/** Inputs with some weights exactly zero (masked pairs), as a GNN's parent matrix has. */
function inputs(B: number, L: number, d: number, seed: number) {
  const tok = randomValues(B * L * d, seed);
  const snd = randomValues(B * L * d, seed + 1);
  const w = randomValues(B * L * L, seed + 2).map((v) => (v < -0.5 ? 0 : Math.abs(v)));
  return { tok, snd, w };
}

function run(kernel: string, ins: Record<string, tf.Tensor>): tf.Tensor[] {
  const r = tf.engine().runKernel(kernel, ins, {}) as tf.Tensor | tf.Tensor[];
  return Array.isArray(r) ? r : [r];
}

describe('the fused PairReluSum kernels', () => {
  it('registers forward and gradient for wasm and cpu, once', () => {
    expect(FUSED_KERNELS.map((k) => `${k.kernelName}/${k.backendName}`).sort()).toEqual(
      [`${PAIR_RELU_SUM}/cpu`, `${PAIR_RELU_SUM}/wasm`, `${PAIR_RELU_SUM_GRAD}/cpu`, `${PAIR_RELU_SUM_GRAD}/wasm`].sort(),
    );
    expect(registerFusedKernels()).toEqual([]);
    for (const k of FUSED_KERNELS) expect(tf.getKernel(k.kernelName, k.backendName)).toBeDefined();
  });

  for (const backend of ['wasm', 'cpu']) {
    it(`computes Σ_j w_ij·relu(tok_i + snd_j) on ${backend} (d a multiple of 4 and not)`, async () => {
      await tf.setBackend(backend);
      for (const [B, L, d, seed] of [
        [3, 7, 8, 1],
        [2, 5, 6, 2],
        [1, 1, 3, 3],
      ] as const) {
        const { tok, snd, w } = inputs(B, L, d, seed);
        const [out] = tf.tidy(() => run(PAIR_RELU_SUM, { tok: tf.tensor3d(tok, [B, L, d]), snd: tf.tensor3d(snd, [B, L, d]), w: tf.tensor3d(w, [B, L, L]) }));
        expect(out!.shape).toEqual([B, L, d]);
        expect(relativeError(out!.dataSync(), naive(tok, snd, w, B, L, d))).toBeLessThan(1e-5);
        out!.dispose();
      }
    });

    it(`gives the gradients tfjs's own ops give, for all three inputs, on ${backend}`, async () => {
      await tf.setBackend(backend);
      const [B, L, d] = [2, 6, 10];
      const { tok, snd, w } = inputs(B, L, d, 7);
      const dy = randomValues(B * L * d, 11);
      const T = tf.tensor3d(tok, [B, L, d]);
      const S = tf.tensor3d(snd, [B, L, d]);
      const W = tf.tensor3d(w, [B, L, L]);
      const G = tf.tensor3d(dy, [B, L, d]);
      const reference = tf.grads((t: tf.Tensor, s: tf.Tensor, ww: tf.Tensor) =>
        tf.sum(tf.mul(tf.relu(tf.add(tf.expandDims(t, 2), tf.expandDims(s, 1))), tf.expandDims(ww, 3)), 2),
      )([T, S, W], G);
      const fused = run(PAIR_RELU_SUM_GRAD, { tok: T, snd: S, w: W, dy: G });
      expect(fused.map((t) => t.shape)).toEqual([
        [B, L, d],
        [B, L, d],
        [B, L, L],
      ]);
      for (let k = 0; k < 3; k++) expect(relativeError(fused[k]!.dataSync(), reference[k]!.dataSync())).toBeLessThan(1e-5);
      tf.dispose([T, S, W, G, ...reference, ...fused]);
    });
  }

  it('leaves no tensors behind and names the bad input', async () => {
    await tf.setBackend('wasm');
    const T = tf.zeros([2, 3, 4]);
    const W = tf.zeros([2, 3, 3]);
    const wide = tf.zeros([2, 3, 5]);
    const ints = tf.zeros([2, 3, 4], 'int32');
    const before = tf.memory().numTensors;
    tf.dispose(run(PAIR_RELU_SUM, { tok: T, snd: T, w: W }));
    tf.dispose(run(PAIR_RELU_SUM_GRAD, { tok: T, snd: T, w: W, dy: T }));
    expect(tf.memory().numTensors).toBe(before);
    expect(() => run(PAIR_RELU_SUM, { tok: T, snd: wide, w: W })).toThrow(/snd must have tok's shape \[2, 3, 4\], got \[2, 3, 5\]/);
    expect(() => run(PAIR_RELU_SUM, { tok: T, snd: T, w: wide })).toThrow(/w must be \[2, 3, 3\], got \[2, 3, 5\]/);
    expect(() => run(PAIR_RELU_SUM, { tok: ints, snd: T, w: W })).toThrow(/tok must be float32, got int32/);
    expect(() => run(PAIR_RELU_SUM_GRAD, { tok: T, snd: T, w: W, dy: wide })).toThrow(/dy must have tok's shape/);
    expect(() => run(PAIR_RELU_SUM_GRAD, { tok: T, snd: T, w: W, dy: ints })).toThrow(/^DccgPairReluSumGrad: dy must be float32, got int32/);
    expect(() => run(PAIR_RELU_SUM_GRAD, { tok: T, snd: wide, w: W, dy: T })).toThrow(/^DccgPairReluSumGrad: snd must have/);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([T, W, wide, ints]);
  });
});
