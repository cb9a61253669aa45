#!/usr/bin/env node
// Runs every benchmarks/src/*.bench.ts in turn (or those named on the command line), each in its own
// process so that one benchmark's backend and memory do not colour the next.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const files = readdirSync(join(here, 'src'))
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.includes(w)))
  .sort();
let failed = 0;
for (const f of files) {
  console.log(`\n## ${f}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(here, 'src', f)], { stdio: 'inherit', cwd: here });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
