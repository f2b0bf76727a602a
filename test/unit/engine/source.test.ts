// scanSource: a tree read through a TreeSource (a zip read in place), project scanners included.
import { scanSource } from '../../../service/engine/scan';
import { fileScanner, makeFinding, memorySource, needleScanner, projectScanner } from './helpers';

describe('scanSource', () => {
  it('hands files to the scanners, reads only the wanted ones, and honours .vigil.yml from the source', async () => {
    const source = memorySource([
      { path: '.vigil.yml', content: 'ignore:\n  - path: fixtures/\n    reason: test data\n' },
      { path: 'src/a.txt', content: 'NEEDLE\n' },
      { path: 'fixtures/b.txt', content: 'NEEDLE\n' },
      { path: 'logo.png', content: 'NEEDLE' },
    ]);
    const result = await scanSource(source, { scanners: [needleScanner({ needle: 'NEEDLE', wants: (p) => p.endsWith('.txt') })] });
    expect(result.findings.map((f) => [(f.location as { path: string }).path, f.suppressed?.kind])).toEqual([
      ['fixtures/b.txt', 'file'],
      ['src/a.txt', undefined],
    ]);
    expect(source.reads).toEqual(['.vigil.yml', 'src/a.txt', 'fixtures/b.txt']);
    expect(result.stats).toMatchObject({ filesSeen: 4, filesScanned: 2 });
  });

  it('gives project scanners a view of the source tree; a file both skip counts once in the coverage', async () => {
    const project = projectScanner('lockfiles', 'deps', {
      wants: (p) => p.endsWith('.lock'),
      scanProject(view) {
        const text = view.readText('app.lock');
        view.read('huge.lock');
        return { findings: text?.includes('bad') ? [makeFinding({ ruleId: 'DEP-TEST', path: 'app.lock', line: 1, category: 'deps' })] : [] };
      },
    });
    const result = await scanSource(
      memorySource([
        { path: 'app.lock', content: 'bad 1.0\n' },
        { path: 'huge.lock', content: 'x'.repeat(2000) },
      ]),
      { scanners: [project, needleScanner({ needle: 'zzz' })], limits: { maxFileBytes: 1000 } },
    );
    expect(result.findings.map((f) => f.ruleId)).toEqual(['DEP-TEST']);
    expect(result.scanners.map((s) => [s.scanner, s.filesScanned, s.filesSkipped])).toEqual([
      ['lockfiles', 1, { 'file-too-large': 1 }],
      ['needle', 1, { 'file-too-large': 1 }],
    ]);
    expect(result.coverage).toEqual({ complete: false, skipped: [{ reason: 'file-too-large', count: 1, limit: 1000, examples: ['huge.lock'] }] });
  });

  it("counts a project scanner's read the source refused with the source's reason and limit", async () => {
    const base = memorySource([
      { path: 'app.lock', content: 'ok 1.0\n' },
      { path: 'big.lock', content: 'bomb 1.0\n' },
    ]);
    const source: typeof base = {
      ...base,
      read: (file) =>
        file.path === 'big.lock'
          ? { ok: false, reason: 'archive-size-limit', limit: 4096, warning: { code: 'archive-size-limit', message: 'Not read: over the budget', path: file.path } }
          : base.read(file),
    };
    const project = projectScanner('lockfiles', 'deps', {
      wants: (p) => p.endsWith('.lock'),
      scanProject(view) {
        for (const f of view.wanted) view.read(f.path);
        return { findings: [] };
      },
    });
    const result = await scanSource(source, { scanners: [project] });
    expect(result.coverage).toEqual({ complete: false, skipped: [{ reason: 'archive-size-limit', count: 1, limit: 4096, examples: ['big.lock'] }] });
    expect(result.scanners[0]).toMatchObject({ filesScanned: 1, filesSkipped: { 'archive-size-limit': 1 } });
  });

  it('plans a budgeting source with the limits and the wants() of every scanner, silently (the scan reports a throwing wants())', async () => {
    const files = [
      { path: 'a.txt', content: 'NEEDLE' },
      { path: 'b.png', content: 'x' },
      { path: 'x.lock', content: 'x' },
      { path: 'deep/er/c.txt', content: 'NEEDLE' },
    ];
    const planned: [string, boolean][] = [];
    const source = { ...memorySource(files), prepare: (wanted: (path: string, size: number) => boolean) => files.forEach((f) => planned.push([f.path, wanted(f.path, f.content.length)])) };
    const throwing = fileScanner('throwing', '1', { wants: () => { throw new Error('no'); }, scan: () => [] });
    const project = projectScanner('locks', 'deps', { wants: (p) => p.endsWith('.lock'), scanProject: () => ({ findings: [] }) });
    const result = await scanSource(source, { scanners: [needleScanner({ needle: 'NEEDLE', wants: (p) => p.endsWith('.txt') }), throwing, project], limits: { maxDepth: 1 } });
    expect(planned).toEqual([['a.txt', true], ['b.png', false], ['x.lock', true], ['deep/er/c.txt', false]]);
    // One scanner-error per file the scan asked about (the plan reported none).
    expect(result.warnings.filter((w) => w.code === 'scanner-error').map((w) => w.path)).toEqual(['a.txt', 'b.png', 'deep/er/c.txt', 'x.lock']);
    expect(result.findings.map((f) => f.ruleId)).toEqual(['SEC-TEST-NEEDLE']);
  });
});

