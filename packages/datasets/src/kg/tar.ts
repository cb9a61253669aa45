import { gunzipSync } from 'fflate';

/** One regular file of a tar archive. */
export interface TarEntry {
  /** Path inside the archive (ustar prefix joined, `./` kept as written). */
  name: string;
  data: Uint8Array;
}

function field(block: Uint8Array, start: number, len: number): string {
  let end = start;
  while (end < start + len && block[end] !== 0) end++;
  let s = '';
  for (let i = start; i < end; i++) s += String.fromCharCode(block[i] as number);
  return s;
}

/** True when the bytes start with the gzip magic number 1f 8b. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Gunzips when the bytes are gzip, else returns them unchanged. */
export function maybeGunzip(bytes: Uint8Array): Uint8Array {
  return isGzip(bytes) ? gunzipSync(bytes) : bytes;
}

/**
 * Lists the regular files of a tar archive (ustar, GNU or v7 headers; gzip-compressed input is
 * gunzipped first). Checks every header's checksum and that no file runs past the end; directories,
 * links and pax headers are skipped (a pax `path` record renames the next file).
 *
 * @example
 * const files = readTar(bytesOf('WN18RR.tar.gz'));
 * files.map((f) => f.name); // ['valid.txt', 'train.txt', 'test.txt']
 */
export function readTar(input: Uint8Array, options: { source?: string } = {}): TarEntry[] {
  const where = options.source ? ` ${options.source}` : '';
  if (!(input instanceof Uint8Array)) throw new Error(`readTar: input must be a Uint8Array, got ${typeof input}`);
  let bytes: Uint8Array;
  try {
    bytes = maybeGunzip(input);
  } catch (err) {
    throw new Error(`readTar:${where} gzip data is corrupt (${err instanceof Error ? err.message : String(err)})`);
  }
  const out: TarEntry[] = [];
  let off = 0;
  let paxPath: string | undefined;
  let longName: string | undefined;
  let ended = false;
  while (off + 512 <= bytes.length) {
    const block = bytes.subarray(off, off + 512);
    if (block.every((b) => b === 0)) {
      ended = true;
      break;
    }
    const sizeField = field(block, 124, 12).trim();
    const size = block[124]! & 0x80 ? readBase256(block.subarray(124, 136)) : parseInt(sizeField || '0', 8);
    const stored = parseInt(field(block, 148, 8).trim(), 8);
    let sum = 0;
    for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : (block[i] as number);
    if (!Number.isFinite(size) || size < 0 || stored !== sum) {
      throw new Error(`readTar:${where} bad header at byte ${off} (checksum ${stored}, computed ${sum}); not a tar archive or truncated`);
    }
    const type = String.fromCharCode(block[156] as number);
    const magic = field(block, 257, 6);
    const prefix = magic.startsWith('ustar') ? field(block, 345, 155) : '';
    let name = prefix ? `${prefix}/${field(block, 0, 100)}` : field(block, 0, 100);
    const dataStart = off + 512;
    if (dataStart + size > bytes.length) throw new Error(`readTar:${where} ${name} is truncated (${size} bytes declared, ${bytes.length - dataStart} present)`);
    const data = bytes.subarray(dataStart, dataStart + size);
    off = dataStart + Math.ceil(size / 512) * 512;
    if (type === 'x') {
      const m = /\d+ path=([^\n]*)\n/.exec(new TextDecoder().decode(data));
      if (m) paxPath = m[1];
      continue;
    }
    if (type === 'L') {
      longName = new TextDecoder().decode(data).replace(/\0+$/, '');
      continue;
    }
    if (type === 'g') continue;
    if (paxPath !== undefined) name = paxPath;
    else if (longName !== undefined) name = longName;
    paxPath = undefined;
    longName = undefined;
    if (type === '0' || type === '\0' || type === '7') out.push({ name, data });
  }
  // Every tar writer ends with zero blocks; stopping without one means the archive was cut short.
  if (!ended) throw new Error(`readTar:${where} truncated: ends at byte ${bytes.length} inside or after a member, without the end-of-archive block`);
  return out;
}

function readBase256(b: Uint8Array): number {
  let v = (b[0] as number) & 0x7f;
  for (let i = 1; i < b.length; i++) v = v * 256 + (b[i] as number);
  return v;
}
