/**
 * The quick preset's test accuracy for each of the paper's four variants and for the LSTM baseline
 * trained with the same budget, over 3 seeds, by running the real `dccg train listops --preset quick`
 * (the built CLI) in turn. Prints one line per run and the mean ± sd per model, and the margin of the
 * paper's model (tm+dropres) over the LSTM.
 *
 *   node --import tsx src/listops-accuracy.bench.ts [seeds=0,1,2] [runs=tm+dropres,tm,dropres,base,lstm]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const bin = join(here, '..', '..', 'packages', 'cli', 'dist', 'bin.js');
const seeds = (process.argv[2] ?? '0,1,2').split(',').map(Number);
const runs = (process.argv[3] ?? 'tm+dropres,tm,dropres,base,lstm').split(',');
const root = mkdtempSync(join(tmpdir(), 'dccg-bench-'));

const results: Record<string, number[]> = {};
for (const run of runs) {
  for (const seed of seeds) {
    const args = run === 'lstm' ? ['--model', 'lstm', '--variant', 'base'] : ['--variant', run];
    const out = join(root, `${run.replace('+', '-')}-${seed}`);
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [bin, 'train', 'listops', '--preset', 'quick', ...args, '--seed', String(seed), '--out', out, '--no-progress'], {
      encoding: 'utf8',
    });
    const seconds = (performance.now() - t0) / 1000;
    if (r.status !== 0) {
      console.log(`${run} seed ${seed}: failed (${r.status}) ${r.stderr.split('\n').slice(-3).join(' ')}`);
      continue;
    }
    const summary = JSON.parse(r.stdout.trim().split('\n').pop()!) as { test: Record<string, number>; extra: Record<string, Record<string, number>> };
    (results[run] ??= []).push(summary.test.accuracy!);
    const parts = [`test accuracy ${(summary.test.accuracy! * 100).toFixed(1)}%`];
    if (summary.test.parentAccuracy !== undefined) parts.push(`parent ${(summary.test.parentAccuracy * 100).toFixed(1)}%`);
    for (const [k, m] of Object.entries(summary.extra)) parts.push(`${k} ${(m.accuracy! * 100).toFixed(1)}%`);
    console.log(`${run} seed ${seed}: ${parts.join(' · ')} · ${seconds.toFixed(0)} s`);
  }
}
const stats = (xs: number[]) => {
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / Math.max(1, xs.length - 1));
  return { m, sd };
};
for (const [run, xs] of Object.entries(results)) {
  const { m, sd } = stats(xs);
  console.log(`${run}: ${(m * 100).toFixed(1)}% ± ${(sd * 100).toFixed(1)} over ${xs.length} seed(s)`);
}
if (results['tm+dropres'] && results.lstm) {
  const d = stats(results['tm+dropres']).m - stats(results.lstm).m;
  console.log(`tm+dropres − lstm: ${(d * 100).toFixed(1)} points`);
}
rmSync(root, { recursive: true, force: true });
