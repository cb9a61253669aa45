/**
 * Training throughput of multi-hop KG reasoning at the paper's scale: WN18RR (40,943 entities),
 * ComplEx d = 256, batch 512, one Adam step on length-3 path queries (two discrete hops: a
 * Gumbel-softmax over every entity at each), against its peer measured in the same run, the same
 * ComplEx composed continuously (Guu et al.'s baseline: no discrete hops), and single triples.
 *
 *   pnpm build && node --import tsx benchmarks/src/kg.bench.ts
 *
 * Environment: KG_BENCH_DATASET (default ../shared/data/kg/WN18RR.tar.gz from the repository root),
 * KG_BENCH_BACKENDS (default `wasm`; `wasm,cpu` adds the plain-JS backend, which is very slow here),
 * KG_BENCH_DIM (256), KG_BENCH_BATCH (512), KG_BENCH_REPEATS (3), KG_BENCH_RUNS (which of
 * `dccg,continuous,single`; default all). wasm32's heap is 4 GB: a step whose tensors do not fit
 * aborts the wasm module and the process, so run the configurations in separate processes to
 * measure the ones that fit.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import '@dccg/backend/gradients';
import { registerWasmTrainingKernels } from '@dccg/backend';
import { GraphIndex, generatePathQueries } from '@dccg/datasets';
import type { PathQuery } from '@dccg/datasets';
import { loadKnowledgeGraph } from '@dccg/datasets/node';
import { createRng } from '@dccg/gumbel';
import { createComplExModel, oneVsAllCrossEntropy, pathQueryForward } from '@dccg/tasks';
import type { Composition } from '@dccg/tasks';
import { formatMs, measure, printComparison } from './harness.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dataset = process.env['KG_BENCH_DATASET'] ?? `${root}../shared/data/kg/WN18RR.tar.gz`;
const backends = (process.env['KG_BENCH_BACKENDS'] ?? 'wasm').split(',').filter(Boolean);
const dim = Number(process.env['KG_BENCH_DIM'] ?? 256);
const batchSize = Number(process.env['KG_BENCH_BATCH'] ?? 512);
const repeats = Number(process.env['KG_BENCH_REPEATS'] ?? 3);
const wanted = (process.env['KG_BENCH_RUNS'] ?? 'dccg,continuous,single').split(',');

if (!existsSync(dataset)) {
  console.log(`kg.bench: ${dataset} not found; set KG_BENCH_DATASET to WN18RR's directory or .tar.gz. Skipped.`);
  process.exit(0);
}

const t0 = performance.now();
const kg = loadKnowledgeGraph(dataset);
const E = kg.entities.length;
const R = kg.relations.length;
const index = GraphIndex.fromTriples(kg.train, { numEntities: E, numRelations: R });
const walks = (k: number): PathQuery[] => generatePathQueries(index, { perLength: batchSize, lengths: [k], seed: 7 });
const len3 = walks(3);
const len1 = walks(1);
console.log(
  `WN18RR: ${E} entities, ${R} relations, ${kg.train.length / 3} training triples (loaded in ${formatMs(performance.now() - t0)}); ` +
    `d = ${dim}, batch ${batchSize}`,
);

for (const name of backends) {
  await tf.setBackend(name);
  await tf.ready();
  if (name === 'wasm') registerWasmTrainingKernels();
  const flags =
    name === 'wasm'
      ? ` (SIMD ${String(tf.env().getBool('WASM_HAS_SIMD_SUPPORT'))}, threads ${String(tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT'))})`
      : '';
  console.log(`\nbackend ${tf.getBackend()}${flags}`);
  const model = createComplExModel({ entities: E, relations: R, dim, rng: createRng(0) });
  const optimizer = tf.train.adam(1e-3);
  const rng = createRng(1);
  const step = (queries: PathQuery[], composition: Composition): number =>
    tf.tidy(() => {
      const batch = { subjects: queries.map((q) => q.source), paths: queries.map((q) => q.relations) };
      const targets = Int32Array.from(queries, (q) => q.target);
      const { value, grads } = tf.variableGrads(() => {
        const { scores } = pathQueryForward(model, batch, {
          composition,
          training: true,
          tau: 4,
          beta: 1,
          alpha: 0.5,
          subjectDropout: 0.7,
          relationDropout: 0.5,
          candidateDropout: 0.1,
          rng: rng.split(),
        });
        return oneVsAllCrossEntropy(scores, targets);
      }, model.variables());
      optimizer.applyGradients(Object.entries(grads).map(([name, tensor]) => ({ name, tensor })));
      return value.dataSync()[0]!;
    });
  const runs: [string, string, () => number][] = [
    ['dccg', 'dccg len-3 (2 discrete hops)', () => step(len3, 'discrete')],
    ['continuous', 'continuous len-3', () => step(len3, 'continuous')],
    ['single', 'single triples', () => step(len1, 'continuous')],
  ];
  const results = [];
  for (const [key, label, fn] of runs) {
    if (!wanted.includes(key)) continue;
    const m = await measure(label, fn, { warmup: 1, repeats });
    const mem = tf.memory();
    console.log(
      `${label}: ${formatMs(m.medianMs)} per step · ${(batchSize / (m.medianMs / 1000)).toFixed(1)} queries/s · ` +
        `tensors ${mem.numTensors}, ${(mem.numBytes / 2 ** 20).toFixed(0)} MiB held by tfjs, rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`,
    );
    results.push(m);
  }
  if (results.length >= 2) printComparison(results[0]!, results[1]!, `${results[0]!.label} against ${results[1]!.label}`);
  optimizer.dispose();
  model.dispose();
}
