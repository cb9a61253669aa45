import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  GraphIndex,
  concatTriples,
  generatePathQueries,
  readPathQueries,
  writePathQueries,
} from '@dccg/datasets';
import type { KnowledgeGraph, PathQuery } from '@dccg/datasets';
import { loadKnowledgeGraph, readText } from '@dccg/datasets/node';

/** Options of {@link prepareKgData}. */
export interface PrepareKgDataOptions {
  /** A directory with train.txt, valid.txt, test.txt, or a .tar/.tar.gz/.tgz of them. */
  dataset: string;
  /** Longest path length generated (1 … maxLength). */
  maxLength: number;
  /** Training paths generated per length ≥ 2 (length 1 is every training triple). */
  trainPaths: number;
  /** Dev and test paths per length ≥ 2; also caps the length-1 dev and test triples. */
  evalPaths: number;
  /** Seed of the random walks. */
  dataSeed: number;
  /** A directory with Guu-format `train`, `dev`, `test` path files (`.txt`/`.tsv` optional) used instead of generating. */
  paths?: string;
  /** A Guu-format path file to use as the test set (for `dccg eval kg`). */
  evalFile?: string;
  /** Write the run's `train`, `dev` and `test` queries to this directory in Guu's format (readable back with `paths`). */
  writePaths?: string;
}

/** The graph and the queries of a KG run. */
export interface KgData {
  kg: KnowledgeGraph;
  /** Every known triple (train ∪ valid ∪ test), n × 3. */
  all: Int32Array;
  train: PathQuery[];
  dev: PathQuery[];
  test: PathQuery[];
}

function triplesAsQueries(triples: Int32Array, limit: number): PathQuery[] {
  const n = Math.min(triples.length / 3, limit);
  const out: PathQuery[] = [];
  for (let i = 0; i < n; i++) {
    out.push({ source: triples[3 * i]!, relations: Int32Array.of(triples[3 * i + 1]!), target: triples[3 * i + 2]! });
  }
  return out;
}

function findPathFile(dir: string, name: string): string {
  for (const candidate of [name, `${name}.txt`, `${name}.tsv`]) {
    const p = join(dir, candidate);
    if (existsSync(p)) return p;
  }
  throw new Error(`kg: --paths ${dir} holds no '${name}' path file (looked for ${name}, ${name}.txt, ${name}.tsv)`);
}

/**
 * Loads the graph and makes the path queries of a run, deterministically in its options: length 1
 * is the graph's own triples (all training triples; valid and test triples capped at `evalPaths`),
 * lengths 2 … maxLength are random walks (training walks over the training graph; dev and test
 * walks over the full graph, each using at least one valid or test edge, so that none is answerable
 * from the training edges alone). `paths` reads Guu-format files instead; `writePaths` writes
 * the queries it used.
 */
export function prepareKgData(options: PrepareKgDataOptions): KgData {
  const { dataset, maxLength, trainPaths, evalPaths, dataSeed } = options;
  const kg = loadKnowledgeGraph(dataset);
  const numEntities = kg.entities.length;
  const numRelations = kg.relations.length;
  const all = concatTriples(kg.train, kg.valid, kg.test);
  let train: PathQuery[];
  let dev: PathQuery[];
  let test: PathQuery[];
  if (options.paths !== undefined) {
    const read = (name: string): PathQuery[] => {
      const file = findPathFile(options.paths!, name);
      return readPathQueries(readText(file), kg, { source: file });
    };
    train = read('train');
    dev = read('dev');
    test = read('test');
  } else {
    const lengths = Array.from({ length: maxLength - 1 }, (_, i) => i + 2);
    const trainIndex = GraphIndex.fromTriples(kg.train, { numEntities, numRelations });
    const fullIndex = GraphIndex.fromTriples(all, { numEntities, numRelations });
    const walks = (index: GraphIndex, perLength: number, seed: number, requireEdges?: Int32Array): PathQuery[] =>
      lengths.length === 0 || perLength === 0
        ? []
        : generatePathQueries(index, { perLength, lengths, seed, unique: true, ...(requireEdges ? { requireEdges } : {}) });
    train = [...triplesAsQueries(kg.train, Infinity), ...walks(trainIndex, trainPaths, dataSeed)];
    dev = [...triplesAsQueries(kg.valid, evalPaths), ...walks(fullIndex, evalPaths, dataSeed + 1, kg.valid)];
    test = [...triplesAsQueries(kg.test, evalPaths), ...walks(fullIndex, evalPaths, dataSeed + 2, kg.test)];
  }
  if (options.evalFile !== undefined) {
    test = readPathQueries(readText(options.evalFile), kg, { source: options.evalFile });
  }
  if (options.writePaths !== undefined) {
    mkdirSync(options.writePaths, { recursive: true });
    for (const [name, qs] of [['train', train], ['dev', dev], ['test', test]] as const) {
      writeFileSync(join(options.writePaths, name), writePathQueries(qs, kg));
    }
  }
  return { kg, all, train, dev, test };
}
