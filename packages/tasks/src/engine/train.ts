import * as tf from '@tensorflow/tfjs-core';
import { createRng, rngFromState } from '@dccg/gumbel';
import type { Rng } from '@dccg/gumbel';
import { UpdateTicker } from '@dccg/schedules';
import { Adam } from './adam.js';
import { lengthGroupedBatches } from './batches.js';
import { evaluate, evaluationContext } from './evaluate.js';
import { decodeTensor, encodeTensor } from './storedTensor.js';
import { identityTap, readTapRecords, recordingTap } from './tap.js';
import type { TapRecord } from './tap.js';
import { VARIANTS } from './types.js';
import type {
  AnyTask,
  Checkpoint,
  Metrics,
  MetricsRecord,
  NodeDiagnostics,
  StepContext,
  StoredTensor,
  TaskModel,
  TrainConfig,
  TrainResult,
} from './types.js';
import { variantSchedules } from './variants.js';

/** The defaults of every `TrainConfig` field. */
export const DEFAULT_TRAIN_CONFIG: Readonly<TrainConfig> = Object.freeze({
  epochs: 10,
  batchSize: 100,
  lr: 5e-4,
  variant: 'tm+dropres',
  tau: 1,
  gamma: 0.008,
  alphaStep: 1 / 500,
  hard: false,
  dropresMode: 'batch',
  clipNorm: 0,
  seed: 0,
  evalEachEpoch: true,
  evalBatchSize: 250,
});

/** Where training stands, for a progress bar. */
export interface TrainProgress {
  epoch: number;
  epochs: number;
  /** Steps done in this epoch. */
  step: number;
  /** Steps per epoch. */
  steps: number;
  globalStep: number;
  /** Mean training loss of this epoch so far. */
  loss: number;
  /** Mean training accuracy of this epoch so far (NaN when the model reports none). */
  accuracy: number;
  alpha: number;
  beta: number;
  /** Training steps per second over the last progress interval. */
  stepsPerSecond: number;
}

/** Options of `train`. */
export interface TrainOptions {
  /** Overrides of `DEFAULT_TRAIN_CONFIG`. Ignored when resuming (the checkpoint's config is used). */
  config?: Partial<TrainConfig>;
  /** A checkpoint to continue from exactly. */
  resume?: Checkpoint;
  /** When `aborted` turns true the loop finishes its step, checkpoints and returns `stopped: true`. */
  signal?: { readonly aborted: boolean };
  /** Stop (as with `signal`) once this many steps have been done in total. Default: none. */
  maxSteps?: number;
  /** Progress is read from the backend every this many steps. Default 10. */
  progressEvery?: number;
  /** Called every `progressEvery` steps and at each epoch's end. */
  onProgress?(progress: TrainProgress): void;
  /** Called for every update event and every evaluation (the lines of `metrics.jsonl`). */
  onRecord?(record: MetricsRecord): void | Promise<void>;
  /** Called with a checkpoint at each update event, each epoch's end, on stop and at the end. */
  onCheckpoint?(checkpoint: Checkpoint): void | Promise<void>;
  /** Called when an epoch starts (after resume: with the steps already done). */
  onEpochStart?(info: { epoch: number; steps: number; stepInEpoch: number }): void;
  /** Test examples described for the report (`Task.describe`). Default 8. */
  sampleCount?: number;
}

/** `train`'s result plus the final checkpoint. */
export interface TrainOutcome extends TrainResult {
  checkpoint: Checkpoint;
  /** The trained model (best weights when evaluating each epoch); the caller disposes it. */
  model: TaskModel;
}

/**
 * Trains any `Task`: length-grouped shuffled batches, Adam, β and α from the variant's schedules
 * advancing on update events, gradient diagnostics of every discrete node at each event, evaluation on
 * dev after every epoch with best-model selection, then test and the extra sets with the best weights.
 * Everything random comes from `config.seed` through split keys, and the whole state fits in a JSON
 * `Checkpoint`, so a stopped run resumed with `resume` ends with the same weights as an uninterrupted
 * one. Register gradients first (`import '@dccg/backend/gradients'` or `selectBackend()`).
 *
 * Config defaults (`DEFAULT_TRAIN_CONFIG`): epochs 10, batchSize 100, lr 5e-4, variant `tm+dropres`,
 * tau 1, gamma 0.008, alphaStep 1/500, hard false, dropresMode `batch`, clipNorm 0, seed 0,
 * evalEachEpoch true, evalBatchSize 250.
 *
 * @example
 * ```ts
 * const out = await train(task, { config: { epochs: 2, seed: 1 }, onProgress: (p) => console.log(p.loss) });
 * console.log(out.test.accuracy);
 * out.model.dispose();
 * ```
 */
