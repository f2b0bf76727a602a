// Issue 10, item 4: large files are scanned in bounded, overlapping windows instead of being skipped.
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { scanDirectory, scanFiles, scanSource } from '../../../service/engine/scan';
import { secretsScanner } from '../../../service/engine/secrets';
import { BASE62, randomToken } from '../../../service/engine/secrets/examples';
import { WINDOW_OVERLAP_BYTES } from '../../../service/engine/secrets/scanner';
import type { FileLocation } from '../../../service/contract/model';
import { columnsIn, forEachWindow, pullFromBuffer, type Window } from '../../../service/engine/windows';
import { memorySource, needleScanner, tempTree, windowedNeedleScanner } from './helpers';

const MiB = 1024 * 1024;
const token = (seed: string) => `ghp_${randomToken(seed, BASE62, 36)}`;
const at = (f: { location: unknown }) => {
  const loc = f.location as FileLocation;
  return [loc.path, loc.line, loc.column];
};

/** Line and column (1-based, UTF-16 units as String.length counts) of byte `offset` of `text`. */
function lineColumn(text: Buffer, offset: number): [number, number] {
  const before = text.subarray(0, offset);
  const lastNewline = before.lastIndexOf(10);
  let line = 1;
  for (let i = before.indexOf(10); i !== -1; i = before.indexOf(10, i + 1)) line++;
  return [line, before.subarray(lastNewline + 1).toString('utf8').length + 1];
}

describe('forEachWindow', () => {
  it('answers for every byte exactly once, with the line and column bases of each window', async () => {
    // Lines of varying length, multi-byte and astral characters, sizes around the window edges.
    const unit = 'ab\nc€d𝄞e\n\nfghij';
    for (const length of [0, 1, 99, 100, 101, 179, 180, 181, 260, 1000, 1001]) {
      const text = Buffer.from(unit.repeat(Math.ceil(length / unit.length) + 1)).subarray(0, length);
      const owned = new Uint8Array(length);
      const windows: Window[] = [];
      const pulled = await forEachWindow(pullFromBuffer(text), 100, 20, (w) => {
        windows.push({ ...w, content: Buffer.from(w.content) });
        for (let i = w.from; i < w.to; i++) owned[w.offset + i]++;
      });
      expect(pulled).toBe(length);
      expect([...owned].every((n) => n === 1)).toBe(true);
      for (const w of windows) {
        expect(w.content.equals(text.subarray(w.offset, w.offset + w.content.length))).toBe(true);
        const [line, column] = lineColumn(text, w.offset);
        expect([w.lineBase + 1, w.columnBase + 1]).toEqual([line, column]);
      }
    }
  });

  it('counts columns as String.length does', () => {
    const text = Buffer.from('a€𝄞b');
    expect(columnsIn(text, 0, text.length)).toBe('a€𝄞b'.length);
  });
});

