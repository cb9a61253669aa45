import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { selectBackend } from '@dccg/backend';
import type { BackendName } from '@dccg/backend';
import { DEFAULT_TRAIN_CONFIG, train } from '@dccg/tasks';
import type { Checkpoint, TrainConfig } from '@dccg/tasks';
import { createProgress } from '../progress.js';
import { buildReport } from '../report/buildReport.js';
import { RUN_FILES, appendRecord, readRun, truncateRecords, writeFileAtomic } from '../runDir.js';
import { cliTasks } from '../tasks/index.js';
import type { CliTask, RunConfig, RunResults } from '../tasks/types.js';
import { COMMAND_ONLY_KEYS, TRAIN_CONFIG_KEYS, addCommonTrainOptions } from './options.js';

/** `dccg train <task>`: one subcommand per registered task. */
export function registerTrain(program: Command): void {
  const cmd = program
    .command('train')
    .description('train a task and write a run directory (config, metrics, checkpoints, results, report)');
  for (const task of cliTasks) {
    const sub = cmd.command(task.name).description(task.description);
    addCommonTrainOptions(sub, Object.keys(task.presets), task.defaultPreset);
    task.addOptions?.(sub);
    sub.action(async (opts: Record<string, unknown>) => {
      process.exitCode = await runTrain(task, opts);
    });
  }
}

/** Merges a preset with what the user typed (commander leaves untyped options undefined). */
export function mergeOptions(task: CliTask, typed: Record<string, unknown>): { preset: string; options: Record<string, unknown> } {
  const preset = (typed.preset as string | undefined) ?? task.defaultPreset;
  const base = task.presets[preset];
  if (!base) throw new Error(`dccg train ${task.name}: unknown preset '${preset}', expected one of ${Object.keys(task.presets).join(', ')}`);
  const options: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(typed)) {
    if (v === undefined || (COMMAND_ONLY_KEYS as readonly string[]).includes(k)) continue;
    options[k] = v;
  }
  return { preset, options };
}

