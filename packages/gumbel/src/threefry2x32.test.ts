import { describe, expect, it } from 'vitest';
import { threefry2x32, threefryBlocks } from './threefry2x32.js';

describe('threefry2x32', () => {
  // Known-answer vectors of Threefry-2x32-20 from Random123 (kat_vectors), also used by jax.
  it('matches the Random123 known-answer vectors', () => {
    expect(threefry2x32(0, 0, 0, 0)).toEqual([0x6b200159, 0x99ba4efe]);
    expect(threefry2x32(0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff)).toEqual([0x1cb996fc, 0xbb002be7]);
    expect(threefry2x32(0x13198a2e, 0x03707344, 0x243f6a88, 0x85a308d3)).toEqual([0xc4923a9c, 0x483df7a0]);
  });

  it('the inlined block stream equals the reference cipher block by block', () => {
    const out = new Uint32Array(11);
    threefryBlocks(0x13198a2e, 0x03707344, 5, out);
    for (let b = 0; b < 6; b++) {
      const [w0, w1] = threefry2x32(0x13198a2e, 0x03707344, 5 + b, 0);
      expect(out[2 * b]).toBe(w0);
      if (2 * b + 1 < out.length) expect(out[2 * b + 1]).toBe(w1);
    }
  });
});
