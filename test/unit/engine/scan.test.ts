import { chmodSync, symlinkSync } from 'node:fs';
import * as path from 'node:path';
import { coverageReasonWords } from '../../../service/contract/coverage-text';
import { locationText } from '../../../service/contract/places';
import { engineScanners } from '../../../service/engine/registry';
import { AbortError, MAX_WARNINGS_PER_CODE, scanDirectory, scanFiles } from '../../../service/engine/scan';
import type { MemoryFile } from '../../../service/engine/tree';
import type { FileScanner, Finding, ProjectScanner } from '../../../service/engine/types';
import { fileScanner, makeFinding, needleScanner, projectScanner, tempTree, testRule } from './helpers';

describe('scanDirectory', () => {
  let tree: ReturnType<typeof tempTree>;
  afterEach(() => tree?.remove());

  it('hands each wanted file to the scanners and keeps per-scanner figures', async () => {
    tree = tempTree({
      'a.txt': 'one NEEDLE\ntwo\nthree NEEDLE\n',
      'src/b.txt': 'nothing here\n',
      'src/c.md': 'NEEDLE in markdown\n',
    });
    const txt = needleScanner({ name: 'txt', needle: 'NEEDLE', wants: (p) => p.endsWith('.txt') });
    const idle = needleScanner({ name: 'idle', needle: 'NEEDLE', wants: () => false });
    const result = await scanDirectory(tree.root, { scanners: [txt, idle] });

    expect(result.findings.map((f) => locationText(f.location))).toEqual(['a.txt:1', 'a.txt:3']);
    expect(txt.seen.map((f) => [f.path, f.size, Buffer.isBuffer(f.content)])).toEqual(
      expect.arrayContaining([['a.txt', 28, true], ['src/b.txt', 13, true]]),
    );
    expect(result.scanners).toEqual([
      expect.objectContaining({ scanner: 'txt', version: '1', status: 'ran', filesScanned: 2, findings: 2, warnings: 0, rulesRun: 1 }),
      {
        scanner: 'idle',
        version: '1',
        category: 'secret',
        status: 'not-run',
        reason: { code: 'no-files', text: 'No file in the repository is of a kind it reads' },
        filesScanned: 0,
        filesSkipped: {},
        rulesRun: 0,
        findings: 0,
        results: { pass: 0, notApplicable: 0, notAvailable: 0 },
        durationMs: expect.any(Number),
        warnings: 0,
      },
    ]);
    expect(result.stats).toEqual({ filesSeen: 3, filesScanned: 2, filesSkipped: 1, bytesScanned: 41, durationMs: expect.any(Number) });
    expect(result.warnings).toEqual([]);
  });

  it('reads a file once and hands the same Buffer to every scanner that wants it', async () => {
    tree = tempTree({ 'x.txt': 'NEEDLE' });
    const a = needleScanner({ name: 'a', needle: 'NEEDLE' });
    const b = needleScanner({ name: 'b', needle: 'NEEDLE', ruleId: 'SEC-OTHER' });
    const result = await scanDirectory(tree.root, { scanners: [a, b] });
    expect(a.seen[0].content).toBe(b.seen[0].content);
    expect(result.findings.map((f) => f.ruleId)).toEqual(['SEC-OTHER', 'SEC-TEST-NEEDLE']);
  });

  it('never reads a symlinked /etc/passwd (nor anything behind a linked directory)', async () => {
    tree = tempTree({ 'ok.txt': 'fine' });
    symlinkSync('/etc/passwd', path.join(tree.root, 'passwd'));
    symlinkSync('/etc', path.join(tree.root, 'etc'));
    const spy = needleScanner({ needle: 'root:' });
    const result = await scanDirectory(tree.root, { scanners: [spy] });
    expect(spy.seen.map((f) => f.path)).toEqual(['ok.txt']);
    expect(result.findings).toEqual([]);
    expect(result.warnings.map((w) => [w.code, w.path])).toEqual([['symlink', 'etc'], ['symlink', 'passwd']]);
  });

  it('isolates a scanner that throws on one file: a scanner-error warning, the rest goes on', async () => {
    tree = tempTree({ 'bad.txt': 'NEEDLE boom', 'good.txt': 'NEEDLE ok' });
    const fragile = fileScanner('fragile', '2', {
      wants: () => true,
      scan(file) {
        // V8 quotes the start of the text it choked on: "AKIAABCDEF"... is not valid JSON
        if (file.content.includes('boom')) JSON.parse('AKIAABCDEFGHIJKLMNOP');
        return [makeFinding({ ruleId: 'SEC-FRAGILE', path: file.path, line: 1 })];
      },
    });
    const steady = needleScanner({ name: 'steady', needle: 'NEEDLE' });
    const result = await scanDirectory(tree.root, { scanners: [fragile, steady] });

    expect(result.findings.map((f) => `${f.ruleId} ${locationText(f.location).replace(/:\d+$/, '')}`)).toEqual([
      'SEC-TEST-NEEDLE bad.txt',
      'SEC-FRAGILE good.txt',
      'SEC-TEST-NEEDLE good.txt',
    ]);
    expect(result.warnings).toEqual([
      { code: 'scanner-error', path: 'bad.txt', scanner: 'fragile', message: expect.stringMatching(/^fragile failed on this file: SyntaxError: /) },
    ]);
    // The error quoted the file's text; the warning must not carry it on.
    expect(result.warnings[0].message).not.toContain('AKIAABCD');
    expect(result.scanners.find((s) => s.scanner === 'fragile')).toMatchObject({ filesScanned: 2, findings: 1, warnings: 1 });
    expect(result.scanners.find((s) => s.scanner === 'steady')).toMatchObject({ filesScanned: 2, findings: 2, warnings: 0 });
  });

  it('treats a throwing wants() or a non-array result as a scanner error', async () => {
    tree = tempTree({ 'a.txt': 'x' });
    const badWants = fileScanner('w', '1', { wants: () => { throw new Error('no'); }, scan: () => [] });
    const badScan = fileScanner('s', '1', { wants: () => true, scan: () => 'nope' as unknown as Finding[] });
    const result = await scanDirectory(tree.root, { scanners: [badWants, badScan] });
    expect(result.warnings.map((w) => [w.code, w.scanner])).toEqual([['scanner-error', 's'], ['scanner-error', 'w']]);
  });

  it('supports async scanners and counts their warnings', async () => {
    tree = tempTree({ 'a.cfg': 'x' });
    const seenOptions: unknown[] = [];
    const asyncScanner: FileScanner<{ salt: string; depth: number }> = {
      name: 'async',
      version: '1',
      category: 'secret',
      rules: [testRule('SEC-ASYNC')],
      defaultOptions: { salt: 'default', depth: 2 },
      wants: () => true,
      async scan(file, ctx) {
        await new Promise((r) => setTimeout(r, 1));
        ctx.warn({ code: 'parse-error', message: 'could not parse' });
        seenOptions.push(ctx.options);
        return [makeFinding({ ruleId: 'SEC-ASYNC', path: file.path, line: 1 })];
      },
    };
    const result = await scanDirectory(tree.root, { scanners: [asyncScanner], options: { async: { salt: 'org-salt' } } });
    // The caller's options overlay the scanner's defaults, per scanner name.
    expect(seenOptions).toEqual([{ salt: 'org-salt', depth: 2 }]);
    expect(result.findings).toHaveLength(1);
    expect(result.warnings).toEqual([{ code: 'parse-error', message: 'could not parse', path: 'a.cfg', scanner: 'async' }]);
    expect(result.scanners[0]).toMatchObject({ findings: 1, warnings: 1 });
  });

  it('keeps the bytes of an asynchronous scanner intact while other files are read meanwhile', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 30; i++) files[`f${String(i).padStart(2, '0')}.txt`] = `file ${i} `.repeat(50 + i * 7);
    tree = tempTree(files);
    const mismatches: string[] = [];
    const slowAsync = fileScanner('slow-async', '1', {
      wants: () => true,
      async scan(file) {
        const before = file.content.toString('utf8');
        await new Promise((r) => setTimeout(r, 2));
        if (file.content.toString('utf8') !== before || before !== files[file.path]) mismatches.push(file.path);
        return [];
      },
    });
    const sync = needleScanner({ needle: 'never' });
    const result = await scanDirectory(tree.root, { scanners: [sync, slowAsync] });
    expect(result.stats.filesScanned).toBe(30);
    expect(mismatches).toEqual([]);
    // Synchronous scanners saw the right bytes too (checked during scan(), when content is valid).
    expect(sync.seen.map((f) => f.size)).toEqual(Object.values(files).map((t) => t.length));
  });

  it('hands each synchronous scanner exactly its file, even when files share a read buffer', async () => {
    tree = tempTree({ 'a.txt': 'a much longer first file with NEEDLE in it\n', 'b.txt': 'short\n', 'c.txt': '' });
    const texts: string[] = [];
    const recorder = fileScanner('rec', '1', { wants: () => true, scan: (f) => (texts.push(f.content.toString('utf8')), []) });
    await scanDirectory(tree.root, { scanners: [recorder] });
    expect(texts).toEqual(['a much longer first file with NEEDLE in it\n', 'short\n', '']);
  });

  it('warns about a file it cannot open only when a scanner wanted it', async () => {
    if (process.getuid?.() === 0) return; // root can open a mode-000 file
    tree = tempTree({ 'locked.txt': 'x', 'locked.png': 'x', 'ok.txt': 'NEEDLE' });
    chmodSync(path.join(tree.root, 'locked.txt'), 0o000);
    chmodSync(path.join(tree.root, 'locked.png'), 0o000);
    const spy = needleScanner({ needle: 'NEEDLE', wants: (p) => p.endsWith('.txt') });
    const result = await scanDirectory(tree.root, { scanners: [spy] });
    expect(spy.seen.map((f) => f.path)).toEqual(['ok.txt']);
    expect(result.warnings).toEqual([expect.objectContaining({ code: 'unreadable', path: 'locked.txt', message: 'Cannot read file: EACCES' })]);
  });

  it('skips binary files and oversized files with warnings, only when a scanner wanted them', async () => {
    tree = tempTree({
      'logo.png': Buffer.from([0x89, 0x50, 0x00, 0x01]),
      'data.bin': Buffer.from([0x00, 0x00]),
      'big.txt': `NEEDLE${'x'.repeat(2000)}`,
      'huge.mp4': 'x'.repeat(5000),
      'small.txt': 'NEEDLE',
    });
    const spy = needleScanner({ needle: 'NEEDLE', wants: (p) => !p.endsWith('.mp4') });
    const result = await scanDirectory(tree.root, { scanners: [spy], limits: { maxFileBytes: 1000 } });
    expect(spy.seen.map((f) => f.path)).toEqual(['small.txt']);
    expect(result.warnings.map((w) => [w.code, w.path])).toEqual([
      ['file-too-large', 'big.txt'],
      ['binary', 'data.bin'],
      ['binary', 'logo.png'],
    ]);
    expect(result.stats).toMatchObject({ filesSeen: 5, filesScanned: 1, filesSkipped: 4 });
  });

  it('hands a binary keystore to the scanner that reads it (binaryPaths) and skips it for the others', async () => {
    const der = Buffer.concat([Buffer.from([0x30, 0x82, 0x0a, 0x00, 0x02, 0x01, 0x03]), Buffer.alloc(200, 7)]);
    tree = tempTree({ 'certs/signing.pfx': der, 'logo.png': Buffer.from([0x89, 0x50, 0x00, 0x01]), 'notes/a.p12.txt': 'NEEDLE' });
    const secrets = engineScanners.find((s) => s.name === 'secrets')! as FileScanner;
    const spy = needleScanner({ needle: 'NEEDLE' });
    const onDisk = await scanDirectory(tree.root, { scanners: [secrets, spy] });
    const inMemory = await scanFiles([{ path: 'certs/signing.pfx', content: der }], { scanners: [secrets, spy] });
    for (const result of [onDisk, inMemory]) {
      expect(result.findings.filter((f) => f.ruleId === 'SEC-PKCS12-FILE').map((f) => locationText(f.location))).toEqual(['certs/signing.pfx:1']);
      expect(result.scanners.find((s) => s.scanner === 'needle')!.filesSkipped).toEqual({ binary: 1 + (result === onDisk ? 1 : 0) });
    }
    expect(spy.seen.map((f) => f.path)).toEqual(['notes/a.p12.txt']);
    expect(onDisk.warnings.map((w) => [w.code, w.path])).toEqual([['binary', 'logo.png']]);
  });

  it('caps the warnings listed per code and says how many were left out', async () => {
    const files: Record<string, Buffer> = {};
    for (let i = 0; i < MAX_WARNINGS_PER_CODE + 5; i++) files[`bin/${String(i).padStart(3, '0')}.dat`] = Buffer.from([0]);
    tree = tempTree(files);
    const result = await scanDirectory(tree.root, { scanners: [needleScanner({ needle: 'x' })] });
    expect(result.warnings.filter((w) => w.code === 'binary')).toHaveLength(MAX_WARNINGS_PER_CODE);
    expect(result.warnings.at(-1)).toEqual({ code: 'warnings-truncated', message: "Not listed: 5 more 'binary'" });
  });

  it('applies inline and .vigil.yml suppressions, keeping suppressed findings', async () => {
    tree = tempTree({
      '.vigil.yml': 'ignore:\n  - path: "fixtures/**"\n    reason: test data\n  - path: "old/**"\n    reason: r\n    expires: 2001-01-01\n',
      'src/app.ts': 'const a = "NEEDLE"; // vigil:ignore SEC-TEST-NEEDLE rotated\nconst b = "NEEDLE";\n',
      'fixtures/keys.txt': 'NEEDLE\n',
      'old/keys.txt': 'NEEDLE\n',
    });
    const result = await scanDirectory(tree.root, { scanners: [needleScanner({ needle: 'NEEDLE' })] });
    expect(result.findings.map((f) => [locationText(f.location), f.suppressed ?? null])).toEqual([
      ['fixtures/keys.txt:1', { kind: 'file', reason: 'test data' }],
      ['old/keys.txt:1', null],
      ['src/app.ts:1', { kind: 'inline', reason: 'rotated' }],
      ['src/app.ts:2', null],
    ]);
    expect(result.warnings).toEqual([expect.objectContaining({ code: 'suppression-expired', path: '.vigil.yml' })]);
  });

  it('a malformed .vigil.yml is a warning; the scan still runs', async () => {
    tree = tempTree({ '.vigil.yml': 'ignore: [\n', 'a.txt': 'NEEDLE' });
    const result = await scanDirectory(tree.root, { scanners: [needleScanner({ needle: 'NEEDLE' })] });
    expect(result.findings).toHaveLength(1);
    expect(result.warnings.map((w) => w.code)).toEqual(['suppression-config-invalid']);
  });

  it('rejects a missing root or a file with a clear error', async () => {
    tree = tempTree({ 'file.txt': 'x' });
    await expect(scanDirectory(path.join(tree.root, 'nope'), { scanners: [] })).rejects.toThrow(/no such folder/);
    await expect(scanDirectory(path.join(tree.root, 'file.txt'), { scanners: [] })).rejects.toThrow(/not a directory/);
  });

  it('stops and throws an AbortError when the signal fires', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 50; i++) files[`f${i}.txt`] = 'x';
    tree = tempTree(files);
    const controller = new AbortController();
    let calls = 0;
    const aborting = fileScanner('aborting', '1', {
      wants: () => true,
      scan() {
        if (++calls === 3) controller.abort();
        return [];
      },
    });
    await expect(scanDirectory(tree.root, { scanners: [aborting], signal: controller.signal })).rejects.toBeInstanceOf(AbortError);
    expect(calls).toBeLessThan(20);

    const already = new AbortController();
    already.abort('shutting down');
    const err = await scanDirectory(tree.root, { scanners: [aborting], signal: already.signal }).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'AbortError', cause: 'shutting down' });
  });

  it('hands the event loop back during a long synchronous scan, so a timer queued meanwhile can abort it', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 400; i++) files[`f${String(i).padStart(3, '0')}.txt`] = 'x';
    tree = tempTree(files);
    let scanned = 0;
    const controller = new AbortController();
    const slow = fileScanner('slow', '1', {
      wants: () => true,
      scan() {
        // The first file queues the abort; it can only run if the scan yields to the event loop.
        if (scanned === 0) setTimeout(() => controller.abort(), 0);
        const until = performance.now() + 1;
        while (performance.now() < until); // 1 ms of CPU per file: 400 ms in all, far past one 10 ms slice
        scanned++;
        return [];
      },
    });
    const outcome = await scanDirectory(tree.root, { scanners: [slow], signal: controller.signal }).catch((e: unknown) => e);
    expect(outcome).toBeInstanceOf(AbortError);
    expect(scanned).toBeLessThan(400);
  });

  it('runs every registry scanner by default and reports each one', async () => {
    tree = tempTree({ 'readme.md': 'hello\n' });
    const result = await scanDirectory(tree.root);
    expect(result.scanners.map((s) => s.scanner)).toEqual(engineScanners.map((s) => s.name));
    expect(result.scanners.find((s) => s.scanner === 'secrets')).toMatchObject({ status: 'ran', filesScanned: 1, rulesRun: engineScanners[0].rules.length });
    expect(result.findings).toEqual([]);
  });
});

