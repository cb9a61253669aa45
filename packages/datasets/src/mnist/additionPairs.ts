import { DatasetError } from '../DatasetError.js';
import type { SeedOrRandom } from '../random.js';
import { createRandom, shuffleInPlace, toRandom } from '../random.js';

/**
 * One MNIST-addition example: two N-digit numbers, each a list of image indices (most significant
 * digit first) into one image set, and the sum of the numbers the images show.
 */
export interface AdditionExample {
  a: Int32Array;
  b: Int32Array;
  sum: number;
}

/** Options of {@link generateAdditionPairs}. */
export interface GenerateAdditionPairsOptions {
  /** The labels of the image set the pairs index (e.g. the MNIST training labels). Required. */
  labels: Uint8Array;
  /** Digits per number, 1..15 (default 1, the paper's and DeepProbLog's task; 2, 4, 15 are later benchmarks). */
  digits?: number;
  /** Seed or random source (required). */
  seed: SeedOrRandom;
  /**
   * Number of examples (default one epoch: `floor(labels.length / (2·digits))`). Beyond one epoch
   * the images are reshuffled and used again.
   */
  count?: number;
}

/** The value of the number whose digit images are `indices`, read through `labels`. */
export function numberOf(indices: ArrayLike<number>, labels: Uint8Array): number {
  let v = 0;
  for (let i = 0; i < indices.length; i++) v = v * 10 + (labels[indices[i] as number] as number);
  return v;
}

/**
 * Seeded MNIST-addition pairs: the image indices are shuffled and consumed `2·digits` at a time,
 * so no image is used twice within an epoch; the label is the sum of the two numbers.
 *
 * @example
 * const pairs = generateAdditionPairs({ labels: train.labels, digits: 1, seed: 0 });
 * pairs.length; // 30000
 * pairs[0].sum === train.labels[pairs[0].a[0]] + train.labels[pairs[0].b[0]]; // true
 */
export function generateAdditionPairs(options: GenerateAdditionPairsOptions): AdditionExample[] {
  const fn = 'generateAdditionPairs';
  const { labels } = options ?? ({} as GenerateAdditionPairsOptions);
  if (!(labels instanceof Uint8Array)) throw new Error(`${fn}: labels must be a Uint8Array, got ${typeof labels}`);
  const digits = options.digits ?? 1;
  if (!Number.isInteger(digits) || digits < 1 || digits > 15) throw new Error(`${fn}: digits must be an integer in 1..15, got ${digits}`);
  const per = 2 * digits;
  const epoch = Math.floor(labels.length / per);
  if (epoch === 0) throw new Error(`${fn}: ${labels.length} images are too few for one pair of ${digits}-digit numbers`);
  const count = options.count ?? epoch;
  if (!Number.isInteger(count) || count < 0) throw new Error(`${fn}: count must be an integer >= 0, got ${count}`);
  const rng = toRandom(fn, options.seed);
  const order = Array.from({ length: labels.length }, (_, i) => i);
  const out: AdditionExample[] = [];
  let at = epoch * per;
  for (let e = 0; e < count; e++) {
    if (at + per > epoch * per) {
      shuffleInPlace(order, rng);
      at = 0;
    }
    const a = Int32Array.from(order.slice(at, at + digits));
    const b = Int32Array.from(order.slice(at + digits, at + per));
    at += per;
    out.push({ a, b, sum: numberOf(a, labels) + numberOf(b, labels) });
  }
  return out;
}

/**
 * Writes DeepProbLog's index format, one `addition(i,j,sum).` line per example; for N > 1 digits the
 * numbers are lists, `addition([i1,i2],[j1,j2],sum).`.
 *
 * @example
 * writeAdditionPairs([{ a: Int32Array.of(3), b: Int32Array.of(8), sum: 7 }]); // 'addition(3,8,7).\n'
 */
export function writeAdditionPairs(examples: readonly AdditionExample[]): string {
  if (!Array.isArray(examples)) throw new Error(`writeAdditionPairs: examples must be an array, got ${typeof examples}`);
  const num = (x: Int32Array): string => (x.length === 1 ? String(x[0]) : `[${Array.from(x).join(',')}]`);
  return examples.map((e) => `addition(${num(e.a)},${num(e.b)},${e.sum}).\n`).join('');
}

/** Options of {@link readAdditionPairs}. */
export interface ReadAdditionPairsOptions {
  /** File name for errors. */
  source?: string;
  /** Labels of the image set: when given, every index must be in range and every sum must agree. */
  labels?: Uint8Array;
}

