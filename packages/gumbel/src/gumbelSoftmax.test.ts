import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@dccg/backend/gradients';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from './rng.js';
import { gumbelNoise } from './gumbelNoise.js';
import { gumbelSoftmax } from './gumbelSoftmax.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function softmax(v: number[], t: number): number[] {
  const m = Math.max(...v.map((x) => x / t));
  const e = v.map((x) => Math.exp(x / t - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / s);
}

describe('gumbelSoftmax', () => {
  it('equals softmax((logits + beta*g)/tau) for a given noise', () => {
    const logits = tf.tensor2d([[0.5, -1, 2, 0], [3, 3, -2, 1]]);
    const noise = gumbelNoise([2, 4], createRng(1));
    const y = gumbelSoftmax(logits, { tau: 0.7, beta: 0.3, noise });
    const l = logits.arraySync() as number[][];
    const g = noise.arraySync() as number[][];
    const got = y.arraySync() as number[][];
    for (let r = 0; r < 2; r++) {
      const want = softmax(l[r]!.map((x, j) => x + 0.3 * g[r]![j]!), 0.7);
      for (let j = 0; j < 4; j++) expect(got[r]![j]!).toBeCloseTo(want[j]!, 6);
    }
    tf.dispose([logits, noise, y]);
  });

  it('beta = 0 is the deterministic softmax(logits/tau) and needs no rng', () => {
    const logits = tf.tensor1d([1, 2, 3, -4]);
    const y = gumbelSoftmax(logits, { tau: 2, beta: 0 });
    const want = softmax([1, 2, 3, -4], 2);
    const got = y.dataSync();
    want.forEach((w, j) => expect(got[j]!).toBeCloseTo(w, 6));
    tf.dispose([logits, y]);
  });
});
