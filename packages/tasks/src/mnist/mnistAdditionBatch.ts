import * as tf from '@tensorflow/tfjs-core';
import type { Batch } from '../engine/types.js';

/**
 * A set of 28×28 grey images with their digit labels (row-major pixels 0..255, image after image),
 * the shape of `@dccg/datasets`' `MnistImages`. The labels are read only by the digit-accuracy metric,
 * never by training.
 */
export interface MnistImageSet {
  /** `count · rows · cols` pixels in 0..255. */
  readonly images: Uint8Array;
  /** `count` digit labels 0..9. */
  readonly labels: Uint8Array;
  readonly count: number;
  readonly rows: number;
  readonly cols: number;
}

/**
 * One addition example: two N-digit numbers given as indices of their digits' images (most
 * significant first, as written) in an {@link MnistImageSet}, and their sum, the only label.
 */
export interface MnistAdditionExample {
  /** Image indices of the first number's digits, most significant first. */
  readonly a: ArrayLike<number>;
  /** Image indices of the second number's digits, most significant first. */
  readonly b: ArrayLike<number>;
  /** a + b (exact up to N = 15: below 2^53). */
  readonly sum: number;
  /** Which image set the indices refer to (a key of the task's `images`). Default `'train'`. */
  readonly set?: string;
}

/** A batch of addition examples as tensors, plus host-side labels for the metrics. */
export interface MnistAdditionBatch extends Batch {
  readonly size: number;
  /** Digits per number N. */
  readonly digits: number;
  /**
   * All images of the batch, `[2 · size · N, rows, cols, 1]` in [0, 1]: first number a then b, each
   * `[size, N]` with the least significant digit first (the order the adder runs in).
   */
  readonly images: tf.Tensor4D;
  /** The sum's N + 1 digits, least significant first, `[size, N + 1]` int32. */
  readonly sumDigits: tf.Tensor2D;
  /** The sums (host). */
  readonly sums: readonly number[];
  /** The images' true digits in the order of `images` (host; metrics only). */
  readonly digitLabels: Int32Array;
}

/**
 * The N + 1 decimal digits of `sum`, least significant first.
 *
 * @example
 * ```ts
 * sumDigitsOf(97, 2); // [7, 9, 0]
 * ```
 */
export function sumDigitsOf(sum: number, digits: number): number[] {
  if (!Number.isSafeInteger(sum) || sum < 0) throw new Error(`sumDigitsOf: sum must be a safe integer >= 0, got ${sum}`);
  const out: number[] = [];
  let s = sum;
  for (let i = 0; i <= digits; i++) {
    out.push(s % 10);
    s = Math.floor(s / 10);
  }
  if (s !== 0) throw new Error(`sumDigitsOf: ${sum} has more than ${digits + 1} digits`);
  return out;
}

/**
 * Turns addition examples into a {@link MnistAdditionBatch} over the images of `set`.
 *
 * Throws when an example's numbers do not have `digits` digits, an index is outside the set, or the
 * sum has more than N + 1 digits.
 *
 * @example
 * ```ts
 * const batch = makeMnistAdditionBatch([{ a: [3], b: [7], sum: 9 }], set, 1);
 * batch.images.shape; // [2, 28, 28, 1]
 * batch.dispose();
 * ```
 */
export function makeMnistAdditionBatch(
  examples: readonly MnistAdditionExample[],
  set: MnistImageSet,
  digits: number,
): MnistAdditionBatch {
  if (!Number.isInteger(digits) || digits < 1) throw new Error(`makeMnistAdditionBatch: digits must be an integer >= 1, got ${digits}`);
  if (examples.length === 0) throw new Error('makeMnistAdditionBatch: examples must not be empty');
  const n = examples.length;
  const area = set.rows * set.cols;
  const pixels = new Float32Array(2 * n * digits * area);
  const labels = new Int32Array(2 * n * digits);
  const sumDigits = new Int32Array(n * (digits + 1));
  examples.forEach((e, row) => {
    for (const [which, number] of [[0, e.a], [1, e.b]] as const) {
      if (number.length !== digits) {
        throw new Error(`makeMnistAdditionBatch: example ${row} has ${number.length} digits in ${which === 0 ? 'a' : 'b'}, expected ${digits}`);
      }
      for (let p = 0; p < digits; p++) {
        const index = number[digits - 1 - p]!;
        if (!Number.isInteger(index) || index < 0 || index >= set.count) {
          throw new Error(`makeMnistAdditionBatch: example ${row} refers to image ${index}, expected 0..${set.count - 1}`);
        }
        const slot = (which * n + row) * digits + p;
        labels[slot] = set.labels[index]!;
        const src = set.images.subarray(index * area, (index + 1) * area);
        const dst = slot * area;
        for (let k = 0; k < area; k++) pixels[dst + k] = src[k]! / 255;
      }
    }
    sumDigits.set(sumDigitsOf(e.sum, digits), row * (digits + 1));
  });
  const images = tf.tensor4d(pixels, [2 * n * digits, set.rows, set.cols, 1]);
  const sumTensor = tf.tensor2d(sumDigits, [n, digits + 1], 'int32');
  return {
    size: n,
    digits,
    images,
    sumDigits: sumTensor,
    sums: examples.map((e) => e.sum),
    digitLabels: labels,
    dispose() {
      images.dispose();
      sumTensor.dispose();
    },
  };
}
