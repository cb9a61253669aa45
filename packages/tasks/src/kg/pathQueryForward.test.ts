import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@dccg/backend/gradients';
import { createRng } from '@dccg/gumbel';
import { createComplExModel } from './complexModel.js';
import { complexProduct } from './complexProduct.js';
import { complexScores } from './complexScores.js';
import { pathQueryForward } from './pathQueryForward.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const row = (t: tf.Tensor, i: number): tf.Tensor => tf.slice(t, [i, 0], [1, -1]);

describe('createComplExModel', () => {
  it('makes uniform [-initScale, initScale] tables with reciprocal relations', () => {
    const m = createComplExModel({ entities: 50, relations: 3, dim: 20, initScale: 0.5, rng: createRng(3) });
    expect(m.entity.shape).toEqual([50, 40]);
    expect(m.relation.shape).toEqual([6, 40]);
    const v = m.entity.dataSync() as Float32Array;
    expect(Math.max(...v)).toBeLessThanOrEqual(0.5);
    expect(Math.min(...v)).toBeGreaterThanOrEqual(-0.5);
    expect(Math.max(...v)).toBeGreaterThan(0.45);
    const mean = v.reduce((a, b) => a + b, 0) / v.length;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    m.dispose();
  });

  it('is reproducible from the seed and rejects bad sizes', () => {
    const a = createComplExModel({ entities: 4, relations: 1, dim: 2, rng: createRng(9) });
    const b = createComplExModel({ entities: 4, relations: 1, dim: 2, rng: createRng(9) });
    expect(Array.from(a.entity.dataSync())).toEqual(Array.from(b.entity.dataSync()));
    expect(() => createComplExModel({ entities: 0, relations: 1, rng: createRng(0) })).toThrow(
      /createComplExModel: entities must be a positive integer, got 0/,
    );
  });
});

describe('pathQueryForward', () => {
  const model = createComplExModel({ entities: 7, relations: 2, dim: 3, rng: createRng(1) });

  it('composes continuously as s ∘ r1 ∘ … ∘ rk, rows in batch order for mixed lengths', () => {
    const batch = { subjects: [2, 5, 0], paths: [[1], [0, 3, 2], [3, 1]] };
    const { scores, hops } = pathQueryForward(model, batch, { composition: 'continuous' });
    expect(scores.shape).toEqual([3, 7]);
    expect(hops).toEqual([]);
    for (let i = 0; i < 3; i++) {
      let x = row(model.entity, batch.subjects[i]!);
      for (const r of batch.paths[i]!) x = complexProduct(x, row(model.relation, r));
      const expected = complexScores(x, model.entity).dataSync();
      const got = row(scores, i).dataSync();
      for (let e = 0; e < 7; e++) expect(got[e]).toBeCloseTo(expected[e]!, 4);
    }
  });

  it('at evaluation replaces each intermediate state by its argmax entity', () => {
    const batch = { subjects: [4, 1], paths: [[0], [2, 1, 3]] };
    const { scores, hops } = pathQueryForward(model, batch);
    expect(hops.length).toBe(2);
    // Query 0 has one hop only: no intermediate entity.
    expect(hops[0]!.dataSync()[0]).toBe(-1);
    // Query 1 by hand: argmax entity after hop 1, then after hop 2, then the last hop.
    let x = complexProduct(row(model.entity, 1), row(model.relation, 2));
    const e1 = tf.argMax(complexScores(x, model.entity), -1).dataSync()[0]!;
    x = complexProduct(row(model.entity, e1), row(model.relation, 1));
    const e2 = tf.argMax(complexScores(x, model.entity), -1).dataSync()[0]!;
    x = complexProduct(row(model.entity, e2), row(model.relation, 3));
    expect(hops[0]!.dataSync()[1]).toBe(e1);
    expect(hops[1]!.dataSync()[1]).toBe(e2);
    const expected = complexScores(x, model.entity).dataSync();
    const got = row(scores, 1).dataSync();
    for (let e = 0; e < 7; e++) expect(got[e]).toBeCloseTo(expected[e]!, 4);
    // Query 0 is a plain triple score.
    const single = complexScores(complexProduct(row(model.entity, 4), row(model.relation, 0)), model.entity).dataSync();
    const got0 = row(scores, 0).dataSync();
    for (let e = 0; e < 7; e++) expect(got0[e]).toBeCloseTo(single[e]!, 4);
  });

  it('with alpha = 0 and beta = 0 while training adds the soft entity mixture to the state', () => {
    const batch = { subjects: [3], paths: [[1, 2]] };
    const tau = 2;
    const { scores } = pathQueryForward(model, batch, { training: true, rng: createRng(5), alpha: 0, beta: 0, tau });
    let x = complexProduct(row(model.entity, 3), row(model.relation, 1));
    const soft = tf.softmax(tf.div(complexScores(x, model.entity), tau));
    x = tf.add(x, tf.matMul(soft, model.entity));
    const expected = complexScores(complexProduct(x, row(model.relation, 2)), model.entity).dataSync();
    const got = scores.dataSync();
    for (let e = 0; e < 7; e++) expect(got[e]).toBeCloseTo(expected[e]!, 4);
  });

  it('taps every intermediate hop once, over the queries still walking', () => {
    const seen: [string, number[]][] = [];
    const tap = (name: string, logits: tf.Tensor): tf.Tensor => {
      seen.push([name, logits.shape]);
      return logits;
    };
    pathQueryForward(model, { subjects: [0, 1, 2], paths: [[0, 1, 2], [1], [3, 0]] }, { training: true, rng: createRng(0), tap });
    expect(seen).toEqual([
      ['hop1', [2, 7]],
      ['hop2', [1, 7]],
    ]);
  });

  it('sends gradients to both tables through the discrete hops and leaks nothing', () => {
    const batch = { subjects: [0, 6], paths: [[1, 2], [0, 3]] };
    const step = (seed: number): void => {
      const { grads, value } = tf.variableGrads(() => {
        const { scores } = pathQueryForward(model, batch, {
          training: true,
          rng: createRng(seed),
          beta: 1,
          alpha: 0.5,
          subjectDropout: 0.2,
          relationDropout: 0.2,
          candidateDropout: 0.1,
        });
        return tf.sum(tf.mul(scores, scores)) as tf.Scalar;
      }, model.variables());
      expect(Number.isFinite(value.dataSync()[0]!)).toBe(true);
      for (const v of model.variables()) {
        const g = grads[v.name]!;
        expect(tf.tidy(() => tf.max(tf.abs(g)).dataSync()[0])).toBeGreaterThan(0);
      }
      value.dispose();
      tf.dispose(Object.values(grads));
    };
    step(1);
    const before = tf.memory().numTensors;
    step(2);
    step(3);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('validates its arguments, naming them', () => {
    expect(() => pathQueryForward(model, { subjects: [7], paths: [[0]] })).toThrow(
      /pathQueryForward: batch.subjects\[0\] must be an integer in \[0, 7\), got 7/,
    );
    expect(() => pathQueryForward(model, { subjects: [0], paths: [[4]] })).toThrow(/batch.paths\[0\]\[0\] must be an integer in \[0, 4\), got 4/);
    expect(() => pathQueryForward(model, { subjects: [0], paths: [[0]] }, { training: true })).toThrow(/rng is required when training/);
    expect(() => pathQueryForward(model, { subjects: [0], paths: [[0]] }, { tau: 0 })).toThrow(/tau must be > 0, got 0/);
  });
});
