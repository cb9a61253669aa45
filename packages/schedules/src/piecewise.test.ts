import { describe, expect, it } from 'vitest';
import { constant } from './constant.js';
import { linear } from './linear.js';
import { piecewise } from './piecewise.js';

describe('piecewise', () => {
  it('hands each segment its own event count from its start', () => {
    const alpha = piecewise([
      { until: 100, schedule: constant(0) },
      { until: 300, schedule: linear({ from: 0, to: 1, step: 1 / 200 }) },
      { schedule: constant(1) },
    ]);
    expect(alpha(0)).toBe(0);
    expect(alpha(99)).toBe(0);
    expect(alpha(100)).toBe(0);
    expect(alpha(200)).toBeCloseTo(0.5, 15);
    expect(alpha(299)).toBeCloseTo(199 / 200, 15);
    expect(alpha(300)).toBe(1);
    const seen: number[] = [];
    const probe = piecewise([{ until: 5, schedule: (k) => k }, { schedule: (k) => (seen.push(k), 0) }]);
    probe(7);
    expect(seen).toEqual([2]);
  });

  it('a single segment is that schedule', () => {
    expect(piecewise([{ schedule: constant(3) }])(10)).toBe(3);
  });

  it('throws clear errors', () => {
    expect(() => piecewise([])).toThrow('piecewise: segments must be a non-empty array of { until, schedule }, got []');
    expect(() => piecewise([{ until: 5, schedule: constant(1) }])).toThrow('piecewise: the last segment must have no until (it holds for ever), got until 5');
    expect(() => piecewise([{ schedule: constant(1) }, { schedule: constant(2) }])).toThrow(
      'piecewise: segments[0].until must be a finite number > 0 (increasing), got undefined',
    );
    expect(() =>
      piecewise([{ until: 5, schedule: constant(1) }, { until: 5, schedule: constant(1) }, { schedule: constant(2) }]),
    ).toThrow('piecewise: segments[1].until must be a finite number > 5 (increasing), got 5');
    expect(() => piecewise([{ schedule: 3 as unknown as () => number }])).toThrow('piecewise: segments[0].schedule must be a function');
  });
});
