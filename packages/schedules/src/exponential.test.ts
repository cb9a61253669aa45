import { describe, expect, it } from 'vitest';
import { exponential } from './exponential.js';

describe('exponential', () => {
  it('decays as from·e^{−rate·k} down to the floor (Jang et al.)', () => {
    const tau = exponential({ from: 1, rate: 1e-3, floor: 0.5 });
    expect(tau(0)).toBe(1);
    expect(tau(100)).toBeCloseTo(Math.exp(-0.1), 15);
    expect(tau(Math.log(2) / 1e-3 + 1)).toBe(0.5);
    expect(tau(1e7)).toBe(0.5);
    expect(exponential({ from: 3, rate: 0.5 })(2)).toBeCloseTo(3 * Math.exp(-1), 15);
  });

  it('throws clear errors', () => {
    expect(() => exponential({ from: 1, rate: -1 })).toThrow('exponential: rate must be a finite number >= 0, got -1');
    expect(() => exponential({ from: 1, rate: 1, floor: Infinity })).toThrow('exponential: floor must be a finite number, got Infinity');
  });
});