describe('scanFiles', () => {
  const file = (path: string, content: string | Buffer): MemoryFile => ({ path, content });

  it('scans in-memory files with the same checks and suppressions', async () => {
    const result = await scanFiles(
      [
        file('.vigil.yml', 'ignore:\n  - path: "docs/**"\n    reason: examples\n'),
        file('docs/a.md', 'NEEDLE'),
        file('src/a.ts', '// vigil:ignore\nNEEDLE\nNEEDLE'),
        file('bin.dat', Buffer.from([0, 1, 2])),
        file('big.txt', `NEEDLE${'x'.repeat(100)}`),
      ],
      { scanners: [needleScanner({ needle: 'NEEDLE' })], limits: { maxFileBytes: 50 } },
    );
    expect(result.findings.map((f: Finding) => [locationText(f.location), f.suppressed?.kind ?? null])).toEqual([
      ['docs/a.md:1', 'file'],
      ['src/a.ts:2', 'inline'],
      ['src/a.ts:3', null],
    ]);
    expect(result.warnings.map((w) => [w.code, w.path])).toEqual([['file-too-large', 'big.txt'], ['binary', 'bin.dat']]);
    expect(result.stats).toMatchObject({ filesSeen: 5, filesScanned: 3 });
  });

  it('keeps to maxFiles and maxDepth, counting what they keep out, as every scan does', async () => {
    const needle = needleScanner({ needle: 'NEEDLE' });
    const files = [file('a.txt', 'NEEDLE'), file('b.txt', 'NEEDLE'), file('c.txt', 'NEEDLE'), file('d/e/f.txt', 'NEEDLE')];
    const byCount = await scanFiles(files, { scanners: [needle], limits: { maxFiles: 2 } });
    expect(byCount.findings.map((f) => locationText(f.location))).toEqual(['a.txt:1', 'b.txt:1']);
    expect(byCount.coverage).toEqual({ complete: false, skipped: [{ reason: 'file-limit', count: 2, limit: 2, examples: ['c.txt', 'd/e/f.txt'] }] });
    const byDepth = await scanFiles(files, { scanners: [needle], limits: { maxDepth: 1 } });
    expect(byDepth.findings).toHaveLength(3);
    expect(byDepth.coverage).toEqual({ complete: false, skipped: [{ reason: 'depth-limit', count: 1, limit: 1, examples: ['d/e/f.txt'] }] });
  });

  it('does not use a binary or oversized .vigil.yml (the guard a scan root has)', async () => {
    const config = 'ignore:\n  - path: "**"\n    reason: everything\n';
    for (const configFile of [file('.vigil.yml', Buffer.concat([Buffer.from(config), Buffer.from([0])])), file('.vigil.yml', config + '#'.repeat(300 * 1024))]) {
      const result = await scanFiles([configFile, file('a.txt', 'NEEDLE')], { scanners: [needleScanner({ needle: 'NEEDLE', wants: (p) => p.endsWith('.txt') })] });
      expect(result.findings.map((f) => [locationText(f.location), f.suppressed ?? null])).toEqual([['a.txt:1', null]]);
      expect(result.warnings).toEqual([expect.objectContaining({ code: 'suppression-config-invalid', path: '.vigil.yml', message: expect.stringMatching(/^Not used: /) })]);
    }
  });

  it('refuses a name that is not a path inside the tree, and scans the rest', async () => {
    const needle = needleScanner({ needle: 'NEEDLE' });
    const result = await scanFiles([file('../up.txt', 'NEEDLE'), file('/etc/x.txt', 'NEEDLE'), file('./src/./a.txt', 'NEEDLE')], { scanners: [needle] });
    expect(needle.seen.map((f) => f.path)).toEqual(['src/a.txt']);
    expect(result.coverage).toEqual({ complete: false, skipped: [{ reason: 'zip-entry-rejected', count: 2, examples: ['../up.txt', '/etc/x.txt'] }] });
  });
});