export async function train(task: AnyTask, options: TrainOptions = {}): Promise<TrainOutcome> {
  const { resume, signal, maxSteps, onProgress, onRecord, onCheckpoint, onEpochStart } = options;
  const progressEvery = options.progressEvery ?? 10;
  const sampleCount = options.sampleCount ?? 8;
  if (!Number.isInteger(progressEvery) || progressEvery < 1) {
    throw new Error(`train: progressEvery must be an integer >= 1, got ${progressEvery}`);
  }
  if (maxSteps !== undefined && !(Number.isInteger(maxSteps) && maxSteps >= 0)) {
    throw new Error(`train: maxSteps must be an integer >= 0, got ${maxSteps}`);
  }
  if (resume && resume.task !== task.name) {
    throw new Error(`train: checkpoint is for task '${resume.task}', got task '${task.name}'`);
  }
  const config = checkConfig(resume ? resume.config : { ...DEFAULT_TRAIN_CONFIG, ...options.config });
  const train = task.data.train;
  if (train.length === 0) throw new Error(`train: task '${task.name}' has no training examples`);
  const lengths = train.map((e) => task.exampleLength(e));
  const limit = task.maxBatchSize?.bind(task);
  const stepsPerEpoch = lengthGroupedBatches(lengths, { batchSize: config.batchSize, ...(limit ? { limit } : {}) }).length;
  const schedules = variantSchedules(config.variant, config);

  const root = createRng(config.seed);
  const initRng = root.split();
  const runRngFresh = root.split();
  const modelConfig = resume ? resume.modelConfig : task.modelConfig;
  const model: TaskModel = task.createModel(modelConfig, initRng);
  const names = Object.keys(model.variables).sort();
  const opt = new Adam(model.variables, { lr: config.lr, clipNorm: config.clipNorm });

  let ticker = new UpdateTicker({ eventsPerEpoch: task.updateEventsPerEpoch, stepsPerEpoch });
  let runRng: Rng = runRngFresh;
  let epoch = 0;
  let stepInEpoch = 0;
  let globalStep = 0;
  let epochRng: Rng | null = null;
  let best: { score: number; epoch: number; weights: Record<string, Float32Array> } | null = null;
  let diagPending = true;
  let epochLoss = 0;
  let epochAcc = 0;
  let epochCount = 0;
  let done = false;

  if (resume) {
    setWeights(model, resume.weights);
    opt.setState(resume.optimizer as Parameters<Adam['setState']>[0]);
    ticker = UpdateTicker.fromJSON(resume.ticker as Parameters<typeof UpdateTicker.fromJSON>[0]);
    runRng = rngFromState(resume.rng);
    epochRng = rngFromState(resume.epochRng);
    epoch = resume.epoch;
    stepInEpoch = resume.stepInEpoch;
    globalStep = resume.globalStep;
    diagPending = resume.diagPending;
    epochLoss = resume.epochStats.loss;
    epochAcc = resume.epochStats.accuracy;
    epochCount = resume.epochStats.count;
    done = resume.done;
    best = resume.best
      ? {
          score: resume.best.score,
          epoch: resume.best.epoch,
          weights: Object.fromEntries(Object.entries(resume.best.weights).map(([k, v]) => [k, decodeTensor(v).values])),
        }
      : null;
  }

  // Device-side running sums: reading them every step would stall the pipeline.
  let lossSum: tf.Scalar = tf.keep(tf.scalar(0));
  let accSum: tf.Scalar = tf.keep(tf.scalar(0));
  let accSeen = false;
  let lastLoss = 0;
  let lastAcc = 0;
  let lastCount = 0;

  const readSums = (): { loss: number; acc: number } => ({
    loss: epochLoss + lossSum.dataSync()[0]!,
    acc: epochAcc + accSum.dataSync()[0]!,
  });

  const makeCheckpoint = (): Checkpoint => {
    const sums = readSums();
    return {
      version: 1,
      task: task.name,
      config,
      modelConfig,
      weights: getWeights(model),
      optimizer: opt.getState(),
      ticker: ticker.toJSON() as Checkpoint['ticker'],
      rng: runRng.state,
      epochRng: (epochRng ?? runRng).state,
      epoch,
      stepInEpoch,
      globalStep,
      best: best
        ? {
            score: best.score,
            epoch: best.epoch,
            weights: Object.fromEntries(names.map((n) => [n, encodeTensor(best!.weights[n]!, model.variables[n]!.shape)])),
          }
        : null,
      epochStats: { loss: sums.loss, accuracy: sums.acc, count: epochCount },
      diagPending,
      done,
    };
  };

  const emit = async (record: MetricsRecord) => {
    if (onRecord) await onRecord(record);
  };

  let stopped = false;
  let trainSeconds = 0;
  let trainedExamples = 0;
  const varList = names.map((n) => model.variables[n]!);

  try {
    while (!done && epoch < config.epochs) {
      if (stepInEpoch === 0 || !epochRng) {
        epochRng = runRng.split();
        epochLoss = 0;
        epochAcc = 0;
        epochCount = 0;
      }
      const order = lengthGroupedBatches(lengths, { batchSize: config.batchSize, rng: epochRng.clone(), ...(limit ? { limit } : {}) });
      onEpochStart?.({ epoch, steps: order.length, stepInEpoch });
      let intervalStart = performance.now();
      let intervalSteps = 0;
      while (stepInEpoch < order.length) {
        if (signal?.aborted || (maxSteps !== undefined && globalStep >= maxSteps)) {
          stopped = true;
          break;
        }
        const t0 = performance.now();
        const examples = order[stepInEpoch]!.map((i) => train[i]!);
        const batch = task.makeBatch(examples, { training: true });
        const k = ticker.events;
        const beta = schedules.beta(k);
        const alpha = schedules.alpha(k);
        const diagnose = diagPending;
        const records = new Map<string, TapRecord>();
        const ctx: StepContext = {
          training: true,
          tau: config.tau,
          beta,
          alpha,
          hard: config.hard,
          dropresMode: config.dropresMode,
          rng: runRng.split(),
          tap: diagnose ? recordingTap(records) : identityTap,
        };
        try {
          tf.tidy(() => {
            let acc: tf.Scalar | undefined;
            const { value, grads } = tf.variableGrads(() => {
              const r = model.forward(batch, ctx);
              if (r.accuracy) acc = tf.keep(r.accuracy);
              return r.loss;
            }, varList);
            const byName: Record<string, tf.Tensor> = {};
            names.forEach((n, i) => {
              const g = grads[varList[i]!.name];
              if (g) byName[n] = g;
            });
            opt.apply(byName);
            const l = tf.keep(tf.add(lossSum, value) as tf.Scalar);
            lossSum.dispose();
            lossSum = l;
            if (acc) {
              accSeen = true;
              const a = tf.keep(tf.add(accSum, acc) as tf.Scalar);
              accSum.dispose();
              accSum = a;
              acc.dispose();
            }
          });
        } finally {
          batch.dispose();
        }
        stepInEpoch += 1;
        globalStep += 1;
        epochCount += 1;
        trainedExamples += examples.length;
        intervalSteps += 1;
        const event = ticker.tick();
        if (diagnose) {
          const nodes: Record<string, NodeDiagnostics> = readTapRecords(records);
          const sums = readSums();
          const n = Math.max(1, epochCount - lastCount);
          await emit({
            kind: 'event',
            event: k,
            epoch,
            step: globalStep,
            loss: (sums.loss - lastLoss) / n,
            ...(accSeen ? { accuracy: (sums.acc - lastAcc) / n } : {}),
            alpha,
            beta,
            nodes,
          });
          lastLoss = sums.loss;
          lastAcc = sums.acc;
          lastCount = epochCount;
          diagPending = false;
        }
        if (event) diagPending = true;
        trainSeconds += (performance.now() - t0) / 1000;
        if (onProgress && (stepInEpoch % progressEvery === 0 || stepInEpoch === order.length)) {
          const sums = readSums();
          const now = performance.now();
          onProgress({
            epoch,
            epochs: config.epochs,
            step: stepInEpoch,
            steps: order.length,
            globalStep,
            loss: sums.loss / epochCount,
            accuracy: accSeen ? sums.acc / epochCount : NaN,
            alpha,
            beta,
            stepsPerSecond: (intervalSteps * 1000) / Math.max(now - intervalStart, 1e-6),
          });
          intervalStart = now;
          intervalSteps = 0;
        }
        if (event && onCheckpoint) await onCheckpoint(makeCheckpoint());
        // Let timers and signal handlers (Ctrl-C) run between steps.
        await new Promise<void>((resolve) => setTimeout(resolve, 0));
      }
      if (stopped) break;
      // Epoch done: fold the device sums into host numbers, evaluate on dev, keep the best weights.
      const sums = readSums();
      epochLoss = sums.loss;
      epochAcc = sums.acc;
      resetSums();
      lastLoss = 0;
      lastAcc = 0;
      lastCount = 0;
      if (config.evalEachEpoch && task.data.dev.length > 0) {
        const dev = evaluateSet('dev', task.data.dev);
        const score = dev[task.primaryMetric];
        if (score === undefined) {
          throw new Error(`train: task '${task.name}' reports no primary metric '${task.primaryMetric}' on dev (got ${Object.keys(dev).join(', ')})`);
        }
        const isBest = !best || score > best.score;
        if (isBest) best = { score, epoch, weights: readWeights(model, names) };
        await emit({ kind: 'eval', epoch, step: globalStep, set: 'dev', metrics: dev, best: isBest });
      }
      epoch += 1;
      stepInEpoch = 0;
      epochRng = null;
      epochLoss = 0;
      epochAcc = 0;
      epochCount = 0;
      if (epoch >= config.epochs) done = true;
      if (onCheckpoint) await onCheckpoint(makeCheckpoint());
    }

    const checkpoint = makeCheckpoint();
    if (stopped) {
      if (onCheckpoint) await onCheckpoint(checkpoint);
      return {
        dev: {},
        test: {},
        extra: {},
        bestEpoch: best?.epoch ?? -1,
        samples: [],
        trainSeconds,
        examplesPerSecond: trainSeconds > 0 ? trainedExamples / trainSeconds : 0,
        stopped: true,
        checkpoint,
        model,
      };
    }
    if (best) loadWeights(model, best.weights);
    const dev = task.data.dev.length > 0 ? evaluateSet('dev', task.data.dev) : {};
    const test = task.data.test.length > 0 ? evaluateSet('test', task.data.test) : {};
    await emit({ kind: 'eval', epoch, step: globalStep, set: 'test', metrics: test });
    const extra: Record<string, Metrics> = {};
    for (const [set, examples] of Object.entries(task.data.extra ?? {})) {
      if (examples.length === 0) continue;
      extra[set] = evaluateSet(set, examples);
      await emit({ kind: 'eval', epoch, step: globalStep, set, metrics: extra[set]! });
    }
    const samples = describeSamples(task, model, sampleCount, config.seed);
    return {
      dev,
      test,
      extra,
      bestEpoch: best?.epoch ?? config.epochs - 1,
      samples,
      trainSeconds,
      examplesPerSecond: trainSeconds > 0 ? trainedExamples / trainSeconds : 0,
      stopped: false,
      checkpoint,
      model,
    };
  } catch (err) {
    model.dispose();
    throw err;
  } finally {
    lossSum.dispose();
    accSum.dispose();
    opt.dispose();
  }

  function resetSums(): void {
    lossSum.dispose();
    accSum.dispose();
    lossSum = tf.keep(tf.scalar(0));
    accSum = tf.keep(tf.scalar(0));
  }

  function evaluateSet(set: string, examples: readonly unknown[]): Metrics {
    const m = task.modelForSet ? task.modelForSet(model, set) : model;
    return evaluate(task, m, examples, { set, batchSize: config.evalBatchSize, seed: config.seed });
  }
}

