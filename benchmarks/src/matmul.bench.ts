/**
 * Matrix multiplication throughput of the wasm backend (SIMD, one thread, XNNPACK) against the
 * plain-JavaScript cpu backend, measured in the same run: GFLOP/s (2n³ per product) and the ratio.
 *
 *   pnpm build && pnpm --filter @dccg/benchmarks bench matmul
 *
 * Environment: MATMUL_BENCH_SIZES (default `128,512`), MATMUL_BENCH_REPEATS (default 5).
 * The threaded wasm build runs in its own process: see wasm-threads.bench.ts.
 */
import * as tf from '@tensorflow/tfjs-core';
import { selectBackend } from '@dccg/backend';
import { measure, printComparison } from './harness.js';
import type { Measurement } from './harness.js';

const sizes = (process.env['MATMUL_BENCH_SIZES'] ?? '128,512').split(',').map(Number);
const repeats = Number(process.env['MATMUL_BENCH_REPEATS'] ?? 5);

/** Fixed pseudo-random values, identical for both backends. */
function values(n: number, seed: number): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 32 - 0.5;
  }
  return out;
}

async function timeMatMul(backend: 'wasm' | 'cpu', n: number): Promise<Measurement> {
  const choice = await selectBackend({ prefer: backend, fallback: false });
  const a = tf.tensor2d(values(n * n, 1), [n, n]);
  const b = tf.tensor2d(values(n * n, 2), [n, n]);
  const m = await measure(
    `${backend}${backend === 'wasm' ? ` (${choice.details['threads']} thread, ${choice.details['build']})` : ''}`,
    () => {
      const c = tf.matMul(a, b);
      c.dataSync();
      c.dispose();
    },
    { warmup: 2, repeats: backend === 'cpu' && n >= 512 ? Math.min(repeats, 3) : repeats },
  );
  tf.dispose([a, b]);
  return m;
}

const gflops = (n: number, m: Measurement) => (2 * n ** 3) / (m.medianMs * 1e6);

for (const n of sizes) {
  const wasm = await timeMatMul('wasm', n);
  const cpu = await timeMatMul('cpu', n);
  console.log(`matMul ${n}×${n} · ${n}×${n}: wasm ${gflops(n, wasm).toFixed(2)} GFLOP/s · cpu ${gflops(n, cpu).toFixed(2)} GFLOP/s`);
  printComparison(wasm, cpu, `matMul ${n}²`);
}
