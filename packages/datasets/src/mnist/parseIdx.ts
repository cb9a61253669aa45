import { DatasetError } from '../DatasetError.js';
import { maybeGunzip } from '../kg/tar.js';

/** Element types of the IDX format, by the type byte of its magic number. */
export type IdxType = 'uint8' | 'int8' | 'int16' | 'int32' | 'float32' | 'float64';

/** A parsed IDX file: its element type, its dimensions and its data, row-major. */
export interface IdxArray {
  type: IdxType;
  dims: number[];
  data: Uint8Array | Int8Array | Int16Array | Int32Array | Float32Array | Float64Array;
}

const TYPES: Record<number, [IdxType, number]> = {
  0x08: ['uint8', 1],
  0x09: ['int8', 1],
  0x0b: ['int16', 2],
  0x0c: ['int32', 4],
  0x0d: ['float32', 4],
  0x0e: ['float64', 8],
};

/** Options of {@link parseIdx}. */
export interface ParseIdxOptions {
  /** File name for errors. */
  source?: string;
  /** Number of dimensions the file must have (3 for images, 1 for labels). */
  rank?: number;
  /** Element type the file must have. */
  type?: IdxType;
}

/**
 * Parses an IDX file (LeCun's MNIST format), raw or gzipped: checks the magic number (two zero bytes,
 * a type byte, a rank byte), the dimensions and that the data is exactly as long as they say.
 * Multi-byte elements are big-endian as the format specifies.
 *
 * @example
 * const labels = parseIdx(bytes, { rank: 1, type: 'uint8', source: 'train-labels-idx1-ubyte' });
 * labels.dims; // [60000]
 */
