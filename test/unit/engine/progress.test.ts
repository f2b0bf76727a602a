import { scanDirectory, scanSource } from '../../../service/engine/scan';
import type { ScanProgress } from '../../../service/engine/types';
import { memorySource, needleScanner, tempTree } from './helpers';

describe('scan progress (ScanOptions.onProgress)', () => {
  it('reports each listed file of a source that plans ahead against its total, with the findings so far, then once at the end', async () => {
    const files = [
      { path: 'a.txt', content: 'NEEDLE' },
      { path: 'b.png', content: 'x' },
      { path: 'c.txt', content: 'NEEDLE\nNEEDLE' },
    ];
    const source = { ...memorySource(files), prepare: (wanted: (path: string, size: number) => boolean) => files.forEach((f) => wanted(f.path, f.content.length)) };
    const seen: ScanProgress[] = [];
    await scanSource(source, { scanners: [needleScanner({ needle: 'NEEDLE', wants: (p) => p.endsWith('.txt') })], onProgress: (p) => seen.push(p) });
    expect(seen).toEqual([
      { filesDone: 1, filesTotal: 3, findings: 1 },
      { filesDone: 2, filesTotal: 3, findings: 1 },
      { filesDone: 3, filesTotal: 3, findings: 3 },
      { filesDone: 3, filesTotal: 3, findings: 3 },
    ]);
  });

  it('counts only the files within maxFiles in the total', async () => {
    const files = ['a', 'b', 'c', 'd'].map((n) => ({ path: `${n}.txt`, content: 'x' }));
    const source = { ...memorySource(files), prepare: (wanted: (path: string, size: number) => boolean) => files.forEach((f) => wanted(f.path, f.content.length)) };
    const seen: ScanProgress[] = [];
    await scanSource(source, { scanners: [needleScanner({ needle: 'NEEDLE' })], limits: { maxFiles: 2 }, onProgress: (p) => seen.push(p) });
    expect(seen.at(-1)).toEqual({ filesDone: 2, filesTotal: 2, findings: 0 });
  });

  it('gives no total for a source that does not plan ahead, nor for a walked folder', async () => {
    const seen: ScanProgress[] = [];
    await scanSource(memorySource([{ path: 'a.txt', content: 'NEEDLE' }]), { scanners: [needleScanner({ needle: 'NEEDLE' })], onProgress: (p) => seen.push(p) });
    expect(seen).toEqual([
      { filesDone: 1, findings: 1 },
      { filesDone: 1, findings: 1 },
    ]);

    const tree = tempTree({ 'a.txt': 'NEEDLE', 'src/b.txt': 'no', 'src/c.txt': 'NEEDLE' });
    try {
      const walked: ScanProgress[] = [];
      await scanDirectory(tree.root, { scanners: [needleScanner({ needle: 'NEEDLE' })], onProgress: (p) => walked.push(p) });
      expect(walked.map((p) => p.filesDone)).toEqual([1, 2, 3, 3]);
      expect(walked.at(-1)).toEqual({ filesDone: 3, findings: 2 });
      expect(walked.every((p) => p.filesTotal === undefined)).toBe(true);
    } finally {
      tree.remove();
    }
  });
});