function describeSamples(task: AnyTask, model: TaskModel, count: number, seed: number): unknown[] {
  if (!task.describe || count <= 0 || task.data.test.length === 0) return [];
  const test = task.data.test;
  const stride = Math.max(1, Math.floor(test.length / count));
  const examples = Array.from({ length: Math.min(count, test.length) }, (_, i) => test[i * stride]!);
  const batch = task.makeBatch(examples, { training: false });
  // A scope rather than tf.tidy: describe returns plain JSON, which tidy's types do not allow.
  tf.engine().startScope();
  try {
    const r = model.forward(batch, evaluationContext(seed));
    return task.describe!(batch, r.outputs, examples);
  } finally {
    tf.engine().endScope();
    batch.dispose();
  }
}

/** Every variable of `model` encoded by name (for checkpoints). */
export function getWeights(model: TaskModel): Record<string, StoredTensor> {
  const out: Record<string, StoredTensor> = {};
  for (const name of Object.keys(model.variables).sort()) {
    const v = model.variables[name]!;
    out[name] = encodeTensor(v.dataSync() as Float32Array, v.shape);
  }
  return out;
}

/**
 * Loads checkpoint weights into `model`; every variable must be present with its shape.
 *
 * @example
 * ```ts
 * setWeights(model, checkpoint.weights);
 * ```
 */