function trainConfigOf(options: Record<string, unknown>): TrainConfig {
  const config: Record<string, unknown> = { ...DEFAULT_TRAIN_CONFIG };
  for (const k of TRAIN_CONFIG_KEYS) if (options[k] !== undefined) config[k] = options[k];
  return config as unknown as TrainConfig;
}

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** Runs `dccg train <task>` and returns the exit code (0 done, 130 stopped by Ctrl-C / --max-steps). */
export async function runTrain(task: CliTask, typed: Record<string, unknown>): Promise<number> {
  const resumeDir = typed.resume as string | undefined;
  let runConfig: RunConfig;
  let resume: Checkpoint | undefined;
  let dir: string;
  if (resumeDir) {
    dir = resolve(resumeDir);
    const run = readRun(dir);
    if (run.config.task !== task.name) throw new Error(`dccg train ${task.name}: --resume ${resumeDir} is a '${run.config.task}' run`);
    if (!run.checkpoint) throw new Error(`dccg train ${task.name}: --resume ${resumeDir} has no ${RUN_FILES.checkpoint} yet`);
    runConfig = run.config;
    resume = run.checkpoint;
    if (resume.done && run.results) {
      log(`dccg: the run in ${dir} has already finished; its report is ${join(dir, RUN_FILES.report)}`);
      return 0;
    }
  } else {
    const { preset, options } = mergeOptions(task, typed);
    const trainConfig = trainConfigOf(options);
    const tag = `${task.name}-${preset}-${trainConfig.variant.replace('+', '-')}-seed${trainConfig.seed}`;
    dir = resolve((typed.out as string | undefined) ?? join('runs', tag));
    if (existsSync(join(dir, RUN_FILES.config))) {
      throw new Error(`dccg train ${task.name}: ${dir} already holds a run; continue it with --resume ${dir} or choose another --out`);
    }
    runConfig = {
      task: task.name,
      preset,
      options,
      train: trainConfig,
      backend: { name: '', reason: '' },
      createdAt: new Date().toISOString(),
    };
  }

  const prefer = typed.backend as BackendName | undefined;
  const threads = typed.threads as number | undefined;
  const choice = await selectBackend({ ...(prefer ? { prefer } : {}), ...(threads ? { wasm: { threads } } : {}) });
  log(`dccg train ${task.name} · backend ${choice.name}: ${choice.reason}`);
  for (const t of choice.tried.filter((t) => !t.ok)) log(`  (skipped ${t.name}: ${t.reason})`);
  runConfig = { ...runConfig, backend: { name: choice.name, reason: choice.reason } };
  const t = runConfig.train;
  log(
    `preset ${runConfig.preset} · variant ${t.variant} · seed ${t.seed} · ${t.epochs} epochs · batch ${t.batchSize} · lr ${t.lr} · τ ${t.tau} · γ ${t.gamma} · α step ${+t.alphaStep.toFixed(6)}`,
  );
  log(`run directory ${dir}${resume ? ` (resuming at epoch ${resume.epoch + 1}, step ${resume.globalStep})` : ''}`);

  const built = await task.build(runConfig.options, {});
  log(
    `data: ${built.data.train.length} train · ${built.data.dev.length} dev · ${built.data.test.length} test` +
      Object.entries(built.data.extra ?? {})
        .map(([k, v]) => ` · ${v.length} ${k}`)
        .join(''),
  );
  mkdirSync(dir, { recursive: true });
  writeFileAtomic(join(dir, RUN_FILES.config), `${JSON.stringify(runConfig, null, 2)}\n`);
  if (resume) truncateRecords(dir, resume.globalStep);
  else writeFileSync(join(dir, RUN_FILES.metrics), '');

  const abort = { aborted: false };
  const onSigint = () => {
    if (abort.aborted) {
      log('dccg: second Ctrl-C, exiting without a checkpoint');
      process.exit(130);
    }
    abort.aborted = true;
    log('\ndccg: Ctrl-C — finishing this step and writing a checkpoint (Ctrl-C again to exit at once)');
  };
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigint);
  const progress = createProgress({ live: typed.progress !== false && Boolean(process.stderr.isTTY), epochs: t.epochs });
  try {
    const out = await train(built, {
      ...(resume ? { resume } : { config: runConfig.train }),
      signal: abort,
      ...(typed.maxSteps !== undefined ? { maxSteps: typed.maxSteps as number } : {}),
      onEpochStart: (info) => progress.startEpoch(info),
      onProgress: (p) => progress.update(p),
      onRecord: (r) => {
        appendRecord(dir, r);
        if (r.kind === 'eval') progress.evaluation(r);
      },
      onCheckpoint: (c) => writeFileAtomic(join(dir, RUN_FILES.checkpoint), JSON.stringify(c)),
    });
    progress.stop();
    if (out.stopped) {
      out.model.dispose();
      log(`dccg: stopped at step ${out.checkpoint.globalStep}; checkpoint written. Continue with: dccg train ${task.name} --resume ${dir}`);
      return 130;
    }
    const results: RunResults = {
      task: task.name,
      variant: t.variant,
      seed: t.seed,
      dev: out.dev,
      test: out.test,
      extra: out.extra,
      bestEpoch: out.bestEpoch,
      samples: out.samples,
      trainSeconds: out.trainSeconds,
      examplesPerSecond: out.examplesPerSecond,
      backend: choice.name,
    };
    out.model.dispose();
    writeFileAtomic(join(dir, RUN_FILES.results), `${JSON.stringify(results, null, 2)}\n`);
    const report = writeReport(dir);
    const primary = built.primaryMetric;
    log(
      `test ${primary} ${pct(out.test[primary])}` +
        Object.entries(out.extra)
          .map(([k, m]) => ` · ${k} ${pct(m[primary])}`)
          .join('') +
        ` · ${out.trainSeconds.toFixed(0)} s training, ${out.examplesPerSecond.toFixed(0)} examples/s`,
    );
    log(`report: ${report}`);
    process.stdout.write(`${JSON.stringify({ dir, test: out.test, extra: out.extra })}\n`);
    return 0;
  } finally {
    progress.stop();
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigint);
  }
}

function pct(v: number | undefined): string {
  return v === undefined ? 'n/a' : `${(v * 100).toFixed(1)}%`;
}

/** Writes `report.html` for a run directory and returns its path. */
export function writeReport(dir: string): string {
  const run = readRun(dir);
  const task = cliTasks.find((t) => t.name === run.config.task);
  const sections = task?.reportSections ? task.reportSections(run) : [];
  const path = join(dir, RUN_FILES.report);
  writeFileAtomic(path, buildReport(run, sections));
  return path;
}
