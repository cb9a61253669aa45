import * as tf from '@tensorflow/tfjs-core';
import { threefry2x32Into, threefryBlocks } from './threefry2x32.js';

/**
 * The whole state of an {@link Rng}: a 64-bit Threefry key (two unsigned 32-bit words) and the
 * number of draws made from it. Plain JSON; `rngFromState(JSON.parse(JSON.stringify(rng)))`
 * continues exactly where `rng` was.
 */
export interface RngState {
  readonly algorithm: 'threefry2x32';
  readonly key: readonly [number, number];
  readonly counter: number;
}

// Each draw consumes one counter value and feeds threefry2x32(key, [counter, domain]); the domain
// word keeps the different kinds of draw from ever sharing an input block.
const DOMAIN_SPLIT = 0x7370_6c74; // 'splt'
const DOMAIN_STREAM = 0x7374_726d; // 'strm'
const DOMAIN_HOST = 0x686f_7374; // 'host'

const TWO_POW_32 = 4294967296;
const MAX_COUNTER = TWO_POW_32 - 1;
const CHUNK = 8192;
/** Scratch output of one block for the host draws (single-threaded, never re-entered). */
const BLOCK = new Uint32Array(2);

/**
 * A splittable, serializable random key in the style of jax: a Threefry-2x32 key plus a draw counter.
 * Every draw (a tensor, a float, a shuffle, a split) consumes one counter value and is a pure function
 * of the key and that value, so a seed gives the same numbers on every backend and platform, and a
 * child from {@link Rng.split} is independent of its parent and of its siblings.
 *
 * Tensors are generated on the host into a typed array and uploaded with `tf.tensor`, which is what
 * makes cpu, wasm and webgpu agree bit for bit.
 *
 * @example
 * ```ts
 * import { createRng } from '@dccg/gumbel';
 * const rng = createRng(42);
 * const child = rng.split();          // independent key; rng has advanced
 * const u = child.uniform([2, 3]);    // float32 in (0, 1)
 * const coin = rng.nextFloat() < 0.5;
 * const saved = JSON.stringify(rng);  // resume later with rngFromState(JSON.parse(saved))
 * u.dispose();
 * ```
 */
export interface Rng {
  /** A plain JSON-serialisable snapshot of the key and counter. */
  readonly state: RngState;
  /** Same as {@link Rng.state}; lets `JSON.stringify(rng)` save the generator. */
  toJSON(): RngState;
  /** An independent copy with the same key and counter (both then produce the same draws). */
  clone(): Rng;
  /** Returns an independent child key and advances this one. */
  split(): Rng;
  /** `n` independent child keys (`n` calls of {@link Rng.split}). */
  splitN(n: number): Rng[];
  /** Derives a fresh key for a bulk stream (one draw) and returns its two 32-bit words. */
  streamKey(): [number, number];
  /** Fills `out` with float32 uniforms strictly inside (0, 1), in [2⁻²⁴, 1 − 2⁻²⁴]; one draw. */
  fillUniform(out: Float32Array): Float32Array;
  /** A float32 tensor of uniforms strictly inside (0, 1); one draw. */
  uniform(shape: number[]): tf.Tensor;
  /** A host-side float in [0, 1) with 53 random bits; one draw. */
  nextFloat(): number;
  /** A host-side integer in [0, n), n a positive safe integer; one draw. */
  nextInt(n: number): number;
  /** Shuffles `array` in place (Fisher–Yates) and returns it; one draw whatever the length. */
  shuffle<T>(array: T[]): T[];
}

/**
 * The {@link Rng} of {@link createRng}: Threefry-2x32-20 (see `threefry2x32`) keyed by two
 * words, with a draw counter.
 */
class ThreefryRng implements Rng {
  readonly #k0: number;
  readonly #k1: number;
  #counter: number;

  /** The words are taken as unsigned 32-bit. */
  constructor(key0: number, key1: number, counter = 0) {
    this.#k0 = key0 >>> 0;
    this.#k1 = key1 >>> 0;
    this.#counter = counter;
  }

