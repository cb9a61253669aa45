import type { Command } from 'commander';
import { KG_MODEL_KINDS, createKgTask } from '@dccg/tasks';
import type { KgModelKind } from '@dccg/tasks';
import { prepareKgData } from './kgData.js';
import { kgReportSections } from './kgReport.js';
import type { CliTask } from './types.js';

function number(options: Record<string, unknown>, key: string, flag: string, check: (v: number) => boolean, expected: string): number {
  const raw = options[key];
  const v = typeof raw === 'string' ? Number(raw) : raw;
  if (typeof v !== 'number' || !Number.isFinite(v) || !check(v)) {
    throw new Error(`dccg kg: ${flag} must be ${expected}, got ${JSON.stringify(raw)}`);
  }
  return v;
}

const int = (min: number) => (v: number) => Number.isInteger(v) && v >= min;
const rate = (v: number) => v >= 0 && v < 1;

/** The paper's knowledge-graph settings; the dataset presets below add the data and dropouts. */
const PAPER = {
  dataset: '../shared/data/kg/umls.tar.gz',
  model: 'dccg',
  variant: 'tm+dropres',
  epochs: 200,
  batchSize: 512,
  lr: 1e-3,
  tau: 4,
  gamma: 0.008,
  alphaStep: 1 / 200,
  dim: 256,
  initScale: 1,
  maxLength: 5,
  maxTrainLength: 5,
  trainPaths: 20000,
  evalPaths: 1000,
  dataSeed: 1,
  subjectDropout: 0,
  relationDropout: 0,
  candidateDropout: 0,
};

/**
 * `dccg train kg` / `dccg eval kg`: multi-hop reasoning over a knowledge graph, path queries of
 * length 1 … 5 answered with a discrete entity at every intermediate hop (or the ComplEx baselines).
 *
 * Presets: `quick` (UMLS-sized graphs on a laptop CPU: d = 64, batch 512, lr 1e-2, τ = 4,
 * α step 1/30, 1,000 training walks per length, 12 epochs), `paper` (d = 256, batch 512, lr 1e-3,
 * τ = 4, γ = 0.008, α step 1/200, 200 epochs, 20,000 walks per length; 3 update events per epoch),
 * both on `../shared/data/kg/umls.tar.gz` unless `--dataset` is given, and `paper-wn18rr` /
 * `paper-fb15k237`: the paper preset on WN18RR / FB15k-237 with the paper's dropouts on subject,
 * relation and candidates (0.7 / 0.5 / 0.1 and 0.1 / 0.2 / 0.6).
 */
