/**
 * The engine's contract: what a task is, what the loop gives a model at each step, and what comes back.
 *
 * A **task** (`Task<E, B, M>`) is data + model + loss + metrics + variants:
 * - `data`: plain examples `E` (no tensors) split into `train`, `dev`, `test` and optional extra named
 *   evaluation sets (`extra`, e.g. ListOps' depth-8 extrapolation set).
 * - `exampleLength(e)`: the loop groups training examples of similar length into batches, shuffles
 *   within groups and shuffles the batch order, every epoch, from a seeded `Rng` (so resume can rebuild
 *   the same order).
 * - `makeBatch(examples, { training })`: turns examples into a `Batch` (tensors); the loop disposes it.
 * - `createModel(config, rng)`: builds a `TaskModel` from a JSON `config`; the same config plus the
 *   named variables restore it from a checkpoint (`modelConfig` is stored in the checkpoint).
 * - `model.forward(batch, ctx)`: returns `{ loss, outputs }`. `loss` is a scalar (mean over the batch),
 *   `outputs` holds whatever `evaluateBatch` needs (predictions, chosen parents, …).
 * - `evaluateBatch(batch, outputs)`: host-side metric sums `{ name: { sum, count } }`; the loop adds
 *   them over batches and reports `sum / count`. Names are flat strings; breakdowns use a slash,
 *   e.g. `accuracy`, `accuracy/depth3`, `parentAccuracy`. `primaryMetric` picks the best model on dev.
 * - `updateEventsPerEpoch`: how often per epoch the schedules advance (ListOps 10, KG 3, MNIST 8).
 *
 * The **step context** (`StepContext`) is what the loop passes to `forward` at each step: the
 * temperature `tau`, the noise scale `beta`, the DROPRES probability `alpha`, `training`, `hard`
 * (straight-through samples), `dropresMode`, a fresh `rng` key for this step (split from the run's key,
 * so runs are reproducible and resumable), and `tap(name, logits, { axis })`: every discrete node passes
 * its logits through `ctx.tap` (an identity). On diagnostic steps (one per update event) the loop records,
 * per node, the L2 norm of the gradient that reaches the logits (through a `customGrad` identity) and
 * the saturation of `softmax(logits)` (mean top probability, mean entropy). At evaluation `alpha = 1`,
 * `hard = true`, `training = false`.
 *
 * **Variants** (`VariantName`): `base` (β = 1, α = 1), `tm` (temperature matching: β = τ(1 − e^{−γk}),
 * α = 1), `dropres` (β = 1, α = min(1, k·step)), `tm+dropres` (both; the default). k counts update
 * events. `variantSchedules` in `variants.ts` turns a name and `VariantOptions` into the two schedules.
 *
 * **Checkpoints** (`Checkpoint`) are plain JSON: the train config, the model config, every variable
 * by name (base64 float32), the optimizer's moments, the UpdateTicker state, the Rng state, the epoch,
 * the step within the epoch and the key that ordered this epoch's batches, the best dev score so far
 * and the best weights. The loop is browser-safe; the CLI writes checkpoints to disk atomically.
 *
 * The CLI side lives in `@dccg/cli` (`packages/cli/src/tasks/`): a `CliTask` per task (options,
 * presets, how to build the `Task` from options and files, how to read an eval file, report sections),
 * registered with one line in `packages/cli/src/tasks/index.ts`. `dccg train <task>`, `dccg eval <task>`
 * and `dccg report DIR` are generic over that registry.
 *
 * @example
 * ```ts
 * import { train } from '@dccg/tasks';
 * const result = await train(task, { epochs: 2, batchSize: 32, lr: 1e-3, variant: 'tm+dropres', tau: 1, seed: 0 });
 * console.log(result.test.accuracy);
 * ```
 */
import type * as tf from '@tensorflow/tfjs-core';
import type { Rng, RngState } from '@dccg/gumbel';

/** The four variants of the paper. */
export type VariantName = 'base' | 'tm' | 'dropres' | 'tm+dropres';

/** All variant names, in the paper's order. */
export const VARIANTS: readonly VariantName[] = ['base', 'tm', 'dropres', 'tm+dropres'];

/** A scalar of the update-event count k ≥ 0 (same shape as `@dccg/schedules`' `Schedule`). */
export type ScheduleFn = (k: number) => number;

/** Options that turn a variant name into β and α schedules. */
export interface VariantOptions {
  /** Temperature τ > 0; temperature matching raises β towards it. Default 1. */
  tau?: number;
  /** Temperature-matching rate γ > 0. Default 0.008. */
  gamma?: number;
  /** DROPRES α increment per update event, in (0, 1]. Default 1/500. */
  alphaStep?: number;
}