export function parseIdx(input: Uint8Array, options: ParseIdxOptions = {}): IdxArray {
  const fn = 'parseIdx';
  const { source } = options;
  const fail = (detail: string): never => {
    throw new DatasetError(fn, detail, { source });
  };
  if (!(input instanceof Uint8Array)) throw new Error(`${fn}: input must be a Uint8Array, got ${typeof input}`);
  let bytes: Uint8Array;
  try {
    bytes = maybeGunzip(input);
  } catch (err) {
    return fail(`gzip data is corrupt (${err instanceof Error ? err.message : String(err)})`);
  }
  if (bytes.length < 4) fail(`only ${bytes.length} bytes, too short for an IDX header`);
  const hex = Array.from(bytes.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join('');
  if (bytes[0] !== 0 || bytes[1] !== 0) fail(`magic number 0x${hex} is not an IDX magic number (0x0000TTRR)`);
  const t = TYPES[bytes[2] as number];
  if (!t) fail(`magic number 0x${hex} has unknown element type 0x${(bytes[2] as number).toString(16)}`);
  const [type, size] = t as [IdxType, number];
  const rank = bytes[3] as number;
  if (options.rank !== undefined && rank !== options.rank) {
    fail(`magic number 0x${hex} declares ${rank} dimension(s), expected ${options.rank} (idx${options.rank} file, magic 0x0000${(bytes[2] as number).toString(16).padStart(2, '0')}0${options.rank})`);
  }
  if (options.type !== undefined && type !== options.type) fail(`element type is ${type}, expected ${options.type}`);
  const header = 4 + 4 * rank;
  if (bytes.length < header) fail(`truncated header: ${rank} dimensions need ${header} bytes, file has ${bytes.length}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims: number[] = [];
  let count = 1;
  for (let i = 0; i < rank; i++) {
    const d = view.getUint32(4 + 4 * i, false);
    dims.push(d);
    count *= d;
  }
  const want = header + count * size;
  if (bytes.length !== want) {
    fail(
      `${bytes.length < want ? 'truncated' : 'trailing bytes'}: dimensions ${dims.join(' × ')} of ${type} need ${want} bytes, file has ${bytes.length}`,
    );
  }
  const body = bytes.subarray(header);
  let data: IdxArray['data'];
  if (type === 'uint8') data = body.slice();
  else if (type === 'int8') data = new Int8Array(body.slice().buffer);
  else {
    const dv = new DataView(body.buffer, body.byteOffset, body.byteLength);
    const n = count;
    if (type === 'int16') {
      const a = new Int16Array(n);
      for (let i = 0; i < n; i++) a[i] = dv.getInt16(2 * i, false);
      data = a;
    } else if (type === 'int32') {
      const a = new Int32Array(n);
      for (let i = 0; i < n; i++) a[i] = dv.getInt32(4 * i, false);
      data = a;
    } else if (type === 'float32') {
      const a = new Float32Array(n);
      for (let i = 0; i < n; i++) a[i] = dv.getFloat32(4 * i, false);
      data = a;
    } else {
      const a = new Float64Array(n);
      for (let i = 0; i < n; i++) a[i] = dv.getFloat64(8 * i, false);
      data = a;
    }
  }
  return { type, dims, data };
}

/** A set of digit images with their labels. */
export interface MnistImages {
  /** Number of images. */
  count: number;
  rows: number;
  cols: number;
  /** Raw pixels, `count × rows × cols`, row-major, 0..255. */
  images: Uint8Array;
  /** Digit labels 0..9, `count`. */
  labels: Uint8Array;
}

/**
 * Pairs an idx3 image file and an idx1 label file (raw or gzipped) into {@link MnistImages}, checking
 * both magic numbers (0x00000803, 0x00000801), that the counts agree and that every label is 0..9.
 *
 * @example
 * const train = mnistFromIdx(imageBytes, labelBytes, { images: 'train-images-idx3-ubyte', labels: 'train-labels-idx1-ubyte' });
 * train.count; // 60000
 */
export function mnistFromIdx(imageBytes: Uint8Array, labelBytes: Uint8Array, sources: { images?: string; labels?: string } = {}): MnistImages {
  const img = parseIdx(imageBytes, { rank: 3, type: 'uint8', source: sources.images });
  const lab = parseIdx(labelBytes, { rank: 1, type: 'uint8', source: sources.labels });
  const [count, rows, cols] = img.dims as [number, number, number];
  if (lab.dims[0] !== count) {
    throw new DatasetError('mnistFromIdx', `${lab.dims[0]} labels for ${count} images${sources.images ? ` in ${sources.images}` : ''}`, { source: sources.labels });
  }
  const labels = lab.data as Uint8Array;
  for (let i = 0; i < labels.length; i++) {
    if ((labels[i] as number) > 9) throw new DatasetError('mnistFromIdx', `label ${i} is ${labels[i]}, not a digit 0-9`, { source: sources.labels });
  }
  return { count, rows, cols, images: img.data as Uint8Array, labels };
}

/** Options of {@link normalizeImages}. */
export interface NormalizeImagesOptions {
  /** Mean subtracted after scaling to [0, 1] (default 0.5). */
  mean?: number;
  /** Divisor after subtracting the mean (default 0.5). */
  std?: number;
}

/**
 * Pixels as the paper feeds them: `(x / 255 − 0.5) / 0.5`, in [−1, 1]. Pass a subarray to normalise
 * only a batch, e.g. `images.subarray(i * 784, (i + 32) * 784)`.
 *
 * @example
 * normalizeImages(Uint8Array.of(0, 255)); // Float32Array [-1, 1]
 */
export function normalizeImages(images: Uint8Array, options: NormalizeImagesOptions = {}): Float32Array {
  if (!(images instanceof Uint8Array)) throw new Error(`normalizeImages: images must be a Uint8Array, got ${typeof images}`);
  const mean = options.mean ?? 0.5;
  const std = options.std ?? 0.5;
  if (!(std > 0)) throw new Error(`normalizeImages: std must be > 0, got ${std}`);
  const out = new Float32Array(images.length);
  for (let i = 0; i < images.length; i++) out[i] = ((images[i] as number) / 255 - mean) / std;
  return out;
}
