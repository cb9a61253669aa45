import { describe, expect, it } from 'vitest';
import { temperatureMatching, temperatureMatchingStep } from './temperatureMatching.js';

describe('temperatureMatching', () => {
  it('the closed form and the iterated update agree within 1e-12 for k = 0..2000', () => {
    for (const [tau, gamma, start] of [[1, 0.008, 0], [0.5, 0.02, 0.1], [2, 0.001, 3]] as const) {
      const closed = temperatureMatching({ tau, gamma, start });
      let beta: number = start;
      for (let k = 0; k <= 2000; k++) {
        expect(Math.abs(closed(k) - beta)).toBeLessThan(1e-12);
        beta = temperatureMatchingStep(beta, { tau, gamma });
      }
    }
  });

  it('starts at 0 and rises towards tau with the paper default gamma = 0.008', () => {
    const beta = temperatureMatching({ tau: 1 });
    expect(beta(0)).toBe(0);
    expect(beta(1)).toBeCloseTo(1 - Math.exp(-0.008), 15);
    expect(beta(500)).toBeCloseTo(1 - Math.exp(-4), 15);
    let prev = -1;
    for (let k = 0; k < 3000; k += 10) {
      expect(beta(k)).toBeGreaterThan(prev);
      expect(beta(k)).toBeLessThanOrEqual(1);
      prev = beta(k);
    }
    // A start above tau decays down to it.
    expect(temperatureMatching({ tau: 1, start: 2 })(1e5)).toBeCloseTo(1, 12);
  });

  it('throws clear errors', () => {
    expect(() => temperatureMatching({ tau: 0 })).toThrow('temperatureMatching: tau must be a finite number > 0, got 0');
    expect(() => temperatureMatching({ tau: 1, gamma: 0 })).toThrow('temperatureMatching: gamma must be a finite number > 0, got 0');
    expect(() => temperatureMatching({ tau: 1, gamma: -0.1 })).toThrow('got -0.1');
    expect(() => temperatureMatching({ tau: 1, start: -1 })).toThrow('temperatureMatching: start must be a finite number >= 0, got -1');
    expect(() => temperatureMatching({ tau: NaN })).toThrow('got NaN');
    expect(() => temperatureMatching({ tau: 1 })(-1)).toThrow('temperatureMatching: the event count k must be a finite number >= 0, got -1');
    expect(() => temperatureMatchingStep(-1, { tau: 1 })).toThrow('temperatureMatchingStep: beta must be a finite number >= 0, got -1');
  });
});
