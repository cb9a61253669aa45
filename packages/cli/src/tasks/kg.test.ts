import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { writePathQueries } from '@dccg/datasets';
import type { KgQuery } from '@dccg/tasks';
import { kg } from './kg.js';
import { prepareKgData } from './kgData.js';

const here = dirname(fileURLToPath(import.meta.url));
const KG_DIR = [resolve(here, '../../../../../shared/data/kg'), '/work/shared/data/kg'].find((d) => existsSync(d));
const file = (name: string): string | undefined => (KG_DIR && existsSync(join(KG_DIR, name)) ? join(KG_DIR, name) : undefined);
const UMLS = file('umls.tar.gz');
const tmp = mkdtempSync(join(tmpdir(), 'dccg-kg-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

if (!UMLS) console.warn('kg.test: ../shared/data/kg/umls.tar.gz not found; the UMLS tests are skipped');

const small = (dataset: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  ...kg.presets['quick'],
  dataset,
  dim: 4,
  trainPaths: 30,
  evalPaths: 10,
  ...extra,
});

const lengths = (qs: readonly KgQuery[]): number[] => [...new Set(qs.map((q) => q.relations.length))].sort();

describe('kg cli task', () => {
  it.skipIf(!UMLS)('builds the UMLS task: triples as length 1, walks of 2..5, diagnostics per hop', async () => {
    const task = await kg.build(small(UMLS!), {});
    expect(task.name).toBe('kg');
    expect(task.nodes).toEqual(['hop1', 'hop2', 'hop3', 'hop4']);
    // 5216 training triples, each also backwards, and 30 walks per length 2..5.
    expect(task.data.train.length).toBe(2 * 5216 + 4 * 30);
    expect(lengths(task.data.test)).toEqual([1, 2, 3, 4, 5]);
    // 10 length-1 test triples also in reverse, for link prediction only.
    expect(task.data.test.filter((q: KgQuery) => q.linkOnly).length).toBe(10);
    expect(task.primaryMetric).toBe('mq');
  });

  it.skipIf(!UMLS)('trains on short paths only with --max-train-length, and the single baseline on triples only', async () => {
    const extrapolate = await kg.build(small(UMLS!, { maxTrainLength: 2 }), {});
    expect(lengths(extrapolate.data.train)).toEqual([1, 2]);
    expect(lengths(extrapolate.data.test)).toEqual([1, 2, 3, 4, 5]);
    const single = await kg.build(small(UMLS!, { model: 'single' }), {});
    expect(lengths(single.data.train)).toEqual([1]);
    expect(single.nodes).toEqual([]);
  });

  it.skipIf(!UMLS)("reads Guu-format path files (--paths) and an eval file, and is deterministic in its options", async () => {
    const data = prepareKgData({ dataset: UMLS!, maxLength: 3, trainPaths: 5, evalPaths: 5, dataSeed: 4 });
    const again = prepareKgData({ dataset: UMLS!, maxLength: 3, trainPaths: 5, evalPaths: 5, dataSeed: 4 });
    expect(writePathQueries(again.dev, again.kg)).toBe(writePathQueries(data.dev, data.kg));
    for (const [name, qs] of [['train', data.train], ['dev', data.dev], ['test', data.test]] as const) {
      writeFileSync(join(tmp, name), writePathQueries(qs, data.kg));
    }
    writeFileSync(join(tmp, 'eval.tsv'), writePathQueries(data.test.slice(0, 7), data.kg));
    const task = await kg.build(small(UMLS!, { paths: tmp }), {});
    expect(task.data.train.length).toBe(data.train.length + data.train.filter((q) => q.relations.length === 1).length);
    const evalTask = await kg.build(small(UMLS!, { paths: tmp }), { evalFile: join(tmp, 'eval.tsv') });
    expect(evalTask.data.test.filter((q: KgQuery) => !q.linkOnly).length).toBe(7);
  });

  it.skipIf(!UMLS)('writes the generated queries with --write-paths and reads the same task back with --paths', async () => {
    const dir = join(tmp, 'written');
    const written = await kg.build(small(UMLS!, { writePaths: dir }), {});
    const read = await kg.build(small(UMLS!, { paths: dir }), {});
    const key = (q: KgQuery): string => `${q.source} ${Array.from(q.relations).join(',')} ${q.target}`;
    expect(read.data.train.map(key)).toEqual(written.data.train.map(key));
    expect(read.data.test.map(key)).toEqual(written.data.test.map(key));
  });

  it('names the option and the value on bad input', async () => {
    await expect(kg.build(small(UMLS ?? 'x', { model: 'transe' }), {})).rejects.toThrow(
      /dccg kg: --model must be one of dccg, continuous, single, got "transe"/,
    );
    await expect(kg.build(small(UMLS ?? 'x', { dim: '0' }), {})).rejects.toThrow(/dccg kg: --dim must be an integer >= 1, got "0"/);
    await expect(kg.build(small(join(tmp, 'nope')), {})).rejects.toThrow(/does not exist/);
  });

  for (const [name, preset, entities, relations, dropouts] of [
    ['WN18RR.tar.gz', 'paper-wn18rr', 40943, 11, [0.7, 0.5, 0.1]],
    ['FB15k-237.tar.gz', 'paper-fb15k237', 14541, 237, [0.1, 0.2, 0.6]],
  ] as const) {
    const path = file(name);
    if (!path) console.warn(`kg.test: ../shared/data/kg/${name} not found; its test is skipped`);
    it.skipIf(!path)(`reads ${name} and builds its task with the ${preset} preset`, async () => {
      const task = await kg.build({ ...kg.presets[preset], dataset: path!, dim: 4, trainPaths: 5, evalPaths: 5 }, {});
      const config = task.modelConfig as Record<string, number>;
      expect([config['entities'], config['relations']]).toEqual([entities, relations]);
      expect([config['subjectDropout'], config['relationDropout'], config['candidateDropout']]).toEqual(dropouts);
      expect(config['dim']).toBe(4);
      expect(lengths(task.data.dev)).toEqual([1, 2, 3, 4, 5]);
    }, 60_000);
  }
});
