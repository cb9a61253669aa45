/**
 * The threaded wasm build in Node: matMul GFLOP/s with 1, 2, … XNNPACK threads, against the
 * single-threaded SIMD build measured in the same run. Each configuration runs in its own process
 * (the wasm backend initialises once per process), started by this script.
 *
 *   pnpm build && pnpm --filter @dccg/benchmarks bench wasm-threads
 *
 * Environment: WASM_THREADS_BENCH_THREADS (default `1,2`; 1 is the non-threaded SIMD build),
 * WASM_THREADS_BENCH_SIZE (512), WASM_THREADS_BENCH_REPEATS (10).
 *
 * tfjs-backend-wasm caps its pool at half the logical cores (it assumes two hyperthreads per core),
 * so on a 2-core machine it would run 1 thread whatever is asked. To measure what was asked, a child
 * tells tfjs, during initialisation only, that there are 2 × threads logical cores; the line printed
 * says how many cores the machine really has, since threads beyond them cannot speed anything up.
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { selectBackend } from '@dccg/backend';
import { formatMs, measure } from './harness.js';

const size = Number(process.env['WASM_THREADS_BENCH_SIZE'] ?? 512);
const repeats = Number(process.env['WASM_THREADS_BENCH_REPEATS'] ?? 10);

interface ChildResult {
  asked: number;
  threads: number;
  build: string;
  medianMs: number;
}

async function child(threads: number): Promise<void> {
  const cpus = os.cpus;
  const cores = cpus().length;
  if (threads > 1 && cores < 2 * threads) os.cpus = () => Array.from({ length: 2 * threads }, () => cpus()[0]!);
  let choice;
  try {
    choice = await selectBackend({ prefer: 'wasm', fallback: false, wasm: { threads } });
  } finally {
    os.cpus = cpus;
  }
  const a = tf.randomUniform([size, size], -1, 1, 'float32', 1);
  const b = tf.randomUniform([size, size], -1, 1, 'float32', 2);
  const m = await measure(
    'matMul',
    () => {
      const c = tf.matMul(a, b);
      c.dataSync();
      c.dispose();
    },
    { warmup: 3, repeats },
  );
  const result: ChildResult = {
    asked: threads,
    threads: Number(choice.details['threads']),
    build: String(choice.details['build']),
    medianMs: m.medianMs,
  };
  console.log(JSON.stringify(result));
}

function parent(): void {
  const asked = (process.env['WASM_THREADS_BENCH_THREADS'] ?? '1,2').split(',').map(Number);
  const self = fileURLToPath(import.meta.url);
  const results: ChildResult[] = [];
  for (const threads of asked) {
    const r = spawnSync(process.execPath, ['--import', 'tsx', self, '--child', String(threads)], { encoding: 'utf8' });
    const line = r.stdout.trim().split('\n').at(-1) ?? '';
    if (r.status !== 0 || !line.startsWith('{')) {
      console.log(`wasm ${threads} thread(s): failed (exit ${r.status}): ${(r.stderr || r.stdout).trim().split('\n')[0]}`);
      continue;
    }
    results.push(JSON.parse(line) as ChildResult);
  }
  const base = results.find((r) => r.asked === 1);
  console.log(`matMul ${size}² on wasm, this machine has ${os.cpus().length} logical cores`);
  for (const r of results) {
    const gflops = (2 * size ** 3) / (r.medianMs * 1e6);
    const vs = base && r !== base ? ` · ${(base.medianMs / r.medianMs).toFixed(2)}× the 1-thread SIMD build` : '';
    console.log(`  ${r.threads} thread${r.threads === 1 ? '' : 's'} (${r.build}): ${formatMs(r.medianMs)}, ${gflops.toFixed(2)} GFLOP/s${vs}`);
  }
}

const at = process.argv.indexOf('--child');
if (at >= 0) await child(Number(process.argv[at + 1]));
else parent();
