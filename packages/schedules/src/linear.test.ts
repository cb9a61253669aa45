import { describe, expect, it } from 'vitest';
import { linear } from './linear.js';

describe('linear', () => {
  it('rises by step per event and is clamped at to', () => {
    const alpha = linear({ from: 0, to: 1, step: 1 / 200 });
    expect(alpha(0)).toBe(0);
    expect(alpha(100)).toBeCloseTo(0.5, 15);
    expect(alpha(200)).toBe(1);
    expect(alpha(10_000)).toBe(1);
  });

  it('falls when to < from, and a zero step stays at from', () => {
    const f = linear({ from: 2, to: 0.5, step: 0.5 });
    expect([0, 1, 2, 3, 4, 10].map(f)).toEqual([2, 1.5, 1, 0.5, 0.5, 0.5]);
    expect(linear({ from: 0.3, to: 1, step: 0 })(1e6)).toBe(0.3);
  });

  it('throws clear errors', () => {
    expect(() => linear({ from: 0, to: 1, step: -0.1 })).toThrow('linear: step must be a finite number >= 0, got -0.1');
    expect(() => linear({ from: NaN, to: 1, step: 1 })).toThrow('linear: from must be a finite number, got NaN');
    expect(() => linear({ from: 0, to: 1, step: 1 })(NaN)).toThrow('linear: the event count k must be a finite number >= 0, got NaN');
  });
});
