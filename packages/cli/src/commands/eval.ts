import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { createRng } from '@dccg/gumbel';
import { selectBackend } from '@dccg/backend';
import type { BackendName } from '@dccg/backend';
import { evaluate, setWeights } from '@dccg/tasks';
import { RUN_FILES, readRun } from '../runDir.js';
import { cliTasks } from '../tasks/index.js';
import type { CliTask } from '../tasks/types.js';
import { parseChoice, parseInteger } from './options.js';
import { BACKEND_NAMES } from '@dccg/backend';

/** `dccg eval <task> --checkpoint DIR [--data FILE]`: one subcommand per registered task. */
export function registerEval(program: Command): void {
  const cmd = program.command('eval').description("evaluate a run's checkpoint on a data file and print the metrics as JSON");
  for (const task of cliTasks) {
    cmd
      .command(task.name)
      .description(`evaluate a ${task.name} checkpoint`)
      .requiredOption('--checkpoint <dir>', 'run directory written by dccg train (its best weights are used)')
      .option('--data <file>', "examples to evaluate (listops: the paper's JSON or Nangia's TSV; mnist-addition: a DeepProbLog index file; kg: Guu path queries); default: the run's own test set, rebuilt from its config")
      .option('--pairs <file>', 'the same as --data (DeepProbLog addition(i,j,sum). index files)')
      .option('--set <name>', "evaluation set name, e.g. depth8 (ListOps: runs 8 message-passing rounds)", 'test')
      .option('--batch-size <n>', 'examples per evaluation batch', parseInteger('--batch-size', 1), 250)
      .option('--last', 'use the last weights instead of the best dev weights')
      .option('--backend <name>', `tfjs backend: ${BACKEND_NAMES.join(' | ')}`, parseChoice<BackendName>('--backend', BACKEND_NAMES))
      .action(async (opts: Record<string, unknown>) => {
        process.exitCode = await runEval(task, opts);
      });
  }
}

/** Runs `dccg eval <task>`; prints `{ checkpoint, data, set, examples, metrics }` as JSON on stdout. */
export async function runEval(task: CliTask, opts: Record<string, unknown>): Promise<number> {
  const dir = resolve(opts.checkpoint as string);
  const run = readRun(dir);
  if (run.config.task !== task.name) throw new Error(`dccg eval ${task.name}: ${dir} is a '${run.config.task}' run`);
  if (!run.checkpoint) throw new Error(`dccg eval ${task.name}: ${dir} has no ${RUN_FILES.checkpoint}`);
  const backend = opts.backend as BackendName | undefined;
  const choice = await selectBackend(backend ? { prefer: backend } : {});
  process.stderr.write(`dccg eval ${task.name} · backend ${choice.name}: ${choice.reason}\n`);
  if (opts.data != null && opts.pairs != null) throw new Error(`dccg eval ${task.name}: give --data or --pairs, not both`);
  const file = (opts.data ?? opts.pairs) as string | undefined;
  const data = file == null ? null : resolve(file);
  // Without a file the task is rebuilt from the run's own options: its data are seeded, so this is
  // the run's test set again.
  const built = await task.build(run.config.options, data == null ? {} : { evalFile: data });
  const ckpt = run.checkpoint;
  const model = built.createModel(ckpt.modelConfig, createRng(0));
  try {
    setWeights(model, ckpt.best && !opts.last ? ckpt.best.weights : ckpt.weights);
    const set = opts.set as string;
    const m = built.modelForSet ? built.modelForSet(model, set) : model;
    const metrics = evaluate(built, m, built.data.test, { set, batchSize: opts.batchSize as number, seed: ckpt.config.seed });
    const out = { checkpoint: join(dir, RUN_FILES.checkpoint), data: data ?? 'the run\'s test set', set, examples: built.data.test.length, weights: ckpt.best && !opts.last ? 'best' : 'last', metrics };
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return 0;
  } finally {
    model.dispose();
  }
}
