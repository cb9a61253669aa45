import { describe, expect, it } from 'vitest';
import { UpdateTicker } from './UpdateTicker.js';

describe('UpdateTicker', () => {
  it('makes exactly n evenly spaced events per epoch, the last on the epoch\'s last step', () => {
    for (const [n, steps] of [[10, 250], [3, 1000], [8, 937], [10, 10], [1, 7]] as const) {
      const ticker = new UpdateTicker({ eventsPerEpoch: n, stepsPerEpoch: steps });
      const at: number[] = [];
      for (let s = 1; s <= 3 * steps; s++) if (ticker.tick()) at.push(s);
      expect(ticker.events).toBe(3 * n);
      expect(at.length).toBe(3 * n);
      expect(at[n - 1]).toBe(steps);
      expect(ticker.epoch).toBe(3);
      // Gaps differ by at most one step.
      const gaps = at.map((s, i) => s - (i === 0 ? 0 : at[i - 1]!));
      expect(Math.max(...gaps) - Math.min(...gaps)).toBeLessThanOrEqual(1);
    }
  });

  it('more events than steps: one step makes several, and lastEvents says how many', () => {
    const ticker = new UpdateTicker({ eventsPerEpoch: 10, stepsPerEpoch: 4 });
    const made: number[] = [];
    for (let s = 0; s < 4; s++) {
      expect(ticker.tick()).toBe(true);
      made.push(ticker.lastEvents);
    }
    expect(made).toEqual([2, 3, 2, 3]);
    expect(ticker.events).toBe(10);
  });

  it('a fractional rate (KG, about 3 per epoch) averages out', () => {
    const ticker = new UpdateTicker({ eventsPerEpoch: 2.5, stepsPerEpoch: 100 });
    for (let s = 0; s < 400; s++) ticker.tick();
    expect(ticker.events).toBe(10);
  });

  it('its state serializes so that a resumed run continues exactly', () => {
    const a = new UpdateTicker({ eventsPerEpoch: 7, stepsPerEpoch: 93 });
    for (let s = 0; s < 150; s++) a.tick();
    const b = UpdateTicker.fromJSON(JSON.parse(JSON.stringify(a)));
    expect(b.toJSON()).toEqual(a.toJSON());
    expect(b.step).toBe(150);
    for (let s = 0; s < 500; s++) {
      expect(b.tick()).toBe(a.tick());
      expect(b.events).toBe(a.events);
    }
  });

  it('throws clear errors', () => {
    expect(() => new UpdateTicker({ eventsPerEpoch: 0.5, stepsPerEpoch: 10 })).toThrow(
      'UpdateTicker: eventsPerEpoch must be a finite number >= 1, got 0.5',
    );
    expect(() => new UpdateTicker({ eventsPerEpoch: 0, stepsPerEpoch: 10 })).toThrow('got 0');
    expect(() => new UpdateTicker({ eventsPerEpoch: 3, stepsPerEpoch: 0 })).toThrow('UpdateTicker: stepsPerEpoch must be a positive integer, got 0');
    expect(() => new UpdateTicker({ eventsPerEpoch: 3, stepsPerEpoch: 2.5 })).toThrow('got 2.5');
    expect(() => UpdateTicker.fromJSON({ eventsPerEpoch: 3, stepsPerEpoch: 10, step: 10, events: 2 })).toThrow(
      'UpdateTicker.fromJSON: state.events must be 3 after step 10 at 3 per 10 steps, got 2',
    );
    expect(() => UpdateTicker.fromJSON({ eventsPerEpoch: 3, stepsPerEpoch: 10, step: -1, events: 0 })).toThrow(
      'UpdateTicker.fromJSON: state.step must be an integer >= 0, got -1',
    );
  });
});
