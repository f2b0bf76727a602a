// Issue 10, item 4: no hiding places. The file-count and depth limits are what monorepos need, and
// every file a limit keeps out is counted in the scan's coverage (reason, limit, examples).
import { DEFAULT_LIMITS, scanDirectory, scanFiles, scanSource } from '../../../service/engine/scan';
import { secretsScanner } from '../../../service/engine/secrets';
import { BASE62, randomToken } from '../../../service/engine/secrets/examples';
import type { FileLocation } from '../../../service/contract/model';
import type { FileScanner } from '../../../service/engine/types';
import { generatedSource, memorySource, needleScanner, tempTree } from './helpers';

const secret = `ghp_${randomToken('limits', BASE62, 36)}`;
const paths = (r: { findings: { location: unknown }[] }) => r.findings.map((f) => (f.location as FileLocation).path);

describe('limits', () => {
  let tree: ReturnType<typeof tempTree>;
  afterEach(() => tree?.remove());

  it('default to 1,000,000 files and 200 folders deep', () => {
    expect(DEFAULT_LIMITS).toEqual({ maxFileBytes: 5 * 1024 * 1024, maxFiles: 1_000_000, maxDepth: 200 });
  });

  it('finds a secret 100 directories deep (it was beyond the old depth limit of 64)', async () => {
    const deep = Array.from({ length: 100 }, (_, i) => `d${i}`).join('/');
    tree = tempTree({ [`${deep}/config.env`]: `TOKEN=${secret}\n` });
    const result = await scanDirectory(tree.root, { scanners: [secretsScanner] });
    expect(paths(result)).toEqual([`${deep}/config.env`]);
    expect(result.coverage).toEqual({ complete: true, skipped: [] });
  });

  it('finds a secret in the 100,001st file (it was beyond the old file limit of 100,000)', async () => {
    const count = 100_001;
    const source = generatedSource(count, (i) => ({
      path: `pkg${i % 100}/src/file${i}.ts`,
      content: i === count - 1 ? `export const token = "${secret}";\n` : `export const v${i} = ${i};\n`,
    }));
    const result = await scanSource(source, { scanners: [secretsScanner] });
    expect(paths(result)).toEqual([`pkg0/src/file${count - 1}.ts`]);
    expect(result.stats.filesScanned).toBe(count);
    expect(result.coverage.complete).toBe(true);
  });

  it('counts the files beyond maxFiles that a scanner would read, with the limit and the first ones as examples', async () => {
    const files = Array.from({ length: 25 }, (_, i) => ({ path: `f${String(i).padStart(2, '0')}.${i % 5 === 4 ? 'png' : 'txt'}`, content: 'NEEDLE' }));
    const needle = needleScanner({ needle: 'NEEDLE', wants: (p) => p.endsWith('.txt') });
    const result = await scanSource(memorySource(files), { scanners: [needle], limits: { maxFiles: 10 } });

    // Files 10..24: 12 texts (a scanner would read them) and 3 images (none would).
    const beyond = files.slice(10).filter((f) => f.path.endsWith('.txt')).map((f) => f.path);
    expect(result.coverage).toEqual({ complete: false, skipped: [{ reason: 'file-limit', count: 12, limit: 10, examples: beyond.slice(0, 10) }] });
    expect(result.scanners[0]).toMatchObject({ filesScanned: 8, filesSkipped: { 'file-limit': 12 } });
    expect(result.warnings).toEqual([expect.objectContaining({ code: 'file-limit', path: 'f10.txt', message: expect.stringContaining('10 files') })]);
  });

  it('counts the files deeper than maxDepth, warns once per folder at the limit, and scans the rest', async () => {
    const result = await scanSource(
      memorySource([
        { path: 'a/b/ok.txt', content: 'NEEDLE' },
        { path: 'a/b/c/deep1.txt', content: 'NEEDLE' },
        { path: 'a/b/c/d/deep2.txt', content: 'NEEDLE' },
        { path: 'x/y/z/deep3.txt', content: 'NEEDLE' },
      ]),
      { scanners: [needleScanner({ needle: 'NEEDLE' })], limits: { maxDepth: 2 } },
    );
    expect(paths(result)).toEqual(['a/b/ok.txt']);
    expect(result.coverage.skipped).toEqual([{ reason: 'depth-limit', count: 3, limit: 2, examples: ['a/b/c/deep1.txt', 'a/b/c/d/deep2.txt', 'x/y/z/deep3.txt'] }]);
    expect(result.warnings.map((w) => [w.code, w.path])).toEqual([
      ['depth-limit', 'a/b/c'],
      ['depth-limit', 'x/y/z'],
    ]);
  });

  it('counts on disk too: files past maxFiles and below maxDepth are listed, not read', async () => {
    tree = tempTree({ '1.txt': 'NEEDLE', '2.txt': 'NEEDLE', '3.txt': 'NEEDLE', 'd/4.txt': 'NEEDLE', 'd/e/f/5.txt': 'NEEDLE' });
    const needle = needleScanner({ needle: 'NEEDLE' });
    const byCount = await scanDirectory(tree.root, { scanners: [needle], limits: { maxFiles: 3 } });
    expect(byCount.coverage.skipped).toEqual([{ reason: 'file-limit', count: 2, limit: 3, examples: ['d/4.txt', 'd/e/f/5.txt'] }]);
    const byDepth = await scanDirectory(tree.root, { scanners: [needle], limits: { maxDepth: 1 } });
    expect(byDepth.coverage.skipped).toEqual([{ reason: 'depth-limit', count: 1, limit: 1, examples: ['d/e/f/5.txt'] }]);
    expect(byDepth.warnings.map((w) => [w.code, w.path])).toEqual([['depth-limit', 'd/e']]);
  });

  it('lists entries a source refused (with their warnings) and files only partly scanned', async () => {
    const capped: FileScanner = {
      ...needleScanner({ needle: 'NEEDLE', name: 'capped' }),
      partialCodes: ['needle-cap'],
      scan(file, ctx) {
        if (file.path.startsWith('dense')) ctx.warn({ code: 'needle-cap', message: 'too many needles; the rest of the file was not examined' });
        return [];
      },
    };
    const result = await scanSource(
      memorySource([
        { path: '../escape.txt', refused: { reason: 'zip-entry-rejected', message: 'parent-folder (..) segment' } },
        { path: 'docs/link', refused: { reason: 'symlink', message: 'symbolic link (not read)' } },
        { path: 'dense1.txt', content: 'x' },
        { path: 'dense2.txt', content: 'x' },
        { path: 'plain.txt', content: 'x' },
        { refused: { reason: 'archive-damaged', code: 'archive-damaged', message: 'the rest is damaged', count: 7 } },
      ]),
      { scanners: [capped] },
    );
    expect(result.coverage).toEqual({
      complete: false,
      skipped: [
        { reason: 'partly-scanned', count: 2, examples: ['dense1.txt', 'dense2.txt'] },
        { reason: 'zip-entry-rejected', count: 1, examples: ['../escape.txt'] },
        { reason: 'archive-damaged', count: 7, examples: [] },
        { reason: 'symlink', count: 1, examples: ['docs/link'] },
      ],
    });
    expect(result.warnings.filter((w) => w.code === 'zip-entry-rejected').map((w) => [w.path, w.message])).toEqual([
      ['../escape.txt', 'parent-folder (..) segment'],
      ['docs/link', 'symbolic link (not read)'],
    ]);
  });

  it('calls a scan complete when only binary files and links were left out', async () => {
    const result = await scanFiles([{ path: 'a.txt', content: Buffer.from([1, 0, 2]) }], { scanners: [needleScanner({ needle: 'x' })] });
    expect(result.coverage).toEqual({ complete: true, skipped: [{ reason: 'binary', count: 1, examples: ['a.txt'] }] });
  });
});