const TERM = String.raw`(?:(?:train|test)\()?(\d+)\)?`;
const NUM = String.raw`(\[\s*${TERM}(?:\s*,\s*${TERM})*\s*\]|${TERM})`;
const LINE = new RegExp(String.raw`^addition\(\s*${NUM}\s*,\s*${NUM}\s*,\s*(\d+)\s*\)\.$`);

/**
 * Reads DeepProbLog's `addition(i,j,sum).` index files (also `[i1,i2]` lists for N-digit numbers,
 * and DeepProbLog's `train(i)` / `test(i)` terms). With `labels`, every index is checked against the
 * image set and every sum against the digits the images show; a mismatch, a malformed line or
 * numbers of different lengths is a {@link DatasetError} naming the file and line.
 *
 * @example
 * readAdditionPairs('addition(3,8,7).\n', { labels }); // [{ a: [3], b: [8], sum: 7 }] if labels[3] + labels[8] = 7
 */
export function readAdditionPairs(text: string, options: ReadAdditionPairsOptions = {}): AdditionExample[] {
  const fn = 'readAdditionPairs';
  if (typeof text !== 'string') throw new Error(`${fn}: text must be a string, got ${typeof text}`);
  const { source, labels } = options;
  const lines = text.split(/\r?\n/);
  while (lines.length > 0 && (lines[lines.length - 1] as string).trim() === '') lines.pop();
  const out: AdditionExample[] = [];
  const parseNum = (s: string): Int32Array => Int32Array.from(s.replace(/[[\]\s]|train\(|test\(|\)/g, '').split(','), Number);
  for (let k = 0; k < lines.length; k++) {
    const fail = (detail: string): never => {
      throw new DatasetError(fn, detail, { source, line: k + 1 });
    };
    const raw = (lines[k] as string).trim();
    const m = /^addition\((.*),\s*(\d+)\s*\)\.$/.exec(raw);
    if (!m || !LINE.test(raw)) fail(`expected addition(i,j,sum). or addition([i1,…],[j1,…],sum)., got ${JSON.stringify(raw.slice(0, 80))}`);
    const body = (m as RegExpExecArray)[1] as string;
    // Split the two numbers at the comma that is not inside brackets.
    let depth = 0;
    let cut = -1;
    for (let i = 0; i < body.length; i++) {
      const c = body[i];
      if (c === '[' || c === '(') depth++;
      else if (c === ']' || c === ')') depth--;
      else if (c === ',' && depth === 0) {
        cut = i;
        break;
      }
    }
    const a = parseNum(body.slice(0, cut));
    const b = parseNum(body.slice(cut + 1));
    const sum = Number((m as RegExpExecArray)[2]);
    if (a.length !== b.length) fail(`the numbers have ${a.length} and ${b.length} digits`);
    if (labels) {
      for (const i of [...a, ...b]) if (i >= labels.length) fail(`image index ${i} is outside the ${labels.length} images`);
      const want = numberOf(a, labels) + numberOf(b, labels);
      if (want !== sum) fail(`sum ${sum} disagrees with the images' labels (${numberOf(a, labels)} + ${numberOf(b, labels)} = ${want})`);
    }
    out.push({ a, b, sum });
  }
  return out;
}

/** Options of {@link additionSplits}. */
export interface AdditionSplitsOptions {
  /** The training images' labels (pairs for training index these). */
  trainLabels: Uint8Array;
  /** The test images' labels (test pairs index only these). */
  testLabels: Uint8Array;
  /** Digits per number (default 1). */
  digits?: number;
  /** Seed (integer, required); train and test draw from separate streams of it. */
  seed: number;
}

/**
 * Train and test pairs for MNIST addition: one epoch of pairs over the training images and one over
 * the test images, so the test images are used only for test pairs.
 *
 * @example
 * const { train, test } = additionSplits({ trainLabels: mnist.train.labels, testLabels: mnist.test.labels, seed: 1 });
 * [train.length, test.length]; // [30000, 5000]
 */
export function additionSplits(options: AdditionSplitsOptions): { train: AdditionExample[]; test: AdditionExample[] } {
  const { seed } = options ?? ({} as AdditionSplitsOptions);
  if (!Number.isInteger(seed)) throw new Error(`additionSplits: seed must be an integer, got ${String(seed)}`);
  const digits = options.digits;
  return {
    train: generateAdditionPairs({ labels: options.trainLabels, digits, seed: createRandom(seed, 0) }),
    test: generateAdditionPairs({ labels: options.testLabels, digits, seed: createRandom(seed, 1) }),
  };
}
