import { describe, expect, it } from 'vitest';
import { cosine } from './cosine.js';

describe('cosine', () => {
  it('follows a half cosine from from to to over events, then stays', () => {
    const f = cosine({ from: 2, to: 0.5, events: 100 });
    expect(f(0)).toBe(2);
    expect(f(50)).toBeCloseTo(1.25, 15);
    expect(f(25)).toBeCloseTo(0.5 + 1.5 * (1 + Math.SQRT1_2) / 2, 15);
    expect(f(100)).toBe(0.5);
    expect(f(1000)).toBe(0.5);
  });

  it('throws clear errors', () => {
    expect(() => cosine({ from: 1, to: 0, events: 0 })).toThrow('cosine: events must be a finite number > 0, got 0');
  });
});
