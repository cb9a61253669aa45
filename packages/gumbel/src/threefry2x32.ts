/**
 * The Threefry-2x32 block cipher with 20 rounds (Salmon et al., "Parallel random numbers: as easy as
 * 1, 2, 3", SC 2011), the counter-based generator behind jax's PRNG keys. It maps a 64-bit key and a
 * 64-bit counter to 64 random bits, using only 32-bit adds, rotations and xors, so it is exact and
 * fast in plain JavaScript and gives the same bits on every platform.
 *
 * Returns the two output words as unsigned 32-bit integers.
 *
 * @example
 * ```ts
 * import { threefry2x32 } from '@dccg/gumbel';
 * threefry2x32(0, 0, 0, 0); // [0x6b200159, 0x99ba4efe] (the Random123 known-answer vector)
 * ```
 */
export function threefry2x32(key0: number, key1: number, counter0: number, counter1: number): [number, number] {
  const out = new Uint32Array(2);
  threefry2x32Into(key0 >>> 0, key1 >>> 0, counter0 >>> 0, counter1 >>> 0, out, 0);
  return [out[0]!, out[1]!];
}

/** Skein's key-schedule parity constant. */
const PARITY = 0x1bd11bda;

/**
 * Writes threefry2x32(key, counter) to `out[offset]` and `out[offset + 1]`. Internal: the bulk
 * generators inline the same rounds; this one serves key derivation and host-side draws.
 */
export function threefry2x32Into(
  k0: number,
  k1: number,
  c0: number,
  c1: number,
  out: Uint32Array,
  offset: number,
): void {
  const k2 = (k0 ^ k1 ^ PARITY) >>> 0;
  let x0 = (c0 + k0) | 0;
  let x1 = (c1 + k1) | 0;
  // Rotation constants R = [13, 15, 26, 6, 17, 29, 16, 24], key injection after every 4 rounds.
  x0 = (x0 + x1) | 0; x1 = (x1 << 13) | (x1 >>> 19); x1 ^= x0;
  x0 = (x0 + x1) | 0; x1 = (x1 << 15) | (x1 >>> 17); x1 ^= x0;
  x0 = (x0 + x1) | 0; x1 = (x1 << 26) | (x1 >>> 6); x1 ^= x0;
  x0 = (x0 + x1) | 0; x1 = (x1 << 6) | (x1 >>> 26); x1 ^= x0;
  x0 = (x0 + k1) | 0; x1 = (x1 + k2 + 1) | 0;
  x0 = (x0 + x1) | 0; x1 = (x1 << 17) | (x1 >>> 15); x1 ^= x0;
  x0 = (x0 + x1) | 0; x1 = (x1 << 29) | (x1 >>> 3); x1 ^= x0;
  x0 = (x0 + x1) | 0; x1 = (x1 << 16) | (x1 >>> 16); x1 ^= x0;
  x0 = (x0 + x1) | 0; x1 = (x1 << 24) | (x1 >>> 8); x1 ^= x0;
  x0 = (x0 + k2) | 0; x1 = (x1 + k0 + 2) | 0;
  x0 = (x0 + x1) | 0; x1 = (x1 << 13) | (x1 >>> 19); x1 ^= x0;
  x0 = (x0 + x1) | 0; x1 = (x1 << 15) | (x1 >>> 17); x1 ^= x0;
  x0 = (x0 + x1) | 0; x1 = (x1 << 26) | (x1 >>> 6); x1 ^= x0;
  x0 = (x0 + x1) | 0; x1 = (x1 << 6) | (x1 >>> 26); x1 ^= x0;
  x0 = (x0 + k0) | 0; x1 = (x1 + k1 + 3) | 0;
  x0 = (x0 + x1) | 0; x1 = (x1 << 17) | (x1 >>> 15); x1 ^= x0;
  x0 = (x0 + x1) | 0; x1 = (x1 << 29) | (x1 >>> 3); x1 ^= x0;
  x0 = (x0 + x1) | 0; x1 = (x1 << 16) | (x1 >>> 16); x1 ^= x0;
  x0 = (x0 + x1) | 0; x1 = (x1 << 24) | (x1 >>> 8); x1 ^= x0;
  x0 = (x0 + k1) | 0; x1 = (x1 + k2 + 4) | 0;
  x0 = (x0 + x1) | 0; x1 = (x1 << 13) | (x1 >>> 19); x1 ^= x0;
  x0 = (x0 + x1) | 0; x1 = (x1 << 15) | (x1 >>> 17); x1 ^= x0;
  x0 = (x0 + x1) | 0; x1 = (x1 << 26) | (x1 >>> 6); x1 ^= x0;
  x0 = (x0 + x1) | 0; x1 = (x1 << 6) | (x1 >>> 26); x1 ^= x0;
  x0 = (x0 + k2) | 0; x1 = (x1 + k0 + 5) | 0;
  out[offset] = x0 >>> 0;
  out[offset + 1] = x1 >>> 0;
}

