import { DatasetError } from '../DatasetError.js';
import type { KgSplit, KnowledgeGraph } from './knowledgeGraph.js';
import { KG_SPLITS, buildKnowledgeGraph } from './knowledgeGraph.js';
import { readTar } from './tar.js';

/**
 * Loads a knowledge graph from the bytes of a `.tar`, `.tar.gz` or `.tgz` holding `train.txt`,
 * `valid.txt` and `test.txt` (at any folder depth; a single top folder such as `WN18RR/` is fine).
 * Browser-safe: give it the bytes of a fetched file.
 *
 * @example
 * const kg = loadKnowledgeGraphArchive(new Uint8Array(await (await fetch('WN18RR.tar.gz')).arrayBuffer()));
 * kg.entities.length; // 40943
 */
export function loadKnowledgeGraphArchive(bytes: Uint8Array, options: { source?: string } = {}): KnowledgeGraph {
  const fn = 'loadKnowledgeGraphArchive';
  const source = options.source;
  const files = readTar(bytes, { source });
  const found = {} as Record<KgSplit, { name: string; data: Uint8Array }>;
  for (const f of files) {
    const base = f.name.split('/').pop() as string;
    const split = KG_SPLITS.find((s) => base === `${s}.txt`);
    if (!split) continue;
    if (found[split]) throw new DatasetError(fn, `two ${split}.txt files: ${found[split].name} and ${f.name}`, { source });
    found[split] = f;
  }
  const missing = KG_SPLITS.filter((s) => !found[s]);
  if (missing.length) {
    throw new DatasetError(fn, `missing ${missing.map((s) => `${s}.txt`).join(', ')} (archive holds ${files.map((f) => f.name).join(', ') || 'no files'})`, { source });
  }
  const dec = new TextDecoder('utf-8', { fatal: true });
  const prefix = source ? `${source}:` : '';
  return buildKnowledgeGraph(
    { train: dec.decode(found.train.data), valid: dec.decode(found.valid.data), test: dec.decode(found.test.data) },
    { train: prefix + found.train.name, valid: prefix + found.valid.name, test: prefix + found.test.name },
  );
}
