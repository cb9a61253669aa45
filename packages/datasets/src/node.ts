/**
 * @dccg/datasets/node: the Node readers (file paths, directories, gzip, tar). Everything here reads
 * files and hands the bytes or text to the browser-safe parsers of the main entry.
 */
import { readFileSync, statSync, existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { DatasetError } from './DatasetError.js';
import type { KnowledgeGraph } from './kg/knowledgeGraph.js';
import { KG_SPLITS, buildKnowledgeGraph } from './kg/knowledgeGraph.js';
import { loadKnowledgeGraphArchive } from './kg/loadKnowledgeGraphArchive.js';
import { maybeGunzip } from './kg/tar.js';

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
