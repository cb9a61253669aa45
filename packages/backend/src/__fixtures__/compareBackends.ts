import * as tf from '@tensorflow/tfjs-core';

/** Runs `fn` on `backend` and returns every output as a plain array (inputs are copied in from plain data). */
export async function runOn(backend: string, fn: () => tf.Tensor | tf.Tensor[]): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  const outs = tf.tidy(() => {
    const r = fn();
    return Array.isArray(r) ? r : [r];
  });
  const data = outs.map((t) => Float32Array.from(t.dataSync()));
  tf.dispose(outs);
  return data;
}

/** max |a − b| / max |b|: the error relative to the size of the reference, 0 when both are 0. */
export function relativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`relativeError: lengths differ, ${a.length} and ${b.length}`);
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < a.length; i++) {
    if (!Number.isFinite(a[i]) || !Number.isFinite(b[i])) return Number.POSITIVE_INFINITY;
    diff = Math.max(diff, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return scale === 0 ? diff : diff / scale;
}

/** Runs `fn` on wasm and on cpu and returns the largest relative error over its outputs. */
export async function wasmVsCpu(fn: () => tf.Tensor | tf.Tensor[]): Promise<number> {
  const cpu = await runOn('cpu', fn);
  const wasm = await runOn('wasm', fn);
  if (cpu.length !== wasm.length) throw new Error(`wasmVsCpu: ${cpu.length} outputs on cpu, ${wasm.length} on wasm`);
  return Math.max(0, ...cpu.map((c, i) => relativeError(wasm[i], c)));
}

/** A deterministic pseudo-random float array (mulberry32), so both backends see identical inputs. */
export function randomValues(n: number, seed: number, scale = 1): Float32Array {
  let s = seed >>> 0;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = ((((t ^ (t >>> 14)) >>> 0) / 4294967296) * 2 - 1) * scale;
  }
  return out;
}

/** Deterministic integers in [0, n), with repeats. */
export function randomInts(count: number, n: number, seed: number): Int32Array {
  const u = randomValues(count, seed);
  return Int32Array.from(u, (v) => Math.min(n - 1, Math.floor(((v + 1) / 2) * n)));
}