export const kg: CliTask = {
  name: 'kg',
  description: 'multi-hop KG reasoning: path queries with a discrete entity at every hop (ComplEx, reciprocal relations)',
  presets: {
    quick: {
      dataset: '../shared/data/kg/umls.tar.gz',
      model: 'dccg',
      variant: 'tm+dropres',
      epochs: 12,
      batchSize: 512,
      lr: 1e-2,
      tau: 4,
      gamma: 0.008,
      alphaStep: 1 / 30,
      dim: 64,
      initScale: 1,
      maxLength: 5,
      maxTrainLength: 5,
      trainPaths: 1000,
      evalPaths: 200,
      dataSeed: 1,
      subjectDropout: 0,
      relationDropout: 0,
      candidateDropout: 0,
    },
    paper: PAPER,
    // The paper's WordNet and Freebase settings: the paper preset plus the dataset and its dropouts.
    'paper-wn18rr': {
      ...PAPER,
      dataset: '../shared/data/kg/WN18RR.tar.gz',
      subjectDropout: 0.7,
      relationDropout: 0.5,
      candidateDropout: 0.1,
    },
    'paper-fb15k237': {
      ...PAPER,
      dataset: '../shared/data/kg/FB15k-237.tar.gz',
      subjectDropout: 0.1,
      relationDropout: 0.2,
      candidateDropout: 0.6,
    },
  },
  defaultPreset: 'quick',
  addOptions(command: Command) {
    command
      .option('--dataset <path>', 'graph: a directory with train.txt/valid.txt/test.txt, or a .tar.gz of them')
      .option('--model <kind>', `which model: ${KG_MODEL_KINDS.join(' | ')} (dccg = discrete hops; the others are the ComplEx baselines)`)
      .option('--max-train-length <n>', 'train on paths of length <= n only (extrapolation); test on every length')
      .option('--max-length <n>', 'longest path generated (lengths 1..n)')
      .option('--dim <d>', 'complex embedding dimension')
      .option('--init-scale <x>', 'embeddings start uniform in [-x, x]')
      .option('--train-paths <n>', 'training random walks per length >= 2 (length 1 is every training triple)')
      .option('--eval-paths <n>', 'dev and test walks per length >= 2, and cap on the length-1 dev/test triples')
      .option('--data-seed <n>', 'seed of the random walks')
      .option('--paths <dir>', "read Guu-format 'train', 'dev', 'test' path files from dir instead of generating")
      .option('--write-paths <dir>', "write the run's train, dev and test path queries to dir in Guu's format")
      .option('--subject-dropout <p>', 'dropout on the subject embedding (paper: WordNet 0.7, Freebase 0.1)')
      .option('--relation-dropout <p>', 'dropout on the relation embeddings (paper: WordNet 0.5, Freebase 0.2)')
      .option('--candidate-dropout <p>', 'dropout on the candidate entity table (paper: WordNet 0.1, Freebase 0.6)');
  },
  async build(options, context) {
    const dataset = options['dataset'];
    if (typeof dataset !== 'string' || dataset === '') {
      throw new Error(`dccg kg: --dataset must name a directory or a .tar.gz of train/valid/test.txt, got ${JSON.stringify(dataset)}`);
    }
    const model = options['model'] ?? 'dccg';
    if (!(KG_MODEL_KINDS as readonly unknown[]).includes(model)) {
      throw new Error(`dccg kg: --model must be one of ${KG_MODEL_KINDS.join(', ')}, got ${JSON.stringify(model)}`);
    }
    const maxLength = number(options, 'maxLength', '--max-length', int(1), 'an integer >= 1');
    const maxTrainLength = number(options, 'maxTrainLength', '--max-train-length', int(1), 'an integer >= 1');
    const paths = options['paths'];
    const writePaths = options['writePaths'];
    const data = prepareKgData({
      dataset,
      maxLength,
      trainPaths: number(options, 'trainPaths', '--train-paths', int(0), 'an integer >= 0'),
      evalPaths: number(options, 'evalPaths', '--eval-paths', int(1), 'an integer >= 1'),
      dataSeed: number(options, 'dataSeed', '--data-seed', int(0), 'an integer >= 0'),
      ...(typeof paths === 'string' ? { paths } : {}),
      ...(typeof writePaths === 'string' ? { writePaths } : {}),
      ...(context.evalFile !== undefined ? { evalFile: context.evalFile } : {}),
    });
    return createKgTask({
      entities: data.kg.entities.length,
      relations: data.kg.relations.length,
      entityNames: data.kg.entities,
      relationNames: data.kg.relations,
      triples: data.all,
      train: data.train,
      dev: data.dev,
      test: data.test,
      model: model as KgModelKind,
      maxTrainLength,
      maxLength,
      dim: number(options, 'dim', '--dim', int(1), 'an integer >= 1'),
      initScale: number(options, 'initScale', '--init-scale', (v) => v > 0, 'a number > 0'),
      subjectDropout: number(options, 'subjectDropout', '--subject-dropout', rate, 'in [0, 1)'),
      relationDropout: number(options, 'relationDropout', '--relation-dropout', rate, 'in [0, 1)'),
      candidateDropout: number(options, 'candidateDropout', '--candidate-dropout', rate, 'in [0, 1)'),
    });
  },
  reportSections: (run) => kgReportSections(run),
};
