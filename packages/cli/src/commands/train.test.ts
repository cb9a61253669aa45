import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { generateListOps, writePaperJson } from '@dccg/datasets';
import type { Checkpoint } from '@dccg/tasks';
import { main } from '../main.js';

const root = mkdtempSync(join(tmpdir(), 'dccg-cli-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const tiny = [
  '--train-size', '150', '--eval-per-depth', '4', '--extrapolation-size', '2', '--extrapolation-max-length', '60',
  '--max-length', '24', '--epochs', '2', '--batch-size', '25', '--d', '8', '--rounds', '2', '--seed', '5', '--no-progress',
];

async function dccg(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
  try {
    const code = await main(['node', 'dccg', ...args]);
    return { code, out: out.join(''), err: err.join('') };
  } finally {
    o.mockRestore();
    e.mockRestore();
    process.exitCode = undefined;
  }
}

const checkpointOf = (dir: string) => JSON.parse(readFileSync(join(dir, 'checkpoint.json'), 'utf8')) as Checkpoint;

describe('dccg train listops', () => {
  it('a run stopped mid-way and resumed ends with the same weights as an uninterrupted one; eval and report work', async () => {
    const full = join(root, 'full');
    const r1 = await dccg('train', 'listops', ...tiny, '--out', full);
    expect(r1.code, r1.err).toBe(0);
    for (const f of ['config.json', 'metrics.jsonl', 'checkpoint.json', 'results.json', 'report.html']) expect(existsSync(join(full, f))).toBe(true);
    expect(r1.err).toMatch(/backend \w+: /);

    const part = join(root, 'part');
    const r2 = await dccg('train', 'listops', ...tiny, '--out', part, '--max-steps', '7');
    expect(r2.code).toBe(130);
    expect(r2.err).toContain(`--resume ${part}`);
    expect(checkpointOf(part).globalStep).toBe(7);
    expect(existsSync(join(part, 'results.json'))).toBe(false);
    const r3 = await dccg('train', 'listops', '--resume', part, '--no-progress');
    expect(r3.code, r3.err).toBe(0);
    expect(checkpointOf(part).weights).toEqual(checkpointOf(full).weights);
    expect(JSON.parse(readFileSync(join(part, 'results.json'), 'utf8')).test).toEqual(JSON.parse(readFileSync(join(full, 'results.json'), 'utf8')).test);
    // The resumed run's metrics.jsonl has each update event once.
    const events = readFileSync(join(part, 'metrics.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l)).filter((r) => r.kind === 'event');
    expect(new Set(events.map((e) => e.step)).size).toBe(events.length);

    const report = readFileSync(join(full, 'report.html'), 'utf8');
    expect(report).toContain('uPlot');
    expect(report).toContain('<svg');
    expect(report).not.toMatch(/<script[^>]+src=/);
    const again = await dccg('report', full);
    expect(again.code).toBe(0);
    expect(again.out.trim()).toBe(join(full, 'report.html'));

    const file = join(root, 'eval.json');
    writeFileSync(file, writePaperJson(generateListOps({ count: 12, depth: [1, 3], seed: 99, maxLength: 20 })));
    const ev = await dccg('eval', 'listops', '--checkpoint', full, '--data', file);
    expect(ev.code, ev.err).toBe(0);
    const metrics = JSON.parse(ev.out);
    expect(metrics.examples).toBe(12);
    expect(metrics.metrics.accuracy).toBeGreaterThanOrEqual(0);
    expect(metrics.metrics.accuracy).toBeLessThanOrEqual(1);
    expect(metrics.metrics.parentAccuracy).toBeGreaterThanOrEqual(0);

    // Without --data the run's own test set is rebuilt from its config and scored again.
    const own = await dccg('eval', 'listops', '--checkpoint', full);
    expect(own.code, own.err).toBe(0);
    const results = JSON.parse(readFileSync(join(full, 'results.json'), 'utf8'));
    expect(JSON.parse(own.out).metrics.accuracy).toBeCloseTo(results.test.accuracy, 10);
  }, 240_000);

  it('rejects unknown and bad options with a message naming them', async () => {
    const bad = await dccg('train', 'listops', '--epochs', '0');
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('--epochs must be an integer >= 1, got 0');
    const unknown = await dccg('train', 'listops', '--nope');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain("unknown option '--nope'");
    const variant = await dccg('train', 'listops', '--variant', 'x');
    expect(variant.err).toContain('--variant must be one of base, tm, dropres, tm+dropres, got x');
    const task = await dccg('train', 'nosuchtask');
    expect(task.code).toBe(1);
    const help = await dccg('train', 'listops', '--help');
    expect(help.out).toContain('--resume <dir>');
    expect(help.out).toContain('--train-size <n>');
  });
});