describe('project scanners', () => {
  let tree: ReturnType<typeof tempTree>;
  afterEach(() => tree?.remove());

  /** Flags every `module "x" { source = "<dir>" }` whose folder has no main.tf, reading across files. */
  const moduleChecker = (seen: { files?: string[]; wanted?: string[] } = {}): ProjectScanner =>
    projectScanner('modules', 'iac', {
      ruleId: 'IAC-TF-MODULE',
      wants: (p) => p.endsWith('.tf'),
      scanProject(project) {
        seen.files = project.files.map((f) => f.path);
        seen.wanted = project.wanted.map((f) => f.path);
        const findings: Finding[] = [];
        for (const file of project.wanted) {
          const text = project.readText(file.path) ?? '';
          for (const m of text.matchAll(/source\s*=\s*"([^"]+)"/g)) {
            const dir = project.resolve(file.path.split('/').slice(0, -1).join('/'), m[1]);
            const line = text.slice(0, m.index).split('\n').length;
            if (dir === undefined || !project.has(`${dir}/main.tf`)) {
              findings.push({
                ...makeFinding({ ruleId: 'IAC-TF-MODULE', path: file.path, line, category: 'iac' }),
                location: { kind: 'resource', path: file.path, line, address: 'module', attribute: 'source', value: m[1] },
              });
            }
          }
        }
        return {
          findings,
          results: [{ ruleId: 'IAC-TF-MODULE', category: 'iac', outcome: 'pass', location: { kind: 'file', path: 'infra/main.tf', line: 1 }, subjectKey: 'ok' }],
        };
      },
    });

  it('sees the whole tree, reads lazily, resolves paths inside the tree only, and is counted', async () => {
    tree = tempTree({
      'infra/main.tf': 'module "net" {\n  source = "../modules/net"\n}\nmodule "gone" {\n  source = "../modules/gone"\n}\nmodule "up" {\n  source = "../../../etc"\n}\n',
      'modules/net/main.tf': 'resource "x" "y" {}\n',
      'README.md': 'docs\n',
    });
    symlinkSync('/etc/passwd', path.join(tree.root, 'modules/passwd.tf'));
    const seen: { files?: string[]; wanted?: string[] } = {};
    const result = await scanDirectory(tree.root, { scanners: [moduleChecker(seen)] });
    expect(seen.files).toEqual(['README.md', 'infra/main.tf', 'modules/net/main.tf']);
    expect(seen.wanted).toEqual(['infra/main.tf', 'modules/net/main.tf']);
    expect(result.findings.map((f) => locationText(f.location))).toEqual([
      'infra/main.tf:5 module › source',
      'infra/main.tf:8 module › source',
    ]);
    expect(result.results).toHaveLength(1);
    expect(result.scanners).toEqual([
      expect.objectContaining({ scanner: 'modules', category: 'iac', status: 'ran', filesScanned: 2, findings: 2, rulesRun: 1, results: { pass: 1, notApplicable: 0, notAvailable: 0 } }),
    ]);
    expect(result.warnings.map((w) => w.code)).toEqual(['symlink']);
  });

  it('refuses reads outside the tree with a warning and counts skipped files by reason', async () => {
    tree = tempTree({ 'a.tf': 'x', 'big.tf': 'y'.repeat(2000) });
    const reader = projectScanner('reader', 'iac', {
      ruleId: 'IAC-TF-READ',
      wants: (p) => p.endsWith('.tf'),
      scanProject(project) {
        expect(project.read('../outside.tf')).toBeUndefined();
        expect(project.read('/etc/passwd')).toBeUndefined();
        expect(project.read('big.tf')).toBeUndefined();
        expect(project.readText('./a.tf')).toBe('x');
        return { findings: [] };
      },
    });
    const result = await scanDirectory(tree.root, { scanners: [reader], limits: { maxFileBytes: 1000 } });
    expect(result.warnings.map((w) => w.code).sort()).toEqual(['file-too-large', 'outside-tree', 'outside-tree']);
    expect(result.scanners[0]).toMatchObject({ status: 'ran', filesScanned: 1, filesSkipped: { 'file-too-large': 1 } });
  });

  it('applies inline suppressions to its findings by reading the file they point at', async () => {
    tree = tempTree({ 'infra/main.tf': 'module "gone" {\n  source = "../nowhere" # vigil:ignore IAC-TF-MODULE moved later\n}\n' });
    const result = await scanDirectory(tree.root, { scanners: [moduleChecker()] });
    expect(result.findings.map((f) => f.suppressed)).toEqual([{ kind: 'inline', reason: 'moved later' }]);
  });

  it('is "not run" without wanted files, "failed" when it throws, "not run" when it says so', async () => {
    tree = tempTree({ 'a.tf': 'x', 'readme.md': 'x' });
    const none = projectScanner('none', 'deps', { wants: (p) => p.endsWith('.lock'), scanProject: () => ({ findings: [] }) });
    const broken = projectScanner('broken', 'deps', { wants: () => true, scanProject: () => { throw new Error('parser exploded'); } });
    const noData = projectScanner('no-data', 'deps', { wants: () => true, scanProject: () => ({ findings: [], notRun: { code: 'no-dataset', text: 'No advisories were handed in' } }) });
    const result = await scanDirectory(tree.root, { scanners: [none, broken, noData] });
    expect(result.scanners.map((s) => [s.scanner, s.status, s.reason?.code, s.rulesRun])).toEqual([
      ['none', 'not-run', 'no-files', 0],
      ['broken', 'failed', 'failed', 0],
      ['no-data', 'not-run', 'no-dataset', 0],
    ]);
    expect(result.scanners[1].reason?.text).toMatch(/parser exploded/);
    expect(result.warnings).toEqual([expect.objectContaining({ code: 'scanner-error', scanner: 'broken' })]);
  });

  it('runs on in-memory files too (scanFiles)', async () => {
    const content = Buffer.from('module "gone" {\n  source = "./nowhere"\n}\n');
    const result = await scanFiles([{ path: 'main.tf', content }], { scanners: [moduleChecker()] });
    expect(result.findings.map((f) => locationText(f.location))).toEqual(['main.tf:2 module › source']);
  });
});