export function setWeights(model: TaskModel, weights: Record<string, StoredTensor>): void {
  for (const [name, v] of Object.entries(model.variables)) {
    const stored = weights[name];
    if (!stored) throw new Error(`setWeights: checkpoint lacks variable '${name}'`);
    const { values, shape } = decodeTensor(stored);
    if (shape.join(',') !== v.shape.join(',')) {
      throw new Error(`setWeights: variable '${name}' has shape [${v.shape}], checkpoint has [${shape}]`);
    }
    tf.tidy(() => v.assign(tf.tensor(values, shape, 'float32')));
  }
}

function readWeights(model: TaskModel, names: readonly string[]): Record<string, Float32Array> {
  return Object.fromEntries(names.map((n) => [n, new Float32Array(model.variables[n]!.dataSync() as Float32Array)]));
}

function loadWeights(model: TaskModel, weights: Record<string, Float32Array>): void {
  for (const [name, v] of Object.entries(model.variables)) {
    tf.tidy(() => v.assign(tf.tensor(weights[name]!, v.shape, 'float32')));
  }
}

/**
 * Fills in defaults and validates a training config, naming the bad field.
 *
 * @example
 * ```ts
 * checkConfig({ ...DEFAULT_TRAIN_CONFIG, epochs: 3 });
 * ```
 */
