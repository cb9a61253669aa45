/**
 * Data preparation speed of @dccg/datasets, each against a peer measured in the same run:
 *
 * - loading FB15k-237 from its .tar.gz (gunzip + hand-parsed tar + TSV) against Node's zlib gunzip of the same file alone;
 * - building its GraphIndex (typed-array CSR, reciprocals, relation ranges) against the
 *   straightforward peer, a `Map<"head|relation", Set<tail>>` adjacency built triple by triple;
 * - 100,000 path queries (20,000 per length 1..5) by random walks over the index against the same
 *   walks over the Map peer;
 * - Guu evaluation sets (answers + candidates) for 1,000 dev queries;
 * - the paper's ListOps splits (100,000 train) generated, against reading the same examples back from
 *   the paper's JSON layout (what loading a pre-generated file costs).
 *
 *   pnpm build && node --import tsx benchmarks/src/datasets.bench.ts
 *
 * Environment: DATASETS_BENCH_KG (default ../shared/data/kg/FB15k-237.tar.gz from the repository
 * root), DATASETS_BENCH_REPEATS (default 3).
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import {
  GraphIndex,
  concatTriples,
  createRandom,
  generatePathQueries,
  listOpsSplits,
  pathQueryEvaluation,
  readPaperJson,
  writePaperJson,
} from '@dccg/datasets';
import type { KnowledgeGraph } from '@dccg/datasets';
import { loadKnowledgeGraph } from '@dccg/datasets/node';
import { formatMs, measure, printComparison } from './harness.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const kgPath = process.env['DATASETS_BENCH_KG'] ?? `${root}../shared/data/kg/FB15k-237.tar.gz`;
const repeats = Number(process.env['DATASETS_BENCH_REPEATS'] ?? 3);

/** The peer: adjacency as a Map from "head|relation" to tails, built the way one would by hand. */
function mapIndex(triples: Int32Array, R: number): { adj: Map<string, Set<number>>; out: Map<number, [number, number][]> } {
  const adj = new Map<string, Set<number>>();
  const out = new Map<number, [number, number][]>();
  const add = (h: number, r: number, t: number) => {
    const k = `${h}|${r}`;
    const a = adj.get(k);
    if (a) a.add(t);
    else adj.set(k, new Set([t]));
    const o = out.get(h);
    if (o) o.push([r, t]);
    else out.set(h, [[r, t]]);
  };
  for (let i = 0; i < triples.length; i += 3) {
    add(triples[i]!, triples[i + 1]!, triples[i + 2]!);
    add(triples[i + 2]!, triples[i + 1]! + R, triples[i]!);
  }
  return { adj, out };
}

function mapWalks(out: Map<number, [number, number][]>, perLength: number, seed: number): number {
  const rng = createRandom(seed);
  const starts = [...out.keys()];
  let n = 0;
  for (let k = 1; k <= 5; k++) {
    for (let q = 0; q < perLength; q++) {
      let cur = starts[rng.nextInt(starts.length)]!;
      const rels: number[] = [];
      for (let i = 0; i < k; i++) {
        const edges = out.get(cur)!;
        const [r, t] = edges[rng.nextInt(edges.length)]!;
        rels.push(r);
        cur = t;
      }
      n += rels.length;
    }
  }
  return n;
}

async function kgBench(): Promise<void> {
  if (!existsSync(kgPath)) {
    console.log(`datasets.bench: ${kgPath} not found; set DATASETS_BENCH_KG to a KG directory or .tar.gz. KG part skipped.`);
    return;
  }
  const raw = new Uint8Array(readFileSync(kgPath));
  let kg: KnowledgeGraph | undefined;
  const load = await measure('loadKnowledgeGraph', () => (kg = loadKnowledgeGraph(kgPath)), { warmup: 1, repeats });
  const gz = await measure('zlib gunzip only', () => gunzipSync(raw), { warmup: 1, repeats });
  const g = kg!;
  console.log(
    `${kgPath.split('/').pop()}: ${g.entities.length} entities, ${g.relations.length} relations, ` +
      `${g.train.length / 3} / ${g.valid.length / 3} / ${g.test.length / 3} triples`,
  );
  printComparison(load, gz, 'load .tar.gz');

  const full = concatTriples(g.train, g.valid, g.test);
  const dims = { numEntities: g.entities.length, numRelations: g.relations.length };
  let index: GraphIndex | undefined;
  const build = await measure('GraphIndex.fromTriples', () => (index = GraphIndex.fromTriples(full, dims)), { warmup: 1, repeats });
  let peer: ReturnType<typeof mapIndex> | undefined;
  const buildPeer = await measure('Map adjacency', () => (peer = mapIndex(full, g.relations.length)), { warmup: 1, repeats });
  console.log(`index: ${index!.numEdges} edges (reciprocals included)`);
  printComparison(build, buildPeer, 'build full-graph index');

  const walks = await measure('generatePathQueries', () => generatePathQueries(index!, { perLength: 20_000, seed: 1 }), { warmup: 1, repeats });
  const walksPeer = await measure('walks over Map', () => mapWalks(peer!.out, 20_000, 1), { warmup: 1, repeats });
  printComparison(walks, walksPeer, '100,000 path queries (20,000 per length 1..5)');
  const total = build.medianMs + walks.medianMs;
  console.log(`index + 100,000 queries: ${formatMs(total)} (${(total / 1000).toFixed(2)} s)`);

  const dev = generatePathQueries(index!, { perLength: 200, seed: 2, requireEdges: g.valid });
  const ev = await measure('pathQueryEvaluation ×1000', () => {
    let c = 0;
    for (const q of dev) c += pathQueryEvaluation(index!, q).candidates.length;
    return c;
  }, { warmup: 1, repeats });
  console.log(`Guu answers + candidates for 1,000 dev queries (through a valid edge): ${formatMs(ev.medianMs)}`);
}

async function listOpsBench(): Promise<void> {
  const opts = { seed: 1, trainSize: 100_000 };
  let splits: ReturnType<typeof listOpsSplits> | undefined;
  const gen = await measure('listOpsSplits', () => (splits = listOpsSplits(opts)), { warmup: 0, repeats: Math.min(repeats, 2) });
  const all = [...splits!.train, ...splits!.dev, ...splits!.test, ...Object.values(splits!.extrapolation).flat()];
  const text = writePaperJson(all);
  const read = await measure('readPaperJson', () => readPaperJson(text), { warmup: 0, repeats: Math.min(repeats, 2) });
  console.log(`ListOps (paper): ${all.length} examples (100,000 train, 10,000 dev, 10,000 test, 2 × 2,000 extrapolation), JSON ${(text.length / 1e6).toFixed(1)} MB`);
  printComparison(gen, read, 'generate vs read back');
}

await kgBench();
await listOpsBench();
