import type { Command } from 'commander';
import type { AnyTask, Checkpoint, MetricsRecord, TrainConfig } from '@dccg/tasks';

/**
 * How a task plugs into `dccg train <task>`, `dccg eval <task>` and `dccg report DIR`.
 *
 * The generic commands own the common options (`--preset`, `--variant`, `--tau`, `--seed`, `--epochs`,
 * `--batch-size`, `--lr`, `--backend`, `--out`, `--resume`), the banner, the progress bar, the run
 * directory (`config.json`, `metrics.jsonl`, `checkpoint.json`, `results.json`, `report.html`),
 * checkpoints, resume and Ctrl-C. A task adds its own options, presets, how to build its `Task` (here
 * Node is allowed: read files, generate data) and its own report sections.
 *
 * Options reach `build` as one flat record: the preset's values, overridden by what the user typed
 * (commander's camelCase names, e.g. `trainSize`). That record is saved in `config.json`, so `--resume`,
 * `eval` and `report` rebuild the same task from it; `build` must therefore be deterministic in it.
 *
 * @example
 * ```ts
 * export const mnist: CliTask = {
 *   name: 'mnist',
 *   description: 'MNIST addition',
 *   presets: { quick: { epochs: 1, batchSize: 32, lr: 1e-3 } },
 *   defaultPreset: 'quick',
 *   addOptions: (cmd) => cmd.option('--digits <n>', 'digits per number', '1'),
 *   build: async (options) => createMnistTask({ digits: Number(options.digits) }),
 * };
 * ```
 */
export interface CliTask {
  /** The `<task>` argument (`listops`, `mnist`, `kg`). */
  readonly name: string;
  /** One line for `--help`. */
  readonly description: string;
  /**
   * Named presets: values for the common options (`epochs`, `batchSize`, `lr`, `tau`, `gamma`,
   * `alphaStep`, `variant`, …, any `TrainConfig` key) and for the task's own options.
   */
  readonly presets: Record<string, Record<string, unknown>>;
  /** The preset used without `--preset`. */
  readonly defaultPreset: string;
  /** Adds the task's own options to `dccg train <task>` and `dccg eval <task>` (no defaults: presets give them). */
  addOptions?(command: Command): void;
  /**
   * Builds the task from the merged options. With `evalFile`, the task's `data.test` must hold that
   * file's examples (train/dev may be empty): `dccg eval` evaluates a checkpoint on it.
   */
  build(options: Record<string, unknown>, context: { evalFile?: string }): Promise<AnyTask>;
  /** Extra report sections (HTML fragments, self-contained: inline SVG, no network). */
  reportSections?(run: RunData): ReportSection[];
}

/** A section of `report.html`. */
export interface ReportSection {
  title: string;
  /** Self-contained HTML (inline SVG/CSS; no scripts from the network). */
  html: string;
}

/** `config.json` of a run directory. */
export interface RunConfig {
  task: string;
  preset: string;
  /** The merged options that `CliTask.build` received. */
  options: Record<string, unknown>;
  train: TrainConfig;
  backend: { name: string; reason: string };
  createdAt: string;
}

/** `results.json` of a run directory. */
export interface RunResults {
  task: string;
  variant: string;
  seed: number;
  dev: Record<string, number>;
  test: Record<string, number>;
  extra: Record<string, Record<string, number>>;
  bestEpoch: number;
  samples: unknown[];
  trainSeconds: number;
  examplesPerSecond: number;
  backend: string;
}

/** A run directory as read back by `dccg report`. */
export interface RunData {
  dir: string;
  config: RunConfig;
  metrics: MetricsRecord[];
  results: RunResults | null;
  checkpoint: Checkpoint | null;
}
