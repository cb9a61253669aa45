import { gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { DatasetError } from '../DatasetError.js';
import { mnistFromIdx, normalizeImages, parseIdx } from './parseIdx.js';

// Hand-written IDX files: 2 images of 2 × 3 pixels, 2 labels.
const IMAGES = Uint8Array.from([0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 3, 0, 10, 20, 30, 40, 255, 1, 2, 3, 4, 5, 6]);
const LABELS = Uint8Array.from([0, 0, 8, 1, 0, 0, 0, 2, 7, 3]);

describe('parseIdx', () => {
  it('reads dimensions and data, raw or gzipped', () => {
    for (const bytes of [IMAGES, gzipSync(IMAGES)]) {
      const idx = parseIdx(bytes, { rank: 3 });
      expect(idx.type).toBe('uint8');
      expect(idx.dims).toEqual([2, 2, 3]);
      expect(Array.from(idx.data)).toEqual([0, 10, 20, 30, 40, 255, 1, 2, 3, 4, 5, 6]);
    }
  });

  it('reads big-endian multi-byte types', () => {
    const f32 = Uint8Array.from([0, 0, 0x0d, 1, 0, 0, 0, 2, 0x3f, 0x80, 0, 0, 0xc0, 0, 0, 0]);
    expect(Array.from(parseIdx(f32).data)).toEqual([1, -2]);
    const i16 = Uint8Array.from([0, 0, 0x0b, 1, 0, 0, 0, 1, 0xff, 0xfe]);
    expect(Array.from(parseIdx(i16).data)).toEqual([-2]);
  });

  it('rejects a wrong magic number, a truncated file and trailing bytes, naming the file', () => {
    expect(() => parseIdx(LABELS, { rank: 3, source: 'train-images-idx3-ubyte' })).toThrow(
      /^parseIdx: train-images-idx3-ubyte: magic number 0x00000801 declares 1 dimension\(s\), expected 3/,
    );
    const bad = IMAGES.slice();
    bad[0] = 0x1a;
    expect(() => parseIdx(bad, { source: 'x' })).toThrow('parseIdx: x: magic number 0x1a000803 is not an IDX magic number (0x0000TTRR)');
    const badType = IMAGES.slice();
    badType[2] = 0x07;
    expect(() => parseIdx(badType)).toThrow(/unknown element type 0x7/);
    expect(() => parseIdx(IMAGES.slice(0, 20), { source: 'x' })).toThrow(
      'parseIdx: x: truncated: dimensions 2 × 2 × 3 of uint8 need 28 bytes, file has 20',
    );
    expect(() => parseIdx(IMAGES.slice(0, 10), { source: 'x' })).toThrow(/truncated header/);
    expect(() => parseIdx(Uint8Array.from([...IMAGES, 9]))).toThrow(/trailing bytes/);
    expect(() => parseIdx(gzipSync(IMAGES).slice(0, 15), { source: 'x.gz' })).toThrow(/x\.gz: gzip data is corrupt/);
    expect(() => parseIdx(IMAGES.slice(0, 20))).toThrow(DatasetError);
  });
});

describe('mnistFromIdx', () => {
  it('pairs images and labels', () => {
    const m = mnistFromIdx(IMAGES, LABELS);
    expect([m.count, m.rows, m.cols]).toEqual([2, 2, 3]);
    expect(Array.from(m.labels)).toEqual([7, 3]);
  });
  it('checks counts and label values', () => {
    const three = Uint8Array.from([0, 0, 8, 1, 0, 0, 0, 3, 7, 3, 1]);
    expect(() => mnistFromIdx(IMAGES, three, { labels: 'l' })).toThrow('mnistFromIdx: l: 3 labels for 2 images');
    const ten = Uint8Array.from([0, 0, 8, 1, 0, 0, 0, 2, 7, 10]);
    expect(() => mnistFromIdx(IMAGES, ten, { labels: 'l' })).toThrow(/label 1 is 10, not a digit/);
  });
});

describe('normalizeImages', () => {
  it('maps 0..255 to [-1, 1] as (x/255 - 0.5)/0.5', () => {
    const n = normalizeImages(Uint8Array.of(0, 51, 255));
    expect(n[0]).toBe(-1);
    expect(n[1]).toBeCloseTo(-0.6, 6);
    expect(n[2]).toBe(1);
    expect(normalizeImages(Uint8Array.of(255), { mean: 0, std: 1 })[0]).toBe(1);
    expect(() => normalizeImages(Uint8Array.of(1), { std: 0 })).toThrow('normalizeImages: std must be > 0, got 0');
  });
});