/**
 * Fills `out` with the words of the stream threefry2x32(key, [block, 0]) for blocks
 * `firstBlock`, `firstBlock + 1`, … (two words per block; an odd length drops the last block's
 * second word). Internal: one tight loop with the rounds inlined, because the per-step noise of the
 * knowledge-graph task is 21M words.
 */
export function threefryBlocks(k0: number, k1: number, firstBlock: number, out: Uint32Array): void {
  const n = out.length;
  const k2 = (k0 ^ k1 ^ PARITY) | 0;
  k0 |= 0;
  k1 |= 0;
  const k2p1 = (k2 + 1) | 0;
  const k0p2 = (k0 + 2) | 0;
  const k1p3 = (k1 + 3) | 0;
  const k2p4 = (k2 + 4) | 0;
  const k0p5 = (k0 + 5) | 0;
  let i = 0;
  for (let block = firstBlock | 0; i < n; block++) {
    let x0 = (block + k0) | 0;
    let x1 = k1;
    x0 = (x0 + x1) | 0; x1 = (x1 << 13) | (x1 >>> 19); x1 ^= x0;
    x0 = (x0 + x1) | 0; x1 = (x1 << 15) | (x1 >>> 17); x1 ^= x0;
    x0 = (x0 + x1) | 0; x1 = (x1 << 26) | (x1 >>> 6); x1 ^= x0;
    x0 = (x0 + x1) | 0; x1 = (x1 << 6) | (x1 >>> 26); x1 ^= x0;
    x0 = (x0 + k1) | 0; x1 = (x1 + k2p1) | 0;
    x0 = (x0 + x1) | 0; x1 = (x1 << 17) | (x1 >>> 15); x1 ^= x0;
    x0 = (x0 + x1) | 0; x1 = (x1 << 29) | (x1 >>> 3); x1 ^= x0;
    x0 = (x0 + x1) | 0; x1 = (x1 << 16) | (x1 >>> 16); x1 ^= x0;
    x0 = (x0 + x1) | 0; x1 = (x1 << 24) | (x1 >>> 8); x1 ^= x0;
    x0 = (x0 + k2) | 0; x1 = (x1 + k0p2) | 0;
    x0 = (x0 + x1) | 0; x1 = (x1 << 13) | (x1 >>> 19); x1 ^= x0;
    x0 = (x0 + x1) | 0; x1 = (x1 << 15) | (x1 >>> 17); x1 ^= x0;
    x0 = (x0 + x1) | 0; x1 = (x1 << 26) | (x1 >>> 6); x1 ^= x0;
    x0 = (x0 + x1) | 0; x1 = (x1 << 6) | (x1 >>> 26); x1 ^= x0;
    x0 = (x0 + k0) | 0; x1 = (x1 + k1p3) | 0;
    x0 = (x0 + x1) | 0; x1 = (x1 << 17) | (x1 >>> 15); x1 ^= x0;
    x0 = (x0 + x1) | 0; x1 = (x1 << 29) | (x1 >>> 3); x1 ^= x0;
    x0 = (x0 + x1) | 0; x1 = (x1 << 16) | (x1 >>> 16); x1 ^= x0;
    x0 = (x0 + x1) | 0; x1 = (x1 << 24) | (x1 >>> 8); x1 ^= x0;
    x0 = (x0 + k1) | 0; x1 = (x1 + k2p4) | 0;
    x0 = (x0 + x1) | 0; x1 = (x1 << 13) | (x1 >>> 19); x1 ^= x0;
    x0 = (x0 + x1) | 0; x1 = (x1 << 15) | (x1 >>> 17); x1 ^= x0;
    x0 = (x0 + x1) | 0; x1 = (x1 << 26) | (x1 >>> 6); x1 ^= x0;
    x0 = (x0 + x1) | 0; x1 = (x1 << 6) | (x1 >>> 26); x1 ^= x0;
    x0 = (x0 + k2) | 0; x1 = (x1 + k0p5) | 0;
    out[i++] = x0;
    if (i < n) out[i++] = x1;
  }
}
