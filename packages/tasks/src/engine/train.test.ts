import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@dccg/backend/gradients';
import { beforeAll, describe, expect, it } from 'vitest';
import { toyTask } from './testTask.js';
import { train } from './train.js';
import type { Checkpoint, MetricsRecord } from './types.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const config = { epochs: 3, batchSize: 32, lr: 0.02, seed: 3, alphaStep: 0.1, gamma: 0.1 };

describe('train', () => {
  it('learns the toy task, records events with per-node diagnostics and leaks no tensors', async () => {
    const task = toyTask({ seed: 1 });
    const records: MetricsRecord[] = [];
    const before = tf.memory().numTensors;
    const out = await train(task, { config: { ...config, epochs: 6 }, onRecord: (r) => void records.push(r) });
    out.model.dispose();
    expect(tf.memory().numTensors).toBe(before);
    expect(out.test.accuracy).toBeGreaterThan(0.6); // chance is 0.25
    expect(out.extra.more!.accuracy).toBeGreaterThan(0.5);
    const events = records.filter((r) => r.kind === 'event');
    // 8 steps per epoch, 4 update events per epoch, the first step is event 0.
    expect(events.length).toBeGreaterThanOrEqual(6 * 4);
    expect(events[0]!.kind === 'event' && events[0]!.alpha).toBe(0);
    const e = events[events.length - 1]!;
    if (e.kind !== 'event') throw new Error('unreachable');
    expect(e.nodes.class!.gradNorm).toBeGreaterThan(0);
    expect(e.nodes.class!.topProb).toBeGreaterThan(0.25);
    expect(e.nodes.class!.topProb).toBeLessThanOrEqual(1);
    expect(e.alpha).toBeCloseTo(Math.min(1, 0.1 * e.event), 6);
    expect(e.beta).toBeCloseTo(1 - Math.exp(-0.1 * e.event), 6);
    const firstLoss = events.slice(0, 4).reduce((a, r) => a + (r as { loss: number }).loss, 0) / 4;
    const lastLoss = events.slice(-4).reduce((a, r) => a + (r as { loss: number }).loss, 0) / 4;
    expect(lastLoss).toBeLessThan(firstLoss);
    expect(records.filter((r) => r.kind === 'eval' && r.set === 'dev').length).toBe(6);
  });

  it('a stopped and resumed run ends with the same weights as an uninterrupted one', async () => {
    const task = toyTask({ seed: 2 });
    const full = await train(task, { config });
    const fullWeights = full.checkpoint.weights;
    full.model.dispose();
    // Stop mid-epoch (step 13 of 8 per epoch), pass the checkpoint through JSON as the CLI does, resume.
    let saved: Checkpoint | null = null;
    const part = await train(task, { config, maxSteps: 13, onCheckpoint: (c) => void (saved = JSON.parse(JSON.stringify(c))) });
    expect(part.stopped).toBe(true);
    part.model.dispose();
    expect(saved!.globalStep).toBe(13);
    const rest = await train(task, { resume: saved! });
    expect(rest.stopped).toBe(false);
    expect(rest.checkpoint.weights).toEqual(fullWeights);
    expect(rest.checkpoint.optimizer).toEqual(full.checkpoint.optimizer);
    expect(rest.test).toEqual(full.test);
    rest.model.dispose();
  });

  it('stops when the signal is raised and validates its config', async () => {
    const task = toyTask({ seed: 0, train: 64 });
    const signal = { aborted: true };
    const out = await train(task, { config, signal });
    expect(out.stopped).toBe(true);
    expect(out.checkpoint.globalStep).toBe(0);
    out.model.dispose();
    await expect(train(task, { config: { ...config, lr: 0 } })).rejects.toThrow('train: config.lr must be > 0, got 0');
    await expect(train(task, { config: { ...config, variant: 'x' as never } })).rejects.toThrow(/config.variant must be one of/);
  });
});
