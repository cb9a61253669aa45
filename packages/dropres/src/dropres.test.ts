import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@dccg/backend/gradients';
import { createRng } from '@dccg/gumbel';
import { beforeAll, describe, expect, it } from 'vitest';
import { dropres } from './dropres.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** |k − nα| within the two-sided p = 0.001 band of the normal approximation to Binomial(n, α). */
function expectBinomial(k: number, n: number, alpha: number): void {
  expect(Math.abs(k - n * alpha)).toBeLessThan(3.29 * Math.sqrt(n * alpha * (1 - alpha)) + 1);
}

describe('dropres', () => {
  it("'batch': over many calls the residual is dropped with frequency alpha, for the whole tensor at once", () => {
    const x = tf.ones([3, 2]);
    const xd = tf.fill([3, 2], 2);
    const rng = createRng(1);
    for (const alpha of [0.1, 0.5, 0.85]) {
      const n = 2000;
      let dropped = 0;
      for (let i = 0; i < n; i++) {
        const y = dropres(x, xd, { alpha, rng });
        const v = Array.from(y.dataSync());
        y.dispose();
        // Either every entry is xd (2) or every entry is x + xd (3).
        expect(v.every((e) => e === v[0]) && (v[0] === 2 || v[0] === 3)).toBe(true);
        if (v[0] === 2) dropped++;
      }
      expectBinomial(dropped, n, alpha);
    }
    tf.dispose([x, xd]);
  });

  it('alpha = 0 always keeps the residual and alpha = 1 never does, with or without rng', () => {
    const x = tf.tensor2d([[1, 2], [3, 4]]);
    const xd = tf.tensor2d([[10, 20], [30, 40]]);
    const rng = createRng(2);
    for (const mode of ['batch', 'example'] as const) {
      for (let i = 0; i < 50; i++) {
        for (const r of [rng, undefined]) {
          const keep = dropres(x, xd, { alpha: 0, mode, rng: r });
          const drop = dropres(x, xd, { alpha: 1, mode, rng: r });
          expect(keep.arraySync()).toEqual([[11, 22], [33, 44]]);
          expect(drop.arraySync()).toEqual([[10, 20], [30, 40]]);
          tf.dispose([keep, drop]);
        }
      }
    }
    tf.dispose([x, xd]);
  });

  it("'example': the mask has one coin per index of axis 0, broadcast over the rest, at rate alpha", () => {
    const n = 4000;
    const x = tf.ones([n, 2, 3]);
    const xd = tf.zeros([n, 2, 3]);
    const y = dropres(x, xd, { alpha: 0.3, mode: 'example', rng: createRng(3) });
    expect(y.shape).toEqual([n, 2, 3]);
    const rows = y.arraySync() as number[][][];
    let dropped = 0;
    for (const row of rows) {
      const flat = row.flat();
      expect(flat.every((e) => e === flat[0])).toBe(true);
      if (flat[0] === 0) dropped++;
    }
    expectBinomial(dropped, n, 0.3);
    tf.dispose([x, xd, y]);
  });

  it('the gradient reaches x only where the residual is kept, and always reaches xd', () => {
    const x = tf.tensor2d([[1, 2], [3, 4], [5, 6], [7, 8]]);
    const xd = tf.tensor2d([[0.5, 0.5], [1, 1], [2, 2], [3, 3]]);
    const rng = createRng(4);
    let sawKept = false;
    let sawDropped = false;
    for (let i = 0; i < 20; i++) {
      for (const mode of ['batch', 'example'] as const) {
        const probe = rng.clone();
        const y = dropres(x, xd, { alpha: 0.5, mode, rng: probe });
        const kept = (tf.tidy(() => tf.sum(tf.sub(y, xd), 1)).arraySync() as number[]).map((s) => (s !== 0 ? 1 : 0));
        y.dispose();
        const [gx, gxd] = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(dropres(a, b, { alpha: 0.5, mode, rng })))([x, xd]);
        expect(gx!.arraySync()).toEqual(kept.map((k) => [k, k]));
        expect(gxd!.arraySync()).toEqual([[1, 1], [1, 1], [1, 1], [1, 1]]);
        if (kept.includes(1)) sawKept = true;
        if (kept.includes(0)) sawDropped = true;
        tf.dispose([gx!, gxd!]);
      }
    }
    expect(sawKept && sawDropped).toBe(true);
    tf.dispose([x, xd]);
  });

  it('the same seed gives the same coins; nothing leaks', () => {
    const x = tf.ones([8, 1]);
    const xd = tf.zeros([8, 1]);
    const before = tf.memory().numTensors;
    const run = (seed: number) => {
      const rng = createRng(seed);
      const out: number[] = [];
      for (let i = 0; i < 10; i++) {
        for (const mode of ['batch', 'example'] as const) {
          const y = dropres(x, xd, { alpha: 0.5, mode, rng });
          out.push(...y.dataSync());
          y.dispose();
        }
      }
      return out;
    };
    expect(run(7)).toEqual(run(7));
    expect(run(7)).not.toEqual(run(8));
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, xd]);
  });

  it('throws clear errors for bad arguments', () => {
    const a = tf.zeros([2, 3]);
    const b = tf.zeros([3, 2]);
    const i = tf.zeros([2, 3], 'int32');
    const s = tf.scalar(1);
    const rng = createRng(0);
    expect(() => dropres(a, b, { alpha: 0.5, rng })).toThrow('dropres: x and xd must have the same shape, got [2, 3] and [3, 2]');
    expect(() => dropres(a, i, { alpha: 0.5, rng })).toThrow('dropres: x and xd must have the same dtype, got float32 and int32');
    expect(() => dropres(a, a, { alpha: -0.1, rng })).toThrow('dropres: alpha must be a number in [0, 1], got -0.1');
    expect(() => dropres(a, a, { alpha: 1.5, rng })).toThrow('dropres: alpha must be a number in [0, 1], got 1.5');
    expect(() => dropres(a, a, { alpha: NaN, rng })).toThrow('got NaN');
    expect(() => dropres(a, a, { alpha: 0.5, mode: 'row' as 'batch', rng })).toThrow(`dropres: mode must be 'batch' or 'example', got "row"`);
    expect(() => dropres(a, a, { alpha: 0.5 })).toThrow('dropres: rng is required when 0 < alpha < 1, got alpha 0.5 and no rng');
    expect(() => dropres(s, s, { alpha: 0.5, mode: 'example', rng })).toThrow("dropres: mode 'example' needs x of rank >= 1");
    expect(() => dropres([1] as unknown as tf.Tensor, a, { alpha: 0 })).toThrow('dropres: x must be a tf.Tensor, got object');
    tf.dispose([a, b, i, s]);
  });
});