/** The β (noise scale) and α (DROPRES probability) schedules of a variant. */
export interface VariantSchedules {
  beta: ScheduleFn;
  alpha: ScheduleFn;
}

/** Options a discrete node passes with its logits to `ctx.tap`. */
export interface TapOptions {
  /** The categories' axis. Default -1. */
  axis?: number;
  /**
   * Which rows count in the saturation statistics: a 0/1 tensor of the logits' shape without `axis`
   * (e.g. to leave out padding). Default: every row.
   */
  rowMask?: tf.Tensor;
}

/** What the loop passes to a model's `forward` at each step. */
export interface StepContext {
  /** True while training (dropout on, DROPRES coins drawn); false at evaluation. */
  readonly training: boolean;
  /** Gumbel-softmax temperature τ. */
  readonly tau: number;
  /** Gumbel noise scale β (0 = deterministic relaxation). */
  readonly beta: number;
  /** DROPRES probability α of dropping the residual (1 = fully discrete). Evaluation: 1. */
  readonly alpha: number;
  /** Straight-through hard samples. Evaluation: true. */
  readonly hard: boolean;
  /** DROPRES coin granularity. */
  readonly dropresMode: 'batch' | 'example';
  /** A fresh key for this step; split it for each random draw (`ctx.rng.split()`). */
  readonly rng: Rng;
  /**
   * Identity on a discrete node's logits; the loop uses it to measure gradient norm and saturation on
   * diagnostic steps. Every discrete node must call it once per forward with its name from `Task.nodes`.
   */
  tap(name: string, logits: tf.Tensor, options?: TapOptions): tf.Tensor;
}

/** What a model's forward pass returns. Everything in it is disposed by the loop. */
export interface ForwardResult {
  /** Mean loss over the batch (a scalar). */
  loss: tf.Scalar;
  /** Named tensors that `Task.evaluateBatch` reads (predictions and the like). */
  outputs: Record<string, tf.Tensor>;
  /**
   * Optional in-graph batch accuracy (a scalar in [0, 1]) for the progress bar; the loop reads it on
   * the host only every few steps, so it costs no round trip per step.
   */
  accuracy?: tf.Scalar;
}

/** A batch of examples as tensors, plus whatever host-side data metrics need. */
export interface Batch {
  /** Number of examples in the batch. */
  readonly size: number;
  /** Frees the batch's tensors. */
  dispose(): void;
}

/** A trainable model. */
export interface TaskModel<B extends Batch = Batch> {
  /** Trainable variables by unique name (checkpoints store them under these names). */
  readonly variables: Record<string, tf.Variable>;
  /** The JSON config that `Task.createModel` rebuilds this model from. */
  readonly config: Record<string, unknown>;
  /** Runs the model on a batch. Must not leak: the loop wraps it in `tf.tidy`. */
  forward(batch: B, ctx: StepContext): ForwardResult;
  /** Frees the model's variables. */
  dispose(): void;
}

/** A metric accumulated over batches: reported as `sum / count`. */
export interface MetricSum {
  sum: number;
  count: number;
}

/** Named metric sums of one or more batches. */
export type MetricSums = Record<string, MetricSum>;

/** Named metric values (`sum / count`). */
export type Metrics = Record<string, number>;

/** A task's data splits (plain examples, no tensors). */
export interface TaskData<E> {
  train: readonly E[];
  dev: readonly E[];
  test: readonly E[];
  /** Further evaluation sets reported at the end, by name (e.g. `depth8`). */
  extra?: Record<string, readonly E[]>;
}

/** A task: data + model + loss + metrics. See the module doc for the whole contract. */
export interface Task<E = unknown, B extends Batch = Batch, M extends TaskModel<B> = TaskModel<B>> {
  /** Short name (`listops`, `mnist`, `kg`). */
  readonly name: string;
  /** Names of the model's discrete nodes, as passed to `ctx.tap` (for diagnostics). */
  readonly nodes: readonly string[];
  /** The data. */
  readonly data: TaskData<E>;
  /** The dev metric that selects the best model (higher is better). */
  readonly primaryMetric: string;
  /** Schedule update events per epoch. */
  readonly updateEventsPerEpoch: number;
  /** Length used to group training examples into batches of similar length. */
  exampleLength(example: E): number;
  /** Builds a batch; `training` lets a task add augmentation. */
  makeBatch(examples: readonly E[], options: { training: boolean }): B;
  /** Builds a model from its JSON config, initialised from `rng`. */
  createModel(config: Record<string, unknown>, rng: Rng): M;
  /** The model config used when training starts fresh. */
  readonly modelConfig: Record<string, unknown>;
  /** Host-side metric sums of one evaluated batch (may call `dataSync` on `outputs`). */
  evaluateBatch(batch: B, outputs: Record<string, tf.Tensor>, context: { set: string }): MetricSums;
  /**
   * Optional: JSON descriptions of a model's predictions on a few examples (for the report, e.g.
   * predicted and true parse trees). Called once at the end of training on test examples.
   */
  describe?(batch: B, outputs: Record<string, tf.Tensor>, examples: readonly E[]): unknown[];
  /**
   * Optional: the largest batch for examples of (padded) length `length`, so long examples (e.g. deep
   * extrapolation sets) go in smaller batches, in training and evaluation. Default: the batch size.
   */
  maxBatchSize?(length: number): number;
  /**
   * Optional: a different forward context per evaluation set (e.g. ListOps' extrapolation sets run more
   * message-passing rounds); returns the model to use for that set (may be the same one).
   */
  modelForSet?(model: M, set: string): M;
}

