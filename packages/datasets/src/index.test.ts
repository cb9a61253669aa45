import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as datasets from './index.js';

const here = dirname(fileURLToPath(import.meta.url));

// Every module the main entry pulls in, following relative imports.
function moduleGraph(entry: string): Map<string, string> {
  const seen = new Map<string, string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    const text = readFileSync(file, 'utf8');
    seen.set(file, text);
    for (const m of text.matchAll(/(?:import|export)[^'"]*from\s+'([^']+)'/g)) {
      const spec = m[1] as string;
      if (spec.startsWith('.')) visit(resolve(dirname(file), spec.replace(/\.js$/, '.ts')));
    }
  };
  visit(entry);
  return seen;
}

describe('@dccg/datasets main entry', () => {
  it('is browser-safe: nothing it imports touches Node built-ins', () => {
    const graph = moduleGraph(join(here, 'index.ts'));
    expect(graph.size).toBeGreaterThan(10);
    for (const [file, text] of graph) {
      const bare = [...text.matchAll(/from\s+'([^'.][^']*)'/g)].map((m) => m[1]);
      for (const spec of bare) expect(['fflate'], `${file} imports ${spec}`).toContain(spec);
      expect(/\bprocess\.|\brequire\(/.test(text.replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '')), `${file} uses process or require`).toBe(false);
    }
  });

  it('exports the names the other packages build on', () => {
    for (const name of [
      'generateListOps', 'listOpsSplits', 'readPaperJson', 'readNangiaTsv', 'evaluateListOps', 'lengthBatches',
      'GraphIndex', 'generatePathQueries', 'readPathQueries', 'pathQueryEvaluation', 'buildKnowledgeGraph',
      'parseIdx', 'mnistFromIdx', 'generateAdditionPairs', 'readAdditionPairs', 'normalizeImages', 'createRandom',
    ]) {
      expect(typeof (datasets as Record<string, unknown>)[name], name).toBe('function');
    }
    expect(datasets.LISTOPS_VOCAB_SIZE).toBe(15);
  });
});

describe('createRandom', () => {
  it('is deterministic, uniform enough, and separates streams', () => {
    const a = datasets.createRandom(1);
    const b = datasets.createRandom(1);
    const xs = Array.from({ length: 1000 }, () => a.nextFloat());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b.nextFloat()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    const counts = new Array(10).fill(0);
    const r = datasets.createRandom(7);
    for (let i = 0; i < 100_000; i++) counts[r.nextInt(10)]++;
    // Chi-square with 9 degrees of freedom: 27.9 is the 0.1 % critical value.
    const chi = counts.reduce((s, c) => s + (c - 10_000) ** 2 / 10_000, 0);
    expect(chi).toBeLessThan(27.9);
    expect(datasets.createRandom(1, 1).nextFloat()).not.toBe(datasets.createRandom(1, 0).nextFloat());
    expect(() => datasets.createRandom(1.5)).toThrow('createRandom: seed must be an integer, got 1.5');
    expect(() => r.nextInt(0)).toThrow(/n must be a positive integer, got 0/);
  });
});
