import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunData } from './types.js';
import { mnistAddition } from './mnist.js';
import { greyPng } from './mnistPng.js';
import { mnistReportSections } from './mnistReport.js';

const dir = mkdtempSync(join(tmpdir(), 'dccg-mnist-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const options = (extra: Record<string, unknown> = {}) => ({ ...mnistAddition.presets.quick, ...extra });

describe('mnist-addition CLI task', () => {
  it('builds disjoint train/dev pairs and capped test pairs for N digits', async () => {
    const task = await mnistAddition.build(options({ digits: 4, trainPairs: 100000, devPairs: 50, testPairs: 300 }), {});
    expect(task.data.dev).toHaveLength(50);
    expect(task.data.train).toHaveLength(60000 / 8 - 50);
    expect(task.data.test).toHaveLength(300);
    expect(task.nodes).toEqual(['digit', 'carry']);
    const used = new Set<number>();
    for (const e of [...task.data.train, ...task.data.dev] as { a: Int32Array; b: Int32Array }[]) {
      for (const i of [...e.a, ...e.b]) {
        expect(used.has(i)).toBe(false);
        used.add(i);
      }
    }
  }, 60_000);

  it("reads DeepProbLog's addition(i,j,sum). files for dccg eval, checking the sums", async () => {
    const good = join(dir, 'pairs.txt');
    const probe = await mnistAddition.build(options({ testPairs: 2 }), {});
    const [e] = probe.data.test as { a: Int32Array; b: Int32Array; sum: number }[];
    writeFileSync(good, `addition(${e!.a[0]},${e!.b[0]},${e!.sum}).\n`);
    const task = await mnistAddition.build(options(), { evalFile: good });
    expect(task.data.test).toEqual([{ a: e!.a, b: e!.b, sum: e!.sum, set: 'test' }]);
    expect(task.data.train).toHaveLength(0);
    const bad = join(dir, 'bad.txt');
    writeFileSync(bad, `addition(${e!.a[0]},${e!.b[0]},${e!.sum + 1}).\n`);
    await expect(mnistAddition.build(options(), { evalFile: bad })).rejects.toThrow(/bad\.txt/);
    await expect(mnistAddition.build(options({ digits: 2 }), { evalFile: good })).rejects.toThrow(/1-digit numbers, the run has --digits 2/);
  }, 60_000);

  it('rejects bad options with the flag and the value', async () => {
    await expect(mnistAddition.build(options({ digits: '16' }), {})).rejects.toThrow(/--digits must be an integer in 1..15, got "16"/);
    await expect(mnistAddition.build(options({ model: 'rnn' }), {})).rejects.toThrow(/--model must be dccg or cnn, got "rnn"/);
    await expect(mnistAddition.build(options({ model: 'cnn', digits: 2 }), {})).rejects.toThrow(/needs --digits 1, got 2/);
  });
});

describe('greyPng', () => {
  it('writes a valid 8-bit greyscale PNG whose pixels inflate back', () => {
    const pixels = Uint8Array.from({ length: 6 }, (_, i) => i * 40);
    const png = greyPng(pixels, 2, 3);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.toString('ascii', 12, 16)).toBe('IHDR');
    expect(png.readUInt32BE(16)).toBe(3);
    expect(png.readUInt32BE(20)).toBe(2);
    const idatAt = png.indexOf('IDAT');
    const len = png.readUInt32BE(idatAt - 4);
    const raw = inflateSync(png.subarray(idatAt + 4, idatAt + 4 + len));
    expect([...raw]).toEqual([0, 0, 40, 80, 0, 120, 160, 200]);
    expect(() => greyPng(pixels, 2, 2)).toThrow(/pixels must hold 4 values, got 6/);
  });
});

describe('mnistReportSections', () => {
  it('renders the figures, the confusion matrix with the best assignment, and the image grid', () => {
    const test: Record<string, number> = { sumAccuracy: 0.5, sumDigitAccuracy: 0.75, digitAccuracyInOrder: 0 };
    for (let d = 0; d < 10; d++) for (let s = 0; s < 10; s++) test[`digitConfusion/${d}/${s}`] = s === (d + 1) % 10 ? 0.1 : 0;
    const pixels = btoa(String.fromCharCode(...new Uint8Array(4)));
    const run = {
      results: {
        test,
        samples: [{ a: 3, b: 4, sum: 7, predictedSum: 7, rows: 2, cols: 2, images: [{ label: 3, state: 4, pixels }, { label: 4, state: 0, pixels }] }],
      },
    } as unknown as RunData;
    const sections = mnistReportSections(run);
    expect(sections.map((s) => s.title)).toEqual([
      'MNIST addition: test figures',
      'Digit classifier: confusion matrix (true digit × chosen state, % of test images)',
      'Test images with the digits the discrete node read',
    ]);
    expect(sections[0]!.html).toContain('100.00%');
    expect(sections[1]!.html.match(/outline/g)).toHaveLength(10);
    expect(sections[2]!.html).toContain('data:image/png;base64,');
    // state 4 is digit 3 and state 0 is digit 9 under the assignment: the second image is misread.
    expect(sections[2]!.html).toContain('>3</figcaption>');
    expect(sections[2]!.html).toContain('>9</figcaption>');
    expect(mnistReportSections({ results: null } as unknown as RunData)).toEqual([]);
  });
});
