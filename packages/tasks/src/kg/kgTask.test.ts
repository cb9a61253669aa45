import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@dccg/backend/gradients';
import { createRng } from '@dccg/gumbel';
import { train } from '../engine/train.js';
import { createKgTask } from './kgTask.js';
import type { KgQuery } from './kgTask.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/**
 * A graph on Z_n whose relations are shifts `e → e + c (mod n)`: every path has exactly one answer,
 * which ComplEx can express (entities and relations as phases), so path queries held out from
 * training are answerable by composing what the single triples teach.
 */
function shiftGraph(n: number, shifts: number[], seed: number) {
  const triples: [number, number, number][] = [];
  shifts.forEach((c, r) => {
    for (let e = 0; e < n; e++) triples.push([e, r, (e + c) % n]);
  });
  const R = shifts.length;
  const step = (e: number, r: number): number => (r < R ? e + shifts[r]! : e - shifts[r - R]! + n) % n;
  const rng = createRng(seed);
  const walk = (k: number): KgQuery => {
    const source = rng.nextInt(n);
    const relations = Array.from({ length: k }, () => rng.nextInt(2 * R));
    return { source, relations, target: relations.reduce(step, source) };
  };
  const key = (q: KgQuery): string => `${q.source}:${Array.from(q.relations).join(',')}`;
  const single: KgQuery[] = triples.map(([h, r, t]) => ({ source: h, relations: [r], target: t }));
  const seen = new Set(single.map(key));
  const draw = (k: number, count: number): KgQuery[] => {
    const out: KgQuery[] = [];
    while (out.length < count) {
      const q = walk(k);
      if (seen.has(key(q))) continue;
      seen.add(key(q));
      out.push(q);
    }
    return out;
  };
  const train = [...single, ...draw(2, 150), ...draw(3, 150)];
  const test = [...draw(2, 40), ...draw(3, 40)];
  return { triples, train, test };
}

describe('createKgTask', () => {
  const g = shiftGraph(20, [1, 3, 7], 11);

  it('adds inverse single hops to training, reverse link-prediction queries to evaluation, and respects maxTrainLength', () => {
    const task = createKgTask({
      entities: 20,
      relations: 3,
      triples: g.triples,
      train: g.train,
      dev: g.test.slice(0, 4),
      test: [{ source: 0, relations: [1], target: 3 }, ...g.test.slice(0, 2)],
      dim: 4,
      maxTrainLength: 2,
      maxLength: 3,
    });
    expect(task.data.train.filter((q) => q.relations.length === 1).length).toBe(2 * 60);
    expect(task.data.train.some((q) => q.relations.length === 3)).toBe(false);
    expect(task.data.train).toContainEqual({ source: 3, relations: [4], target: 0 });
    expect(task.data.test[1]).toEqual({ source: 3, relations: [4], target: 0, linkOnly: true });
    expect(task.nodes).toEqual(['hop1', 'hop2']);
    expect(task.updateEventsPerEpoch).toBe(3);
  });

  it('evaluates H@10, MQ per length and filtered link prediction from scores', () => {
    const task = createKgTask({
      entities: 20,
      relations: 3,
      triples: g.triples,
      train: g.train,
      dev: [],
      test: [],
      dim: 4,
    });
    const batch = task.makeBatch(
      [
        { source: 0, relations: [1, 0], target: 4 },
        { source: 0, relations: [1], target: 3 },
      ],
      { training: false },
    );
    // Longest first: row 0 is the length-2 query. Its answer scores highest; the length-1 answer lowest.
    const scores = tf.tidy(() => {
      const s = tf.buffer([2, 20]);
      for (let e = 0; e < 20; e++) {
        s.set(e === 4 ? 100 : e, 0, e);
        s.set(e === 3 ? -1 : e, 1, e);
      }
      return s.toTensor();
    });
    const sums = task.evaluateBatch(batch, { scores }, { set: 'test' });
    expect(sums['hits10/len2']).toEqual({ sum: 1, count: 1 });
    expect(sums['mq/len2']).toEqual({ sum: 1, count: 1 });
    expect(sums['hits10/len1']).toEqual({ sum: 0, count: 1 });
    expect(sums['mq/len1']).toEqual({ sum: 0, count: 1 });
    expect(sums['lp/mrr']).toEqual({ sum: 1 / 20, count: 1 });
    expect(sums['hits10Random']!.sum).toBeCloseTo(2 * (10 / 20), 12);
    scores.dispose();
  });

  it('learns: H@10 on held-out path queries clears a random ranking by a wide margin', async () => {
    const task = createKgTask({
      entities: 20,
      relations: 3,
      triples: g.triples,
      train: g.train,
      dev: g.test.slice(0, 20),
      test: g.test,
      dim: 16,
      initScale: 0.5,
    });
    const before = tf.memory().numTensors;
    const out = await train(task, {
      config: { epochs: 12, batchSize: 64, lr: 0.02, variant: 'tm+dropres', tau: 4, alphaStep: 1 / 18, seed: 3, evalEachEpoch: false },
    });
    const random = out.test['hits10Random']!;
    expect(random).toBeCloseTo(10 / 20, 6);
    expect(out.test['hits10']!).toBeGreaterThan(random + 0.3);
    expect(out.test['mq']!).toBeGreaterThan(0.85);
    // By the end α = 1: every intermediate hop is a single entity, and still the paths are answered.
    expect(out.checkpoint.ticker['events']).toBeGreaterThanOrEqual(18);
    expect(out.samples.length).toBeGreaterThan(0);
    out.model.dispose();
    expect(tf.memory().numTensors).toBeLessThanOrEqual(before);
  }, 60_000);
});