describe('large files through windows', () => {
  let tree: ReturnType<typeof tempTree>;
  afterEach(() => tree?.remove());

  it('finds a secret at the end of a 100 MB single-line file (it was skipped as too large)', async () => {
    const secret = token('end-of-line');
    const line = Buffer.alloc(100 * 1000 * 1000, 'var a=1;');
    const tail = Buffer.from(` const t="${secret}";`);
    tail.copy(line, line.length - tail.length);
    tree = tempTree();
    writeFileSync(path.join(tree.root, 'bundle.min.js'), line);

    const result = await scanDirectory(tree.root, { scanners: [secretsScanner] });

    expect(result.findings.map(at)).toEqual([['bundle.min.js', 1, line.length - tail.length + ' const t="'.length + 1]]);
    expect(result.warnings).toEqual([]);
    expect(result.scanners[0]).toMatchObject({ status: 'ran', filesScanned: 1, filesSkipped: {} });
    expect(result.stats).toMatchObject({ filesScanned: 1, bytesScanned: line.length });
    expect(result.coverage).toEqual({ complete: true, skipped: [] });
  });

  it('finds a secret straddling a window edge once, with its line and column, wherever the edge falls', async () => {
    // maxFileBytes 1 MiB: windows of 1 MiB overlapping by 256 KiB; the next window starts at 768 KiB.
    const windowBytes = 4 * WINDOW_OVERLAP_BYTES;
    const next = windowBytes - WINDOW_OVERLAP_BYTES;
    const edges = [windowBytes - 7, next + WINDOW_OVERLAP_BYTES / 2 - 7, next + 3, next - 200, 2 * next + WINDOW_OVERLAP_BYTES / 2 + 1];
    const text = Buffer.alloc(3 * MiB, 'lorem ipsum dolor sit amet\n');
    const planted = edges.map((edge, i) => {
      const secret = token(`edge-${i}`);
      const snippet = Buffer.from(`gh=${secret} `);
      const start = edge - 10; // the secret's start: 10 bytes before the edge, its end well after
      snippet.copy(text, start - 3);
      return { secret, start };
    });
    const expected = planted.map(({ start }) => ['big.txt', ...lineColumn(text, start)]).sort((a, b) => (a[1] as number) - (b[1] as number));

    for (const result of [
      await scanFiles([{ path: 'big.txt', content: text }], { scanners: [secretsScanner], limits: { maxFileBytes: MiB } }),
      await scanSource(memorySource([{ path: 'big.txt', content: text }]), { scanners: [secretsScanner], limits: { maxFileBytes: MiB } }),
    ]) {
      expect(result.findings.map(at)).toEqual(expected);
      expect(new Set(result.findings.map((f) => f.fingerprint)).size).toBe(planted.length);
    }
  });

  it('reports a value cut by a window end once, whole (not also its cut-off start)', async () => {
    const text = Buffer.alloc(3 * MiB, 'lorem ipsum dolor sit amet\n');
    const snippet = Buffer.from('db_password = "k8Tq2Lm9Zp4Rw7Xv3Nc6Bh1Jd5Fg0Sa"\n');
    const start = MiB - 25; // the first window ends inside the value
    snippet.copy(text, start);
    const result = await scanFiles([{ path: 'big.txt', content: text }], { scanners: [secretsScanner], limits: { maxFileBytes: MiB } });
    expect(result.findings.map((f) => [f.ruleId, ...at(f).slice(1), f.details?.secret?.preview])).toEqual([
      ['SEC-GENERIC-PASSWORD', ...lineColumn(text, start + 'db_password = "'.length), 'k8Tq…Sa'],
    ]);
  });

  it('keeps inline suppressions and the scanner figures right in a windowed file', async () => {
    const secret = token('suppressed');
    const text = Buffer.concat([Buffer.alloc(6 * 350_000, 'x = 1\n'), Buffer.from(`key = "${secret}" # vigil:ignore SEC-GITHUB-PAT test fixture\n`)]);
    const result = await scanFiles([{ path: 'fixtures.py', content: text }], { scanners: [secretsScanner], limits: { maxFileBytes: MiB } });
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0].suppressed).toEqual({ kind: 'inline', reason: 'test fixture' });
    expect(at(result.findings[0])).toEqual(['fixtures.py', 350_001, 8]);
    expect(result.scanners[0]).toMatchObject({ filesScanned: 1, findings: 1 });
  });

  it('hands a windowed scanner each window with the part it answers for; others skip the file as too large', async () => {
    const text = Buffer.from(`${'.'.repeat(250)}NEEDLE${'.'.repeat(300)}\n${'.'.repeat(40)}NEEDLE\n`);
    const windowed = windowedNeedleScanner({ needle: 'NEEDLE', overlap: 40 });
    const whole = needleScanner({ needle: 'NEEDLE' });
    const result = await scanFiles([{ path: 'a.txt', content: text }], { scanners: [windowed, whole], limits: { maxFileBytes: 200 } });
    expect(windowed.windowsSeen).toEqual([0, 160, 320, 480]);
    expect(result.findings.map(at)).toEqual([
      ['a.txt', 1, 251],
      ['a.txt', 2, 41],
    ]);
    expect(result.scanners.map((s) => [s.scanner, s.filesScanned, s.filesSkipped])).toEqual([
      ['windowed', 1, {}],
      ['needle', 0, { 'file-too-large': 1 }],
    ]);
    expect(result.coverage).toEqual({ complete: false, skipped: [{ reason: 'file-too-large', count: 1, limit: 200, examples: ['a.txt'] }] });
  });

  it('scans every window of a large text file with a NUL past its first 8 KiB (only the first window decides "binary")', async () => {
    // Default limits: windows of 5 MiB, the second starting at 4.75 MiB. A NUL there used to make the
    // secrets scanner drop that whole window as binary while the coverage said complete.
    const text = Buffer.alloc(6.3 * 1000 * 1000, 'lorem ipsum dolor sit amet\n');
    const nulAt = 4.75 * MiB;
    text[nulAt] = 0;
    const secret = token('after-a-nul');
    const start = nulAt + MiB;
    Buffer.from(`gh=${secret} `).copy(text, start - 3);
    for (const result of [
      await scanSource(memorySource([{ path: 'big.log', content: text }]), { scanners: [secretsScanner] }),
      await scanDirectory((tree = tempTree({ 'big.log': text })).root, { scanners: [secretsScanner] }),
    ]) {
      expect(result.findings.map(at)).toEqual([['big.log', ...lineColumn(text, start)]]);
      expect(result.warnings).toEqual([]);
      expect(result.scanners[0]).toMatchObject({ status: 'ran', filesScanned: 1, filesSkipped: {}, warnings: 0 });
      expect(result.coverage).toEqual({ complete: true, skipped: [] });
    }
  });

  it('skips a large binary file after its first window', async () => {
    const text = Buffer.concat([Buffer.from([0, 1, 2]), Buffer.alloc(3 * MiB, 'ghp_')]);
    const result = await scanFiles([{ path: 'blob.dat.txt', content: text }], { scanners: [secretsScanner], limits: { maxFileBytes: MiB } });
    expect(result.findings).toEqual([]);
    expect(result.scanners[0].filesSkipped).toEqual({ binary: 1 });
    expect(result.coverage).toEqual({ complete: true, skipped: [{ reason: 'binary', count: 1, examples: ['blob.dat.txt'] }] });
  });
});
