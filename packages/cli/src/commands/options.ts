import { InvalidArgumentError } from 'commander';
import type { Command } from 'commander';
import { BACKEND_NAMES } from '@dccg/backend';
import type { BackendName } from '@dccg/backend';
import { VARIANTS } from '@dccg/tasks';
import type { TrainConfig, VariantName } from '@dccg/tasks';

/** A commander parser for an integer ≥ `min`, naming the option in its error. */
export function parseInteger(flag: string, min: number) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isInteger(n) || n < min) throw new InvalidArgumentError(`${flag} must be an integer >= ${min}, got ${value}`);
    return n;
  };
}

/** A commander parser for a number > 0 (or ≥ 0 with `allowZero`); accepts fractions such as `1/500`. */
export function parsePositive(flag: string, { allowZero = false, max = Infinity } = {}) {
  return (value: string): number => {
    const m = /^\s*([0-9.eE+-]+)\s*\/\s*([0-9.eE+-]+)\s*$/.exec(value);
    const n = m ? Number(m[1]) / Number(m[2]) : Number(value);
    const ok = Number.isFinite(n) && (allowZero ? n >= 0 : n > 0) && n <= max;
    if (value.trim() === '' || !ok) {
      throw new InvalidArgumentError(`${flag} must be a number ${allowZero ? '>= 0' : '> 0'}${max < Infinity ? ` and <= ${max}` : ''}, got ${value}`);
    }
    return n;
  };
}

/** A commander parser for a rate in [0, 1), such as a dropout probability. */
export function parseRate(flag: string) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === '' || !(n >= 0 && n < 1)) throw new InvalidArgumentError(`${flag} must be a number in [0, 1), got ${value}`);
    return n;
  };
}

/** A commander parser for one of `values`. */
export function parseChoice<T extends string>(flag: string, values: readonly T[]) {
  return (value: string): T => {
    if (!(values as readonly string[]).includes(value)) throw new InvalidArgumentError(`${flag} must be one of ${values.join(', ')}, got ${value}`);
    return value as T;
  };
}

/** The options every `dccg train <task>` has (the task adds its own). No defaults here: presets give them. */
export function addCommonTrainOptions(command: Command, presets: readonly string[], defaultPreset: string): Command {
  return command
    .option('--preset <name>', `preset: ${presets.join(' | ')} (default ${defaultPreset})`, parseChoice('--preset', presets))
    .option('--variant <v>', `the paper's variant: ${VARIANTS.join(' | ')}`, parseChoice<VariantName>('--variant', VARIANTS))
    .option('--tau <T>', 'Gumbel-softmax temperature τ', parsePositive('--tau'))
    .option('--gamma <g>', 'temperature-matching rate γ (β = τ(1 − e^(−γk)))', parsePositive('--gamma'))
    .option('--alpha-step <s>', 'DROPRES α increment per update event, e.g. 1/500', parsePositive('--alpha-step', { max: 1 }))
    .option('--seed <S>', 'seed of initialisation, batch order and sampling', parseInteger('--seed', 0))
    .option('--epochs <E>', 'epochs', parseInteger('--epochs', 1))
    .option('--batch-size <B>', 'examples per batch', parseInteger('--batch-size', 1))
    .option('--lr <L>', 'Adam learning rate', parsePositive('--lr'))
    .option('--hard', 'straight-through hard samples during training (evaluation is always hard)')
    .option('--dropres-mode <m>', 'DROPRES coins: batch (one per node call) | example (one per example)', parseChoice('--dropres-mode', ['batch', 'example'] as const))
    .option('--clip-norm <c>', 'global gradient-norm clip, 0 = none', parsePositive('--clip-norm', { allowZero: true }))
    .option('--backend <name>', `tfjs backend: ${BACKEND_NAMES.join(' | ')} (default: the fastest available, wasm on CPU)`, parseChoice<BackendName>('--backend', BACKEND_NAMES))
    .option('--threads <n>', 'wasm threads (default 1)', parseInteger('--threads', 1))
    .option('--out <dir>', 'run directory (default runs/<task>-<preset>-<variant>-seed<S>)')
    .option('--resume <dir>', 'continue the run in <dir> exactly where it stopped (other options are taken from its config.json)')
    .option('--max-steps <n>', 'stop after <n> training steps in total, writing a checkpoint (as Ctrl-C does)', parseInteger('--max-steps', 0))
    .option('--no-progress', 'print one line per epoch instead of a live progress bar');
}

/** The `TrainConfig` keys, which go from the merged options into the loop's config. */
export const TRAIN_CONFIG_KEYS: readonly (keyof TrainConfig)[] = [
  'epochs',
  'batchSize',
  'lr',
  'variant',
  'tau',
  'gamma',
  'alphaStep',
  'hard',
  'dropresMode',
  'clipNorm',
  'seed',
  'evalEachEpoch',
  'evalBatchSize',
];

/** Options that steer the command itself and are not part of a run's settings. */
export const COMMAND_ONLY_KEYS = ['preset', 'backend', 'threads', 'out', 'resume', 'maxSteps', 'progress'] as const;
