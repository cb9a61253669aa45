import type { StoredTensor } from './types.js';

const CHUNK = 0x8000;

function bytesToBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += CHUNK) {
    s += String.fromCharCode(...bytes.subarray(i, Math.min(i + CHUNK, bytes.length)));
  }
  return btoa(s);
}

function base64ToBytes(b64: string): Uint8Array {
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/**
 * Encodes float32 values and a shape as JSON-safe base64 (little-endian), exactly: a checkpoint must
 * restore the very same bits.
 *
 * @example
 * ```ts
 * const s = encodeTensor(new Float32Array([1, 2]), [2]);
 * decodeTensor(s).values; // Float32Array [1, 2]
 * ```
 */
export function encodeTensor(values: Float32Array, shape: readonly number[]): StoredTensor {
  const size = shape.reduce((a, b) => a * b, 1);
  if (size !== values.length) {
    throw new Error(`encodeTensor: shape [${shape.join(', ')}] holds ${size} values, got ${values.length}`);
  }
  const copy = new Float32Array(values);
  const bytes = new Uint8Array(copy.buffer);
  if (!littleEndian()) swap4(bytes);
  return { shape: [...shape], data: bytesToBase64(bytes) };
}

/**
 * Decodes a `StoredTensor` back into float32 values and a shape.
 *
 * @example
 * ```ts
 * const { values, shape } = decodeTensor(encodeTensor(new Float32Array([3]), [1]));
 * ```
 */
export function decodeTensor(stored: StoredTensor): { values: Float32Array; shape: number[] } {
  if (!stored || !Array.isArray(stored.shape) || typeof stored.data !== 'string') {
    throw new Error(`decodeTensor: stored must be { shape: number[], data: string }, got ${JSON.stringify(stored)?.slice(0, 80)}`);
  }
  const bytes = base64ToBytes(stored.data);
  if (bytes.length % 4 !== 0) throw new Error(`decodeTensor: data must be whole float32 values, got ${bytes.length} bytes`);
  if (!littleEndian()) swap4(bytes);
  const values = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
  const size = stored.shape.reduce((a, b) => a * b, 1);
  if (size !== values.length) {
    throw new Error(`decodeTensor: shape [${stored.shape.join(', ')}] holds ${size} values, got ${values.length}`);
  }
  return { values: new Float32Array(values), shape: [...stored.shape] };
}

function littleEndian(): boolean {
  return new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
}

function swap4(bytes: Uint8Array): void {
  for (let i = 0; i < bytes.length; i += 4) {
    const a = bytes[i]!, b = bytes[i + 1]!;
    bytes[i] = bytes[i + 3]!;
    bytes[i + 1] = bytes[i + 2]!;
    bytes[i + 2] = b;
    bytes[i + 3] = a;
  }
}