describe('per-scanner figures', () => {
  let tree: ReturnType<typeof tempTree>;
  afterEach(() => tree?.remove());

  it('count the files a scanner wanted but did not get, by reason, and say so when that was every file', async () => {
    tree = tempTree({ 'big.txt': 'x'.repeat(2000), 'bin.txt': Buffer.from([0, 1, 2]) });
    const result = await scanDirectory(tree.root, { scanners: [needleScanner({ needle: 'x' })], limits: { maxFileBytes: 1000 } });
    expect(result.scanners[0]).toMatchObject({
      status: 'not-run',
      reason: { code: 'all-files-skipped', text: 'Every file it would read was skipped (1 too large, 1 binary)' },
      filesScanned: 0,
      filesSkipped: { 'file-too-large': 1, binary: 1 },
    });
  });

  it('say why in the words of the coverage (one word list), for every skip code', async () => {
    tree = tempTree({ 'a/b/deep.txt': 'x', 'a/b/c/deeper.txt': 'x' });
    const result = await scanDirectory(tree.root, { scanners: [needleScanner({ needle: 'x' })], limits: { maxDepth: 1 } });
    expect(result.scanners[0]).toMatchObject({
      status: 'not-run',
      reason: { code: 'all-files-skipped', text: `Every file it would read was skipped (2 ${coverageReasonWords('depth-limit')})` },
      filesSkipped: { 'depth-limit': 2 },
    });
    expect(result.scanners[0].reason?.text).toBe('Every file it would read was skipped (2 too deep in folders)');
  });
});
