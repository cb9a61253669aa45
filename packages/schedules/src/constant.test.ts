import { describe, expect, it } from 'vitest';
import { constant } from './constant.js';

describe('constant', () => {
  it('is the same value at every event', () => {
    const f = constant(0.7);
    expect([0, 1, 1e6].map(f)).toEqual([0.7, 0.7, 0.7]);
  });

  it('throws clear errors', () => {
    expect(() => constant(NaN)).toThrow('constant: value must be a finite number, got NaN');
    expect(() => constant(1)(-2)).toThrow('constant: the event count k must be a finite number >= 0, got -2');
  });
});
