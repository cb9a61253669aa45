/**
 * ListOps training throughput: examples per second of the paper's model (d = 60, 5 rounds) at batch 100,
 * on every CPU backend available here, and the ratio against the plain tfjs cpu backend measured in the
 * same run. The training loop is the real one (`train`), on length-grouped batches of depth 1..5
 * expressions of at most 100 tokens (the paper preset's data), so the figure includes batching,
 * Adam and the schedules.
 *
 *   node --import tsx src/listops-throughput.bench.ts [examples=1000] [backends=wasm,cpu]
 */
import { selectBackend } from '@dccg/backend';
import type { BackendName } from '@dccg/backend';
import { generateListOps } from '@dccg/datasets';
import { listOpsTask, train } from '@dccg/tasks';

const examples = Number(process.argv[2] ?? 1000);
const backends = (process.argv[3] ?? 'wasm,cpu').split(',') as BackendName[];
const batchSize = 100;

const trainSet = generateListOps({ count: examples, depth: [1, 5], seed: 1, maxLength: 100 });
const meanLength = trainSet.reduce((a, e) => a + e.ids.length, 0) / trainSet.length;
console.log(`ListOps training throughput · dccg model d=60, 5 rounds · batch ${batchSize} · ${examples} examples (mean length ${meanLength.toFixed(1)} tokens)`);

const rates: Record<string, number> = {};
for (const name of backends) {
  const choice = await selectBackend({ prefer: name, fallback: false }).catch((err: Error) => {
    console.log(`${name}: unavailable (${err.message})`);
    return null;
  });
  if (!choice) continue;
  const task = listOpsTask({ data: { train: trainSet, dev: [], test: [] }, model: { kind: 'dccg', d: 60, rounds: 5 } });
  // One short warm-up epoch (kernel setup, JIT), then the timed one.
  const warm = await train(task, { config: { epochs: 1, batchSize, evalEachEpoch: false, seed: 0 }, maxSteps: 2 });
  warm.model.dispose();
  const out = await train(task, { config: { epochs: 1, batchSize, evalEachEpoch: false, seed: 0 } });
  out.model.dispose();
  rates[name] = out.examplesPerSecond;
  console.log(`${name} (${choice.reason}): ${out.examplesPerSecond.toFixed(1)} examples/s, ${(out.trainSeconds / Math.ceil(examples / batchSize)).toFixed(2)} s/step`);
}
if (rates.cpu) {
  for (const [name, r] of Object.entries(rates)) if (name !== 'cpu') console.log(`${name}/cpu: ${(r / rates.cpu).toFixed(2)}×`);
}
