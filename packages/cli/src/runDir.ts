import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync, appendFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Checkpoint, MetricsRecord } from '@dccg/tasks';
import type { RunConfig, RunData, RunResults } from './tasks/types.js';

/** File names inside a run directory. */
export const RUN_FILES = {
  config: 'config.json',
  metrics: 'metrics.jsonl',
  checkpoint: 'checkpoint.json',
  results: 'results.json',
  report: 'report.html',
} as const;

/**
 * Writes `text` to `path` atomically: a temporary file in the same directory, then a rename, so a
 * process killed at any moment leaves either the old file or the new one, never half of one.
 *
 * @example
 * ```ts
 * writeFileAtomic('runs/x/checkpoint.json', JSON.stringify(checkpoint));
 * ```
 */
export function writeFileAtomic(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

/** Reads and parses a JSON file, naming the file in the error. */
export function readJson<T>(path: string): T {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new Error(`dccg: cannot read ${path}: ${(err as Error).message}`);
  }
  try {
    return JSON.parse(text) as T;
  } catch (err) {
    throw new Error(`dccg: ${path} is not valid JSON: ${(err as Error).message}`);
  }
}

/** Appends one JSON line to `metrics.jsonl`. */
export function appendRecord(dir: string, record: MetricsRecord): void {
  appendFileSync(join(dir, RUN_FILES.metrics), `${JSON.stringify(record)}\n`);
}

/** Reads `metrics.jsonl` (a torn last line, from a kill mid-write, is skipped). */
export function readRecords(dir: string): MetricsRecord[] {
  const path = join(dir, RUN_FILES.metrics);
  if (!existsSync(path)) return [];
  const out: MetricsRecord[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      out.push(JSON.parse(line) as MetricsRecord);
    } catch {
      // Only the last line can be torn; anything unparsable is dropped rather than failing the report.
    }
  }
  return out;
}

/** Keeps only the records a checkpoint at `globalStep` had seen (on resume, the rest is redone). */
export function truncateRecords(dir: string, globalStep: number): void {
  const kept = readRecords(dir).filter((r) => r.step <= globalStep);
  writeFileAtomic(join(dir, RUN_FILES.metrics), kept.map((r) => `${JSON.stringify(r)}\n`).join(''));
}

/**
 * Reads a run directory (as written by `dccg train`).
 *
 * @example
 * ```ts
 * const run = readRun('runs/listops-quick');
 * run.results?.test.accuracy;
 * ```
 */
export function readRun(dir: string): RunData {
  const configPath = join(dir, RUN_FILES.config);
  if (!existsSync(configPath)) throw new Error(`dccg: ${dir} is not a run directory (no ${RUN_FILES.config})`);
  const config = readJson<RunConfig>(configPath);
  const resultsPath = join(dir, RUN_FILES.results);
  const checkpointPath = join(dir, RUN_FILES.checkpoint);
  return {
    dir,
    config,
    metrics: readRecords(dir),
    results: existsSync(resultsPath) ? readJson<RunResults>(resultsPath) : null,
    checkpoint: existsSync(checkpointPath) ? readJson<Checkpoint>(checkpointPath) : null,
  };
}
