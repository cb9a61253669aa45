import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@dccg/backend/gradients';
import { selectBackend } from '@dccg/backend';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '@dccg/gumbel';
import { generateListOps, listOpsExample } from '@dccg/datasets';
import { train } from '../engine/train.js';
import { evaluationContext } from '../engine/evaluate.js';
import { recordingTap, readTapRecords } from '../engine/tap.js';
import type { TapRecord } from '../engine/tap.js';
import type { MetricSums, MetricsRecord } from '../engine/types.js';
import { makeListOpsBatch } from './listOpsBatch.js';
import { createListOpsModel } from './listOpsModel.js';
import { listOpsMetrics, listOpsTask } from './listOpsTask.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('makeListOpsBatch', () => {
  it('pads, masks the root and padding, and lists allowed parents', () => {
    const batch = makeListOpsBatch([listOpsExample('[MAX 2 3 ]'), listOpsExample('[MIN 4 ]')]);
    expect(batch.ids.shape).toEqual([2, 4]);
    expect(Array.from(batch.ids.dataSync())).toEqual([2, 6, 7, 0, 1, 8, 0, 15]);
    expect(Array.from(batch.mask.dataSync())).toEqual([1, 1, 1, 1, 1, 1, 1, 0]);
    expect(Array.from(batch.childMask.dataSync())).toEqual([0, 1, 1, 1, 0, 1, 1, 0]);
    const pair = batch.pairMask.arraySync() as number[][][];
    expect(pair[0]![1]).toEqual([1, 0, 1, 1]); // token 1 may choose any real token but itself
    expect(pair[1]![2]).toEqual([1, 1, 0, 0]); // never padding
    expect(Array.from(batch.lastIndex.dataSync())).toEqual([3, 6]);
    batch.dispose();
  });
});

describe('ListOps model', () => {
  it('forward and metrics run for every kind without leaking', () => {
    const examples = generateListOps({ count: 6, depth: [1, 3], seed: 4 });
    for (const kind of ['dccg', 'gnn', 'lstm'] as const) {
      const model = createListOpsModel({ kind, d: 8 }, createRng(1));
      const batch = makeListOpsBatch(examples);
      const before = tf.memory().numTensors;
      const records = new Map<string, TapRecord>();
      let sums: MetricSums = {};
      tf.tidy(() => {
        const ctx = { ...evaluationContext(0), training: true, beta: 1, alpha: 0.5, hard: false, rng: createRng(2), tap: recordingTap(records) };
        const r = model.forward(batch, ctx);
        expect(r.loss.shape).toEqual([]);
        expect(Number.isFinite(r.loss.dataSync()[0])).toBe(true);
        sums = listOpsMetrics(batch, r.outputs);
      });
      const diag = readTapRecords(records);
      expect(tf.memory().numTensors).toBe(before);
      expect(sums.accuracy!.count).toBe(6);
      if (kind === 'lstm') expect(sums.parentAccuracy).toBeUndefined();
      else expect(sums.parentAccuracy!.count).toBeGreaterThan(0);
      expect(Object.keys(diag)).toEqual(kind === 'dccg' ? ['parent', 'value1', 'value2', 'value3', 'value4'] : kind === 'gnn' ? ['parent'] : []);
      batch.dispose();
      model.dispose();
    }
  });

  it('withRounds shares the weights', () => {
    const model = createListOpsModel({ d: 8 }, createRng(1));
    const deeper = model.withRounds(8);
    expect(deeper.config.rounds).toBe(8);
    expect(deeper.variables).toBe(model.variables);
    model.dispose();
  });

  it('embeddingInit: normal draws N(0, 1) embeddings, uniform U(-0.1, 0.1)', () => {
    const normal = createListOpsModel({ d: 60, embeddingInit: 'normal' }, createRng(3));
    const e = Array.from(normal.variables.embedding!.dataSync());
    const mean = e.reduce((a, v) => a + v, 0) / e.length;
    const sd = Math.sqrt(e.reduce((a, v) => a + (v - mean) ** 2, 0) / e.length);
    // 960 draws: the mean's standard error is 0.032, the sd's about 0.023.
    expect(Math.abs(mean)).toBeLessThan(0.13);
    expect(Math.abs(sd - 1)).toBeLessThan(0.1);
    expect(e.every(Number.isFinite)).toBe(true);
    normal.dispose();
    const uniform = createListOpsModel({ d: 60 }, createRng(3));
    const u = Array.from(uniform.variables.embedding!.dataSync());
    expect(Math.max(...u.map(Math.abs))).toBeLessThanOrEqual(0.1);
    uniform.dispose();
  });

  it('rejects bad configs', () => {
    expect(() => createListOpsModel({ d: 0 }, createRng(0))).toThrow('listOpsModel: d must be an integer >= 1, got 0');
    expect(() => createListOpsModel({ kind: 'x' as never }, createRng(0))).toThrow(/kind must be dccg, gnn or lstm/);
    expect(() => createListOpsModel({ embeddingInit: 'x' as never }, createRng(0))).toThrow("listOpsModel: embeddingInit must be 'normal' or 'uniform', got x");
  });
});

describe('listOpsTask', () => {
  // Training runs on wasm (XNNPACK matmuls, about 30× the cpu backend), so a few hundred steps take seconds.
  beforeAll(async () => {
    await selectBackend({ prefer: 'wasm', fallback: false });
  });
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  it('learns: a tiny model trained a few hundred steps lowers its loss and clears chance by a wide margin', async () => {
    const data = {
      train: generateListOps({ count: 1200, depth: 1, seed: 11, maxArgs: 3 }),
      dev: generateListOps({ count: 100, depth: 1, seed: 12, maxArgs: 3 }),
      test: generateListOps({ count: 200, depth: 1, seed: 13, maxArgs: 3 }),
    };
    const task = listOpsTask({ data, model: { kind: 'dccg', d: 16, rounds: 2, dropout: 0 }, updateEventsPerEpoch: 4 });
    const records: MetricsRecord[] = [];
    const before = tf.memory().numTensors;
    const out = await train(task, {
      config: { epochs: 12, batchSize: 32, lr: 5e-3, seed: 1, variant: 'tm+dropres', gamma: 0.1, alphaStep: 0.05 },
      onRecord: (r) => void records.push(r),
    });
    out.model.dispose();
    expect(tf.memory().numTensors).toBe(before);
    const events = records.filter((r): r is Extract<MetricsRecord, { kind: 'event' }> => r.kind === 'event');
    expect(events.length).toBeGreaterThan(20);
    const first = events.slice(0, 3).reduce((a, e) => a + e.loss, 0) / 3;
    const last = events.slice(-3).reduce((a, e) => a + e.loss, 0) / 3;
    expect(last).toBeLessThan(first * 0.8);
    // 10 values: chance is 0.1.
    console.log(`listops learns: test accuracy ${out.test.accuracy}, loss ${first.toFixed(3)} → ${last.toFixed(3)}, ${out.trainSeconds.toFixed(1)} s`);
    expect(out.test.accuracy).toBeGreaterThan(0.4);
    expect(out.test['accuracy/depth1']).toBe(out.test.accuracy);
    expect(out.test.parentAccuracy).toBeGreaterThan(0);
  }, 180_000);
});