  /** A plain JSON-serialisable snapshot of the key and counter. */
  get state(): RngState {
    return { algorithm: 'threefry2x32', key: [this.#k0, this.#k1], counter: this.#counter };
  }

  /** Same as {@link Rng.state}; lets `JSON.stringify(rng)` save the generator. */
  toJSON(): RngState {
    return this.state;
  }

  /** An independent copy with the same key and counter (both then produce the same draws). */
  clone(): Rng {
    return new ThreefryRng(this.#k0, this.#k1, this.#counter);
  }

  /** Returns an independent child key and advances this one. */
  split(): Rng {
    threefry2x32Into(this.#k0, this.#k1, this.#next('split'), DOMAIN_SPLIT, BLOCK, 0);
    return new ThreefryRng(BLOCK[0]!, BLOCK[1]!);
  }

  /**
   * `n` independent child keys (`n` calls of {@link Rng.split}).
   *
   * @example
   * ```ts
   * const [a, b, c] = createRng(0).splitN(3);
   * ```
   */
  splitN(n: number): Rng[] {
    if (!Number.isInteger(n) || n < 0) {
      throw new Error(`Rng.splitN: n must be an integer >= 0, got ${String(n)}`);
    }
    const children: Rng[] = [];
    for (let i = 0; i < n; i++) children.push(this.split());
    return children;
  }

  /**
   * Derives a fresh key for a bulk stream (one counter value) and returns its two words: the
   * building block of {@link Rng.uniform} and `gumbelNoise`, for callers that fill their own arrays
   * with {@link Rng.fillUniform}-style loops.
   */
  streamKey(): [number, number] {
    threefry2x32Into(this.#k0, this.#k1, this.#next('streamKey'), DOMAIN_STREAM, BLOCK, 0);
    return [BLOCK[0]!, BLOCK[1]!];
  }

  /**
   * Fills `out` with float32 uniforms strictly inside (0, 1): `(m + 0.5)·2⁻²³` for a 23-bit integer
   * m, so the smallest value is 2⁻²⁴ and the largest 1 − 2⁻²⁴, both exact in float32.
   *
   * @example
   * ```ts
   * const u = createRng(1).fillUniform(new Float32Array(1000));
   * ```
   */
  fillUniform(out: Float32Array): Float32Array {
    const [k0, k1] = this.streamKey();
    const words = new Uint32Array(Math.min(CHUNK, out.length));
    for (let start = 0; start < out.length; start += CHUNK) {
      const len = Math.min(CHUNK, out.length - start);
      const w = len === words.length ? words : words.subarray(0, len);
      threefryBlocks(k0, k1, start >>> 1, w);
      for (let j = 0; j < len; j++) out[start + j] = ((w[j]! >>> 9) + 0.5) * 1.1920928955078125e-7;
    }
    return out;
  }

  /**
   * A float32 tensor of uniforms strictly inside (0, 1) (see {@link Rng.fillUniform}).
   *
   * @example
   * ```ts
   * const u = createRng(7).uniform([4, 5]);
   * ```
   */
  uniform(shape: number[]): tf.Tensor {
    const size = checkShape('Rng.uniform', shape);
    return tf.tensor(this.fillUniform(new Float32Array(size)), shape, 'float32');
  }

  /**
   * A host-side float in [0, 1) with 53 random bits.
   *
   * @example
   * ```ts
   * const dropped = createRng(3).nextFloat() < 0.25;
   * ```
   */
  nextFloat(): number {
    threefry2x32Into(this.#k0, this.#k1, this.#next('nextFloat'), DOMAIN_HOST, BLOCK, 0);
    return ((BLOCK[0]! >>> 5) * 67108864 + (BLOCK[1]! >>> 6)) / 9007199254740992;
  }

  /**
   * A host-side integer in [0, n), n a positive safe integer (`floor(nextFloat()·n)`; its bias is
   * below n/2⁵³).
   *
   * @example
   * ```ts
   * const index = createRng(3).nextInt(10);
   * ```
   */
  nextInt(n: number): number {
    if (!Number.isSafeInteger(n) || n < 1) {
      throw new Error(`Rng.nextInt: n must be a positive safe integer, got ${String(n)}`);
    }
    return Math.floor(this.nextFloat() * n);
  }

  /**
   * Shuffles `array` in place (Fisher–Yates) and returns it. One draw whatever the length.
   *
   * @example
   * ```ts
   * const order = createRng(5).shuffle([0, 1, 2, 3, 4]);
   * ```
   */
  shuffle<T>(array: T[]): T[] {
    if (!Array.isArray(array)) {
      throw new Error(`Rng.shuffle: array must be an array, got ${typeof array}`);
    }
    const [k0, k1] = this.streamKey();
    const n = array.length;
    const words = new Uint32Array(Math.min(CHUNK, 2 * Math.max(n - 1, 0)));
    let j = words.length;
    let block = 0;
    for (let i = n - 1; i > 0; i--) {
      if (j === words.length) {
        threefryBlocks(k0, k1, block, words);
        block += words.length >>> 1;
        j = 0;
      }
      const f = ((words[j]! >>> 5) * 67108864 + (words[j + 1]! >>> 6)) / 9007199254740992;
      j += 2;
      const r = Math.floor(f * (i + 1));
      const t = array[i]!;
      array[i] = array[r]!;
      array[r] = t;
    }
    return array;
  }

  #next(what: string): number {
    const c = this.#counter;
    if (c > MAX_COUNTER) {
      throw new Error(`Rng.${what}: this key has made 2^32 draws; split child keys instead`);
    }
    this.#counter = c + 1;
    return c;
  }
}

/**
 * A new {@link Rng} from an integer seed in [0, 2⁵³). The key is `[floor(seed / 2³²), seed mod 2³²]`
 * (as jax's `PRNGKey`), the counter 0.
 *
 * @example
 * ```ts
 * import { createRng, gumbelSoftmax } from '@dccg/gumbel';
 * const rng = createRng(2021);
 * ```
 */
export function createRng(seed: number): Rng {
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new Error(`createRng: seed must be an integer in [0, 2^53), got ${String(seed)}`);
  }
  return new ThreefryRng(Math.floor(seed / TWO_POW_32), seed % TWO_POW_32);
}

/**
 * Rebuilds an {@link Rng} from a saved {@link RngState} (`rng.state`, `rng.toJSON()`, or either
 * after a JSON round trip). The result continues exactly where the saved generator was.
 *
 * @example
 * ```ts
 * const a = createRng(9); a.nextFloat();
 * const b = rngFromState(JSON.parse(JSON.stringify(a)));
 * b.nextFloat() === a.nextFloat(); // true
 * ```
 */
export function rngFromState(state: RngState): Rng {
  const isWord = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0 && (v as number) < TWO_POW_32;
  if (typeof state !== 'object' || state === null) {
    throw new Error(`rngFromState: state must be an object { algorithm, key, counter }, got ${String(state)}`);
  }
  if (state.algorithm !== 'threefry2x32') {
    throw new Error(`rngFromState: state.algorithm must be 'threefry2x32', got ${JSON.stringify(state.algorithm)}`);
  }
  if (!Array.isArray(state.key) || state.key.length !== 2 || !isWord(state.key[0]) || !isWord(state.key[1])) {
    throw new Error(`rngFromState: state.key must be two unsigned 32-bit integers, got ${JSON.stringify(state.key)}`);
  }
  if (!Number.isInteger(state.counter) || state.counter < 0 || state.counter > TWO_POW_32) {
    throw new Error(`rngFromState: state.counter must be an integer in [0, 2^32], got ${JSON.stringify(state.counter)}`);
  }
  return new ThreefryRng(state.key[0], state.key[1], state.counter);
}

/** Validates a shape (an array of non-negative integers) and returns its size. */
export function checkShape(fn: string, shape: unknown): number {
  if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 0)) {
    throw new Error(`${fn}: shape must be an array of non-negative integers, got ${JSON.stringify(shape)}`);
  }
  return shape.reduce((a: number, b: number) => a * b, 1);
}
