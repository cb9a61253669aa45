import { deflateSync } from 'node:zlib';

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  Buffer.from(data.buffer, data.byteOffset, data.length).copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/**
 * Encodes an 8-bit greyscale image (`rows · cols` pixels 0..255, row-major) as a PNG, so the report
 * can show MNIST digits inline (`data:image/png;base64,…`) with no network and no canvas.
 *
 * @example
 * ```ts
 * const png = greyPng(new Uint8Array(28 * 28), 28, 28);
 * const src = `data:image/png;base64,${png.toString('base64')}`;
 * ```
 */
export function greyPng(pixels: Uint8Array, rows: number, cols: number): Buffer {
  if (!Number.isInteger(rows) || rows < 1 || !Number.isInteger(cols) || cols < 1) {
    throw new Error(`greyPng: rows and cols must be integers >= 1, got ${rows} x ${cols}`);
  }
  if (pixels.length !== rows * cols) throw new Error(`greyPng: pixels must hold ${rows * cols} values, got ${pixels.length}`);
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, cols);
  view.setUint32(4, rows);
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  const raw = new Uint8Array(rows * (cols + 1));
  for (let r = 0; r < rows; r++) raw.set(pixels.subarray(r * cols, (r + 1) * cols), r * (cols + 1) + 1);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', new Uint8Array(0)),
  ]);
}
