/**
 * The host-side random draws the generators need. `@dccg/gumbel`'s `Rng` satisfies this interface
 * structurally, so a training run can hand its own key to a generator; without one, a generator
 * builds its own from a seed with {@link createRandom}. This package never imports tfjs.
 */
export interface RandomSource {
  /** A float in [0, 1). */
  nextFloat(): number;
  /** An integer in [0, n). */
  nextInt(n: number): number;
}

/** Either a seed (an integer) or a {@link RandomSource}; generators accept both. */
export type SeedOrRandom = number | RandomSource;

const MASK = 0xffffffff;

function splitmix32(state: { s: number }): number {
  state.s = (state.s + 0x9e3779b9) | 0;
  let z = state.s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * A seeded xoshiro128** generator: fast, 2^128 − 1 period, the same numbers on every platform.
 * `stream` selects an independent sequence for the same seed (one per split, say), so adding draws to
 * one split never shifts another.
 *
 * @example
 * const rng = createRandom(42);
 * rng.nextInt(10); // the same integer in [0, 10) on every run
 */
export function createRandom(seed: number, stream = 0): RandomSource {
  if (!Number.isInteger(seed)) throw new Error(`createRandom: seed must be an integer, got ${seed}`);
  if (!Number.isInteger(stream) || stream < 0) {
    throw new Error(`createRandom: stream must be a non-negative integer, got ${stream}`);
  }
  // Seeds beyond 32 bits keep their high bits, so 2^32 and 0 differ.
  const st = { s: (seed | 0) ^ Math.imul(Math.floor(seed / 2 ** 32) | 0, 0x27d4eb2d) ^ Math.imul(stream, 0x165667b1) };
  let a = splitmix32(st);
  let b = splitmix32(st);
  let c = splitmix32(st);
  let d = splitmix32(st);
  if ((a | b | c | d) === 0) a = 1;
  const next = (): number => {
    const result = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return result;
  };
  return {
    nextFloat: () => next() / 2 ** 32,
    nextInt: (n: number) => {
      if (!Number.isInteger(n) || n <= 0) throw new Error(`RandomSource.nextInt: n must be a positive integer, got ${n}`);
      if (n <= 2 ** 32) {
        // Rejection keeps the draw unbiased when n does not divide 2^32.
        const limit = 2 ** 32 - (2 ** 32 % n);
        for (;;) {
          const x = next();
          if (x < limit) return x % n;
        }
      }
      return Math.floor((next() * 2 ** 21 + (next() >>> 11)) / 2 ** 53 * n);
    },
  };
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) & MASK;
}

/** Turns a {@link SeedOrRandom} into a {@link RandomSource}; `fn` names the caller in errors. */
export function toRandom(fn: string, seed: SeedOrRandom | undefined, stream = 0): RandomSource {
  if (seed === undefined) throw new Error(`${fn}: seed is required (an integer or a RandomSource), got undefined`);
  if (typeof seed === 'number') {
    if (!Number.isInteger(seed)) throw new Error(`${fn}: seed must be an integer, got ${seed}`);
    return createRandom(seed, stream);
  }
  if (typeof seed.nextFloat !== 'function' || typeof seed.nextInt !== 'function') {
    throw new Error(`${fn}: seed must be an integer or an object with nextFloat() and nextInt(n)`);
  }
  return seed;
}

/** Fisher–Yates shuffle in place with the given source. */
export function shuffleInPlace<T>(array: T[], rng: RandomSource): T[] {
  for (let i = array.length - 1; i > 0; i--) {
    const j = rng.nextInt(i + 1);
    const t = array[i] as T;
    array[i] = array[j] as T;
    array[j] = t;
  }
  return array;
}
