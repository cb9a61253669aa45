/**
 * ListOps training throughput: examples per second of the paper's model (d = 60, 5 rounds) at batch 100
 * on each CPU backend available here, with the ratio against the plain tfjs cpu backend measured in the
 * same run. It runs the real `dccg train listops` (the built CLI, one process per backend so that one
 * backend's memory does not colour the other) for one epoch over depth 1..5 expressions of at most
 * 100 tokens (the paper preset's data), and reads `examplesPerSecond` (training steps only, no
 * evaluation) from the run's results.json.
 *
 *   node --import tsx src/listops-throughput.bench.ts [examples=1000] [backends=wasm,cpu]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const bin = join(here, '..', '..', 'packages', 'cli', 'dist', 'bin.js');
const examples = Number(process.argv[2] ?? 1000);
const backends = (process.argv[3] ?? 'wasm,cpu').split(',');
const root = mkdtempSync(join(tmpdir(), 'dccg-throughput-'));
console.log(`ListOps training throughput · dccg model d=60, 5 rounds · batch 100 · ${examples} expressions of depth 1-5, <= 100 tokens`);

const rates: Record<string, number> = {};
for (const backend of backends) {
  const out = join(root, backend);
  const r = spawnSync(
    process.execPath,
    [bin, 'train', 'listops', '--preset', 'paper', '--epochs', '1', '--batch-size', '100', '--train-size', String(examples),
      '--eval-per-depth', '1', '--extrapolation-size', '0', '--backend', backend, '--out', out, '--no-progress'],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) {
    console.log(`${backend}: failed (${r.status}) ${r.stderr.split('\n').slice(-3).join(' ')}`);
    continue;
  }
  const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as { examplesPerSecond: number; trainSeconds: number; backend: string };
  if (results.backend !== backend) {
    console.log(`${backend}: not available (the run fell back to ${results.backend})`);
    continue;
  }
  rates[backend] = results.examplesPerSecond;
  console.log(`${backend}: ${results.examplesPerSecond.toFixed(1)} examples/s (${results.trainSeconds.toFixed(0)} s of training)`);
}
if (rates.cpu) {
  for (const [name, v] of Object.entries(rates)) if (name !== 'cpu') console.log(`${name}/cpu: ${(v / rates.cpu).toFixed(1)}×`);
}
rmSync(root, { recursive: true, force: true });
