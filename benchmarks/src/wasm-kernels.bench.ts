/**
 * The training kernels @dccg/backend adds to tfjs-backend-wasm, against the same kernels of the
 * cpu backend measured in the same run, at the sizes the tasks train with:
 *   - Conv2DBackpropFilter of LeNet on MNIST, batch 64: conv 1→6 k5 on 28², conv 6→16 k5 on 12²;
 *   - UnsortedSegmentSum, the gradient of gathering 512 × 3 rows of a WN18RR-sized table
 *     (40,943 × 256), and of a ListOps-sized one (batch 64 × 100 tokens from 20 × 128). The cpu
 *     backend's UnsortedSegmentSum costs segments × rows × width (a masked sum per segment, seconds
 *     already for 20 segments here), so the WN18RR case runs on wasm alone, a 20-segment one gives
 *     the ratio, and the cpu peer of these runs once, without warm-up.
 *
 *   pnpm build && pnpm --filter @dccg/benchmarks bench wasm-kernels
 *
 * Environment: WASM_KERNELS_BENCH_REPEATS (default 5).
 */
import * as tf from '@tensorflow/tfjs-core';
import { selectBackend } from '@dccg/backend';
import { formatMs, measure, printComparison } from './harness.js';

const repeats = Number(process.env['WASM_KERNELS_BENCH_REPEATS'] ?? 5);

interface Case {
  name: string;
  /** Timed runs of the cpu peer: 0 where it would take minutes. */
  cpuRepeats: number;
  /** Makes the inputs on the active backend and returns the kernel call. */
  setup: () => { run: () => tf.Tensor; inputs: tf.Tensor[] };
}

const cases: Case[] = [
  ...[
    { x: [64, 28, 28, 1], f: [5, 5, 1, 6] },
    { x: [64, 12, 12, 6], f: [5, 5, 6, 16] },
  ].map(({ x, f }) => ({
    name: `Conv2DBackpropFilter x ${x.join('×')}, filter ${f.join('×')}`,
    cpuRepeats: Math.min(3, repeats),
    setup: () => {
      const out = [x[0]!, x[1]! - f[0]! + 1, x[2]! - f[1]! + 1, f[3]!];
      const xs = tf.randomUniform(x, -1, 1, 'float32', 1);
      const dy = tf.randomUniform(out, -1, 1, 'float32', 2);
      const attrs = { strides: 1, pad: 'valid', dataFormat: 'NHWC', filterShape: f } as never;
      return { run: () => tf.engine().runKernel('Conv2DBackpropFilter', { x: xs, dy }, attrs) as tf.Tensor, inputs: [xs, dy] };
    },
  })),
  ...[
    { rows: 512 * 3, table: [40943, 256], cpuRepeats: 0 },
    { rows: 512 * 3, table: [20, 256], cpuRepeats: 1 },
    { rows: 64 * 100, table: [20, 128], cpuRepeats: 1 },
  ].map(({ rows, table, cpuRepeats }) => ({
    name: `UnsortedSegmentSum ${rows} rows of ${table[1]} into ${table[0]} segments`,
    cpuRepeats,
    setup: () => {
      const x = tf.randomUniform([rows, table[1]!], -1, 1, 'float32', 3);
      const ids = tf.randomUniform([rows], 0, table[0]!, 'int32', 4);
      return { run: () => tf.unsortedSegmentSum(x, ids as tf.Tensor1D, table[0]!), inputs: [x, ids] };
    },
  })),
];

async function time(backend: 'wasm' | 'cpu', c: Case, runs: number, warmup: number) {
  await selectBackend({ prefer: backend, fallback: false });
  const { run, inputs } = c.setup();
  const m = await measure(
    backend,
    () => {
      const y = run();
      y.dataSync();
      y.dispose();
    },
    { warmup, repeats: runs },
  );
  tf.dispose(inputs);
  return m;
}

for (const c of cases) {
  const wasm = await time('wasm', c, repeats, 1);
  if (c.cpuRepeats === 0) {
    console.log(`${c.name}: wasm ${formatMs(wasm.medianMs)} · cpu not run (see the header)`);
    continue;
  }
  const cpu = await time('cpu', c, c.cpuRepeats, c.cpuRepeats > 1 ? 1 : 0);
  printComparison(wasm, cpu, c.name);
}
