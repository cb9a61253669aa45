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
    const batch = makeListOpsBatch([listOpsExample('[MAX 2 3 ]'), listOpsExample('[MIN 4 ]')], { trueParse: true });
    expect(batch.ids.shape).toEqual([2, 4]);
    expect(Array.from(batch.ids.dataSync())).toEqual([2, 6, 7, 0, 1, 8, 0, 15]);
    expect(Array.from(batch.mask.dataSync())).toEqual([1, 1, 1, 1, 1, 1, 1, 0]);
    expect(Array.from(batch.childMask.dataSync())).toEqual([0, 1, 1, 1, 0, 1, 1, 0]);
    const pair = batch.pairMask.arraySync() as number[][][];
    expect(pair[0]![1]).toEqual([1, 0, 1, 1]); // token 1 may choose any real token but itself
    expect(pair[1]![2]).toEqual([1, 1, 0, 0]); // never padding
    expect(Array.from(batch.lastIndex.dataSync())).toEqual([3, 6]);
    // The true parse: digits point to the operator; the root and the closing bracket send nothing.
    const truth = batch.parentMatrix!.arraySync() as number[][][];
    expect(truth[0]).toEqual([
      [0, 0, 0, 0],
      [1, 0, 0, 0],
      [1, 0, 0, 0],
      [0, 0, 0, 0],
    ]);
    expect(truth[1]![1]).toEqual([1, 0, 0, 0]);
    expect(truth[1]![3]).toEqual([0, 0, 0, 0]);
    batch.dispose();
    // Silent closing brackets choose no parent: like the root, their rows are out of the child mask.
    const silent = makeListOpsBatch([listOpsExample('[MAX 2 [MIN 3 4 ] ]')], { closing: 'silent' });
    expect(Array.from(silent.childMask.dataSync())).toEqual([0, 1, 1, 1, 1, 0, 0]);
    silent.dispose();
    expect(() => makeListOpsBatch([listOpsExample('[MAX 2 ]')], { closing: 'mute' as never })).toThrow("makeListOpsBatch: closing must be 'choose' or 'silent', got mute");
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

  it("messages and updates by hand: messageActivation relu|none, update accumulate|recompute", () => {
    // Two rounds, no value nodes, the true parse of a depth-1 expression: the leaves receive nothing, so
    // each round the root receives the same m = m(1) + m(2) from its two digits (the closing bracket sends
    // nothing). accumulate: x0 = emb0 + m + m; recompute: x0 = emb0 + m.
    const e = listOpsExample('[MAX 2 3 ]');
    const batch = makeListOpsBatch([e], { trueParse: true });
    for (const act of ['relu', 'none'] as const) {
      for (const update of ['accumulate', 'recompute'] as const) {
        const model = createListOpsModel({ kind: 'gnn', d: 6, rounds: 2, dropout: 0, parse: 'given', messageActivation: act, update }, createRng(5));
        const v = model.variables;
        const loss = tf.tidy(() => {
          const ctx = { ...evaluationContext(0), tap: (_: string, t: tf.Tensor) => t };
          return model.forward(batch, ctx).loss;
        });
        const expected = tf.tidy(() => {
          const emb = tf.gather(v.embedding!, tf.tensor1d(Array.from(e.ids), 'int32'));
          const row = (i: number) => tf.slice(emb, [i, 0], [1, 6]);
          const pre = (j: number) => tf.relu(tf.add(tf.add(tf.matMul(row(0), v['mlp/wTok']!), tf.matMul(row(j), v['mlp/wState']!)), v['mlp/b1']!));
          const second = (j: number) => tf.add(tf.matMul(pre(j), v['mlp/w2']!), v['mlp/b2']!);
          const m = (j: number) => (act === 'relu' ? tf.relu(second(j)) : second(j));
          const msg = tf.add(m(1), m(2));
          const x0 = tf.add(row(0), update === 'accumulate' ? tf.mul(msg, 2) : msg);
          const h = tf.relu(tf.add(tf.matMul(x0, v['head/w1']!), v['head/b1']!));
          return tf.logSoftmax(tf.add(tf.matMul(h, v['head/w2']!), v['head/b2']!));
        });
        // The loss is −log p(value) of the root's output logits.
        expect(loss.dataSync()[0], `${act} ${update}`).toBeCloseTo(-expected.dataSync()[e.value]!, 4);
        for (const t of [expected, loss]) t.dispose();
        model.dispose();
      }
    }
    batch.dispose();
  });

  it("parse 'given' drops the parser and the parent node; separate embeddings add the GNN's own table; tied value logits run", () => {
    const examples = generateListOps({ count: 4, depth: [1, 3], seed: 6 });
    const batch = makeListOpsBatch(examples, { trueParse: true });
    const given = createListOpsModel({ d: 8, parse: 'given' }, createRng(1));
    expect(Object.keys(given.variables).some((k) => k.startsWith('lstmQK'))).toBe(false);
    const separate = createListOpsModel({ d: 8, sharedEmbedding: false, valueLogits: 'tied' }, createRng(1));
    expect(separate.variables['gnn/embedding']!.shape).toEqual([16, 8]);
    const shared = createListOpsModel({ d: 8 }, createRng(1));
    // The extra table is drawn last: every other weight is the same draw.
    expect(Array.from(separate.variables.embedding!.dataSync())).toEqual(Array.from(shared.variables.embedding!.dataSync()));
    for (const model of [given, separate]) {
      const records = new Map<string, TapRecord>();
      const vars = Object.values(model.variables);
      const { grads } = tf.variableGrads(() => {
        const ctx = { ...evaluationContext(0), training: true, beta: 1, alpha: 0.5, hard: false, rng: createRng(2), tap: recordingTap(records) };
        const r = model.forward(batch, ctx);
        for (const t of Object.values(r.outputs)) t.dispose();
        r.accuracy?.dispose();
        return r.loss;
      }, vars);
      const nodes = Object.keys(readTapRecords(records));
      expect(nodes).toEqual(model === given ? ['value1', 'value2', 'value3', 'value4'] : ['parent', 'value1', 'value2', 'value3', 'value4']);
      for (const [name, g] of Object.entries(grads)) {
        expect(Number.isFinite(tf.sum(tf.abs(g)).dataSync()[0]), name).toBe(true);
        g.dispose();
      }
      // Every variable gets a gradient (the GNN's own table included).
      expect(Object.keys(grads).length).toBe(vars.length);
    }
    const plain = makeListOpsBatch(examples);
    expect(plain.parentMatrix).toBeNull();
    expect(() => tf.tidy(() => void given.forward(plain, { ...evaluationContext(0), tap: (_: string, t: tf.Tensor) => t }))).toThrow(
      "listOpsModel: parse 'given' needs batches made with makeListOpsBatch(examples, { trueParse: true })",
    );
    plain.dispose();
    const task = listOpsTask({ data: { train: examples, dev: examples, test: examples }, model: { parse: 'given' } });
    expect(task.nodes).toEqual(['value1', 'value2', 'value3', 'value4']);
    for (const m of [given, separate, shared]) m.dispose();
    batch.dispose();
  });

  it('rejects bad configs', () => {
    expect(() => createListOpsModel({ d: 0 }, createRng(0))).toThrow('listOpsModel: d must be an integer >= 1, got 0');
    expect(() => createListOpsModel({ kind: 'x' as never }, createRng(0))).toThrow(/kind must be dccg, gnn or lstm/);
    expect(() => createListOpsModel({ embeddingInit: 'x' as never }, createRng(0))).toThrow("listOpsModel: embeddingInit must be 'normal' or 'uniform', got x");
    expect(() => createListOpsModel({ messageActivation: 'tanh' as never }, createRng(0))).toThrow("listOpsModel: messageActivation must be 'relu' or 'none', got tanh");
    expect(() => createListOpsModel({ update: 'x' as never }, createRng(0))).toThrow("listOpsModel: update must be 'accumulate' or 'recompute', got x");
    expect(() => createListOpsModel({ closing: 'x' as never }, createRng(0))).toThrow("listOpsModel: closing must be 'choose' or 'silent', got x");
    expect(() => createListOpsModel({ parse: 'oracle' as never }, createRng(0))).toThrow("listOpsModel: parse must be 'learned' or 'given', got oracle");
    expect(() => createListOpsModel({ valueLogits: 'x' as never }, createRng(0))).toThrow("listOpsModel: valueLogits must be 'head' or 'tied', got x");
    expect(() => createListOpsModel({ sharedEmbedding: 'no' as never }, createRng(0))).toThrow('listOpsModel: sharedEmbedding must be a boolean, got no');
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
