/**
 * The quick preset's test accuracy for each of the paper's four variants and for the LSTM baseline
 * trained with the same budget, over 3 seeds, by running the real `dccg train listops --preset quick`
 * (the built CLI). Prints one line per run and the mean ± sd per model, and the margin of the paper's
 * model (tm+dropres) over the LSTM. Runs are independent processes (wasm uses one thread each), so
 * `jobs` of them can share the cores; each run's own figures do not depend on it.
 *
 *   node --import tsx src/listops-accuracy.bench.ts [seeds=0,1,2] [runs=tm+dropres,tm,dropres,base,lstm] [jobs=1]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const bin = join(here, '..', '..', 'packages', 'cli', 'dist', 'bin.js');
const seeds = (process.argv[2] ?? '0,1,2').split(',').map(Number);
const runs = (process.argv[3] ?? 'tm+dropres,tm,dropres,base,lstm').split(',');
const jobs = Number(process.argv[4] ?? 1);
if (!Number.isInteger(jobs) || jobs < 1) throw new Error(`listops-accuracy: jobs must be an integer >= 1, got ${process.argv[4]}`);
const root = mkdtempSync(join(tmpdir(), 'dccg-bench-'));

interface Summary {
  test: Record<string, number>;
  extra: Record<string, Record<string, number>>;
}

function runOne(run: string, seed: number): Promise<{ summary: Summary | null; seconds: number; error: string }> {
  const args = run === 'lstm' ? ['--model', 'lstm', '--variant', 'base'] : run === 'gnn' ? ['--model', 'gnn', '--variant', 'base'] : ['--variant', run];
  const out = join(root, `${run.replace('+', '-')}-${seed}`);
  const t0 = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, 'train', 'listops', '--preset', 'quick', ...args, '--seed', String(seed), '--out', out, '--no-progress']);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.on('close', (code) => {
      const seconds = (performance.now() - t0) / 1000;
      if (code !== 0) resolve({ summary: null, seconds, error: `failed (${code}) ${stderr.split('\n').slice(-3).join(' ')}` });
      else resolve({ summary: JSON.parse(stdout.trim().split('\n').pop()!) as Summary, seconds, error: '' });
    });
  });
}

const queue = runs.flatMap((run) => seeds.map((seed) => ({ run, seed })));
const results: Record<string, number[]> = {};
console.log(`ListOps quick preset accuracy · ${queue.length} runs · ${jobs} at a time`);
async function worker(): Promise<void> {
  for (let item = queue.shift(); item; item = queue.shift()) {
    const { run, seed } = item;
    const r = await runOne(run, seed);
    if (!r.summary) {
      console.log(`${run} seed ${seed}: ${r.error}`);
      continue;
    }
    const s = r.summary;
    (results[run] ??= []).push(s.test.accuracy!);
    const parts = [`test accuracy ${(s.test.accuracy! * 100).toFixed(1)}%`];
    if (s.test.parentAccuracy !== undefined) parts.push(`parent ${(s.test.parentAccuracy * 100).toFixed(1)}%`);
    for (const [k, m] of Object.entries(s.extra)) parts.push(`${k} ${(m.accuracy! * 100).toFixed(1)}%`);
    console.log(`${run} seed ${seed}: ${parts.join(' · ')} · ${r.seconds.toFixed(0)} s`);
  }
}
await Promise.all(Array.from({ length: jobs }, () => worker()));
const stats = (xs: number[]) => {
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / Math.max(1, xs.length - 1));
  return { m, sd };
};
for (const run of runs) {
  const xs = results[run];
  if (!xs) continue;
  const { m, sd } = stats(xs);
  console.log(`${run}: ${(m * 100).toFixed(1)}% ± ${(sd * 100).toFixed(1)} over ${xs.length} seed(s) (${xs.map((x) => (x * 100).toFixed(1)).join(', ')})`);
}
if (results['tm+dropres'] && results.lstm) {
  const d = stats(results['tm+dropres']).m - stats(results.lstm).m;
  console.log(`tm+dropres − lstm: ${(d * 100).toFixed(1)} points`);
}
rmSync(root, { recursive: true, force: true });