/** Any task, for registries. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyTask = Task<any, any, any>;

/** How the loop trains. Defaults are stated in `train`'s docs. */
export interface TrainConfig {
  /** Epochs. */
  epochs: number;
  /** Examples per batch. */
  batchSize: number;
  /** Adam learning rate. */
  lr: number;
  /** Variant (default `tm+dropres`). */
  variant: VariantName;
  /** Temperature τ. */
  tau: number;
  /** Temperature-matching rate γ. */
  gamma: number;
  /** DROPRES α step per update event. */
  alphaStep: number;
  /** Hard (straight-through) samples during training. */
  hard: boolean;
  /** DROPRES coin granularity. */
  dropresMode: 'batch' | 'example';
  /** Global gradient-norm clip (0 = none). */
  clipNorm: number;
  /** The run's seed. */
  seed: number;
  /** Evaluate on dev after each epoch (and keep the best weights). */
  evalEachEpoch: boolean;
  /** Maximum number of examples per evaluation batch. */
  evalBatchSize: number;
}

/** Per-node gradient diagnostics at one update event. */
export interface NodeDiagnostics {
  /** L2 norm of the loss gradient reaching the node's logits. */
  gradNorm: number;
  /** Mean over rows of the largest softmax probability. */
  topProb: number;
  /** Mean over rows of the softmax entropy (nats). */
  entropy: number;
}

/** One line of `metrics.jsonl`: an update event or an evaluation. */
export type MetricsRecord =
  | {
      kind: 'event';
      event: number;
      epoch: number;
      step: number;
      loss: number;
      accuracy?: number;
      alpha: number;
      beta: number;
      nodes: Record<string, NodeDiagnostics>;
    }
  | { kind: 'eval'; epoch: number; step: number; set: string; metrics: Metrics; best?: boolean };

/** A tensor stored in a checkpoint. */
export interface StoredTensor {
  shape: number[];
  /** Little-endian float32, base64. */
  data: string;
}

/** Everything needed to continue a run exactly. Plain JSON. */
export interface Checkpoint {
  version: 1;
  task: string;
  config: TrainConfig;
  modelConfig: Record<string, unknown>;
  weights: Record<string, StoredTensor>;
  optimizer: { t: number; m: Record<string, StoredTensor>; v: Record<string, StoredTensor> };
  ticker: { eventsPerEpoch: number; stepsPerEpoch: number; events: number; step: number } | Record<string, unknown>;
  rng: RngState;
  /** The key that ordered the current epoch's batches (so resume rebuilds the same order). */
  epochRng: RngState;
  epoch: number;
  /** Steps already done in `epoch`. */
  stepInEpoch: number;
  globalStep: number;
  best: { score: number; epoch: number; weights: Record<string, StoredTensor> } | null;
  /** Running loss/accuracy sums of the current epoch (for the progress bar after resume). */
  epochStats: { loss: number; accuracy: number; count: number };
  /** Whether the next step records diagnostics (an update event happened after the last step). */
  diagPending: boolean;
  /** True when the run has finished training. */
  done: boolean;
}

/** What `train` returns. */
export interface TrainResult {
  /** Best dev metrics (or last, when not evaluating each epoch). */
  dev: Metrics;
  test: Metrics;
  /** Metrics on `data.extra` sets, by name. */
  extra: Record<string, Metrics>;
  bestEpoch: number;
  /** From `Task.describe` on a few test examples. */
  samples: unknown[];
  /** Seconds of training (excluding evaluation). */
  trainSeconds: number;
  /** Training examples per second. */
  examplesPerSecond: number;
  /** True when stopped early via `signal` (a checkpoint was produced; no test metrics). */
  stopped: boolean;
}
