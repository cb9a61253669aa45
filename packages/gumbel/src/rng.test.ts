import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng, rngFromState } from './rng.js';
import { threefry2x32 } from './threefry2x32.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('createRng / Rng', () => {
  it('the same seed gives the same draws; different seeds differ', () => {
    const a = createRng(123);
    const b = createRng(123);
    const c = createRng(124);
    const xa = [a.nextFloat(), a.nextFloat(), a.nextInt(1000)];
    expect([b.nextFloat(), b.nextFloat(), b.nextInt(1000)]).toEqual(xa);
    expect(c.nextFloat()).not.toBe(xa[0]);
  });

  it('uses the jax PRNGKey layout [seed / 2^32, seed mod 2^32]', () => {
    expect(createRng(5).state).toEqual({ algorithm: 'threefry2x32', key: [0, 5], counter: 0 });
    expect(createRng(2 ** 32 + 7).state.key).toEqual([1, 7]);
  });

  it('split gives a child that depends on the parent key and counter, and advances the parent', () => {
    const parent = createRng(0);
    const c1 = parent.split();
    const c2 = parent.split();
    expect(parent.state.counter).toBe(2);
    expect(c1.state.counter).toBe(0);
    expect(c1.state.key).not.toEqual(c2.state.key);
    expect(c1.state.key).toEqual(threefry2x32(0, 0, 0, 0x73706c74));
    expect(createRng(0).splitN(2).map((r) => r.state)).toEqual([c1.state, c2.state]);
    expect(c1.nextFloat()).not.toBe(c2.nextFloat());
  });

  it('state survives a JSON round trip and the restored key continues exactly', () => {
    const a = createRng(99);
    a.nextFloat();
    a.split();
    const b = rngFromState(JSON.parse(JSON.stringify(a)));
    expect(b.state).toEqual(a.state);
    expect(b.nextFloat()).toBe(a.nextFloat());
    expect(Array.from(b.fillUniform(new Float32Array(5)))).toEqual(Array.from(a.fillUniform(new Float32Array(5))));
    expect(b.shuffle([1, 2, 3, 4, 5, 6])).toEqual(a.shuffle([1, 2, 3, 4, 5, 6]));
  });

  it('clone makes the same draws as the original', () => {
    const a = createRng(4);
    const b = a.clone();
    expect(b.nextInt(1e9)).toBe(a.nextInt(1e9));
  });

  it('fillUniform is strictly inside (0, 1), uniform by a chi-square test, and chunk-independent', () => {
    const n = 100_000;
    const u = createRng(11).fillUniform(new Float32Array(n));
    let min = 1;
    let max = 0;
    const bins = new Array<number>(20).fill(0);
    for (const x of u) {
      min = Math.min(min, x);
      max = Math.max(max, x);
      bins[Math.floor(x * 20)]!++;
    }
    expect(min).toBeGreaterThan(0);
    expect(max).toBeLessThan(1);
    const e = n / 20;
    const chi2 = bins.reduce((s, o) => s + (o - e) ** 2 / e, 0);
    expect(chi2).toBeLessThan(43.8); // chi-square(19) at p = 0.001
    // Element i comes from block floor(i/2) of the stream key, whatever the chunking inside.
    const rng = createRng(11);
    const [k0, k1] = rng.clone().streamKey();
    const i = 12_345;
    const [w0, w1] = threefry2x32(k0, k1, i >>> 1, 0);
    const w = i % 2 === 0 ? w0 : w1;
    expect(u[i]).toBe(Math.fround(((w >>> 9) + 0.5) * 2 ** -23));
  });

  it('the extreme words map to 2^-24 and 1 - 2^-24, both exact in float32', () => {
    expect(Math.fround((0 + 0.5) * 2 ** -23)).toBe(2 ** -24);
    expect(Math.fround(((2 ** 23 - 1) + 0.5) * 2 ** -23)).toBe(1 - 2 ** -24);
    expect(Math.fround(1 - 2 ** -24)).toBeLessThan(1);
  });

  it('uniform returns a float32 tensor of the shape and leaks nothing', () => {
    const before = tf.memory().numTensors;
    const t = createRng(1).uniform([3, 4, 5]);
    expect(t.shape).toEqual([3, 4, 5]);
    expect(t.dtype).toBe('float32');
    expect(Array.from(t.dataSync())).toEqual(Array.from(createRng(1).fillUniform(new Float32Array(60))));
    t.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('nextFloat is in [0, 1) with mean 1/2; nextInt covers [0, n) evenly', () => {
    const rng = createRng(8);
    let sum = 0;
    const n = 20_000;
    const counts = new Array<number>(7).fill(0);
    for (let i = 0; i < n; i++) {
      const f = rng.nextFloat();
      expect(f >= 0 && f < 1).toBe(true);
      sum += f;
      counts[rng.nextInt(7)]!++;
    }
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / n));
    const e = n / 7;
    expect(counts.reduce((s, o) => s + (o - e) ** 2 / e, 0)).toBeLessThan(22.46); // chi-square(6), p = 0.001
  });

  it('shuffle is an in-place permutation with uniform positions', () => {
    const rng = createRng(21);
    const arr = Array.from({ length: 50 }, (_, i) => i);
    const out = rng.shuffle(arr);
    expect(out).toBe(arr);
    expect([...arr].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    // Where element 0 of a 5-array lands, over many shuffles, is uniform.
    const counts = new Array<number>(5).fill(0);
    const trials = 10_000;
    for (let t = 0; t < trials; t++) counts[rng.shuffle([0, 1, 2, 3, 4]).indexOf(0)]!++;
    const e = trials / 5;
    expect(counts.reduce((s, o) => s + (o - e) ** 2 / e, 0)).toBeLessThan(18.47); // chi-square(4), p = 0.001
    expect(rng.shuffle([])).toEqual([]);
    expect(rng.shuffle(['a'])).toEqual(['a']);
  });

  it('throws clear errors for bad arguments', () => {
    expect(() => createRng(-1)).toThrow('createRng: seed must be an integer in [0, 2^53), got -1');
    expect(() => createRng(1.5)).toThrow(/createRng: seed .* got 1.5/);
    expect(() => createRng(0).nextInt(0)).toThrow('Rng.nextInt: n must be a positive safe integer, got 0');
    expect(() => createRng(0).splitN(-2)).toThrow('Rng.splitN: n must be an integer >= 0, got -2');
    expect(() => createRng(0).uniform([2, -1])).toThrow('Rng.uniform: shape must be an array of non-negative integers, got [2,-1]');
    expect(() => rngFromState({ algorithm: 'threefry2x32', key: [1, -1], counter: 0 })).toThrow(/state.key must be two unsigned 32-bit/);
    expect(() => rngFromState({ algorithm: 'threefry2x32', key: [1, 1], counter: 0.5 })).toThrow(/state.counter/);
    expect(() => rngFromState({ algorithm: 'philox' as 'threefry2x32', key: [1, 1], counter: 0 })).toThrow(/algorithm must be 'threefry2x32'/);
    const exhausted = rngFromState({ algorithm: 'threefry2x32', key: [1, 1], counter: 2 ** 32 });
    expect(() => exhausted.nextFloat()).toThrow(/2\^32 draws/);
  });
});
