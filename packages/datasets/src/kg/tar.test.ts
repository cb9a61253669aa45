import { gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { loadKnowledgeGraphArchive } from './loadKnowledgeGraphArchive.js';
import { readTar } from './tar.js';
import { makeTar } from '../__fixtures__/makeTar.js';

const files = [
  { name: 'tiny/', text: '', type: '5' },
  { name: 'tiny/train.txt', text: 'a\tr\tb\r\nb\tr\tc\r\n' },
  { name: 'tiny/valid.txt', text: 'a\ts\tc\n' },
  { name: 'tiny/test.txt', text: 'c\tr\ta\n' },
];

describe('readTar', () => {
  it('lists regular files of a hand-built ustar archive, gzipped or not', () => {
    const tar = makeTar(files);
    for (const bytes of [tar, gzipSync(tar)]) {
      const entries = readTar(bytes);
      expect(entries.map((e) => e.name)).toEqual(['tiny/train.txt', 'tiny/valid.txt', 'tiny/test.txt']);
      expect(new TextDecoder().decode(entries[1]!.data)).toBe('a\ts\tc\n');
    }
  });

  it('rejects a corrupt header and a truncated file', () => {
    const tar = makeTar(files);
    const bad = tar.slice();
    bad[10] = 0x41;
    expect(() => readTar(bad, { source: 'x.tar' })).toThrow(/readTar: x\.tar bad header at byte 0/);
    expect(() => readTar(tar.slice(0, 512 * 3 + 5), { source: 'x.tar' })).toThrow(/x\.tar truncated: ends at byte 1541/);
    expect(() => readTar(tar.slice(0, 512 * 3), { source: 'x.tar' })).toThrow(/x\.tar truncated: ends at byte 1536/);
    const long = makeTar([{ name: 'big.txt', text: 'x'.repeat(1500) }]);
    expect(() => readTar(long.slice(0, 1024), { source: 'x.tar' })).toThrow(/big\.txt is truncated \(1500 bytes declared, 512 present\)/);
    expect(() => readTar(gzipSync(tar).slice(0, 40), { source: 'x.tar.gz' })).toThrow(/gzip data is corrupt/);
  });
});

describe('loadKnowledgeGraphArchive', () => {
  it('loads the three splits from a tarball', () => {
    const kg = loadKnowledgeGraphArchive(gzipSync(makeTar(files)));
    expect(kg.entities).toEqual(['a', 'b', 'c']);
    expect(kg.relations).toEqual(['r', 's']);
    expect(Array.from(kg.test)).toEqual([2, 0, 0]);
  });

  it('names a missing split, and the archive and member in parse errors', () => {
    expect(() => loadKnowledgeGraphArchive(makeTar(files.slice(0, 3)), { source: 'k.tgz' })).toThrow(
      'loadKnowledgeGraphArchive: k.tgz: missing test.txt (archive holds tiny/train.txt, tiny/valid.txt)',
    );
    const broken = [...files.slice(0, 3), { name: 'tiny/test.txt', text: 'c\tr\ta\nc\tr\n' }];
    expect(() => loadKnowledgeGraphArchive(makeTar(broken), { source: 'k.tgz' })).toThrow(
      'parseTriples: k.tgz:tiny/test.txt line 2: expected 3 tab-separated fields (head, relation, tail), got 2',
    );
  });
});