export function checkConfig(config: TrainConfig): TrainConfig {
  const c = { ...DEFAULT_TRAIN_CONFIG, ...config };
  const int = (k: keyof TrainConfig, min: number) => {
    const v = c[k] as number;
    if (!Number.isInteger(v) || v < min) throw new Error(`train: config.${k} must be an integer >= ${min}, got ${v}`);
  };
  int('epochs', 1);
  int('batchSize', 1);
  int('evalBatchSize', 1);
  int('seed', 0);
  if (!(c.lr > 0)) throw new Error(`train: config.lr must be > 0, got ${c.lr}`);
  if (!(c.tau > 0)) throw new Error(`train: config.tau must be > 0, got ${c.tau}`);
  if (!(c.gamma > 0)) throw new Error(`train: config.gamma must be > 0, got ${c.gamma}`);
  if (!(c.alphaStep > 0 && c.alphaStep <= 1)) throw new Error(`train: config.alphaStep must be in (0, 1], got ${c.alphaStep}`);
  if (!(c.clipNorm >= 0)) throw new Error(`train: config.clipNorm must be >= 0, got ${c.clipNorm}`);
  if (!VARIANTS.includes(c.variant)) throw new Error(`train: config.variant must be one of ${VARIANTS.join(', ')}, got ${c.variant}`);
  if (c.dropresMode !== 'batch' && c.dropresMode !== 'example') {
    throw new Error(`train: config.dropresMode must be 'batch' or 'example', got ${String(c.dropresMode)}`);
  }
  return c;
}
