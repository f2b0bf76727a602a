import { mkdirSync, symlinkSync } from 'node:fs';
import * as path from 'node:path';
import { runCli, type CliEngine } from '../../service/cli';
import { makeExcluder, parseIgnoreFile } from '../../service/cli-exclude';
import { needleScanner, tempTree } from './engine/helpers';

async function scanPaths(argv: string[], cwd: string) {
  let stdout = '';
  const engine: CliEngine = { scanners: [needleScanner({ needle: 'NEEDLE' })] };
  const code = await runCli([...argv, '--format', 'json'], { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: () => true }, cwd, env: {} }, engine);
  const doc = JSON.parse(stdout) as { findings: { location: { path: string } }[]; coverage: { complete: boolean; skipped: { reason: string; count: number; examples: string[] }[] } };
  return { code, paths: doc.findings.map((f) => f.location.path).sort(), coverage: doc.coverage };
}

describe('.gitignore rules', () => {
  const ignored = (text: string, p: string, isDirectory = false) => {
    let v = false;
    for (const r of parseIgnoreFile(text)) if ((!r.directoryOnly || isDirectory) && r.matches(p)) v = !r.negated;
    return v;
  };

  it('follows git: globs at any depth, anchored patterns, folders only, negation, comments and escapes', () => {
    expect(ignored('*.log', 'a/b/debug.log')).toBe(true);
    expect(ignored('*.log', 'debug.log.txt')).toBe(false);
    expect(ignored('/secret.txt', 'secret.txt')).toBe(true);
    expect(ignored('/secret.txt', 'sub/secret.txt')).toBe(false);
    expect(ignored('doc/*.txt', 'doc/a.txt')).toBe(true);
    expect(ignored('doc/*.txt', 'doc/x/a.txt')).toBe(false);
    expect(ignored('doc/**/*.txt', 'doc/x/y/a.txt')).toBe(true);
    expect(ignored('tmp/', 'a/tmp', true)).toBe(true);
    expect(ignored('tmp/', 'a/tmp', false)).toBe(false);
    expect(ignored('*.log\n!keep.log', 'keep.log')).toBe(false);
    expect(ignored('# a comment\n\\#hash', '#hash')).toBe(true);
    expect(ignored('# a comment', '# a comment')).toBe(false);
    expect(ignored('\\!bang', '!bang')).toBe(true);
    expect(ignored('trailing   ', 'trailing')).toBe(true);
    expect(ignored('file?.txt', 'file1.txt')).toBe(true);
    expect(ignored('[ab].txt', 'c.txt')).toBe(false);
    expect(ignored('*', '.env')).toBe(true);
    // "dir/**" is what is inside dir: the folder itself stays, so a negation can bring a file back.
    expect(ignored('gen/**', 'gen', true)).toBe(false);
    expect(ignored('gen/**', 'gen/x/y.ts')).toBe(true);
  });

  it('a deeper .gitignore overrides its parents; --exclude overrides both; default folders unless brought back', () => {
    const tree = tempTree({
      '.gitignore': '*.tmp\n/local/\n',
      'pkg/.gitignore': '!keep.tmp\n',
      'dist/.gitignore': '',
    });
    try {
      const ex = makeExcluder(tree.root, { gitignore: true, defaults: true, patterns: ['docs/'] })!;
      expect(ex('a.tmp', false)).toBe(true);
      expect(ex('pkg/keep.tmp', false)).toBe(false);
      expect(ex('pkg/other.tmp', false)).toBe(true);
      expect(ex('local', true)).toBe(true);
      expect(ex('pkg/local', true)).toBe(false);
      expect(ex('docs', true)).toBe(true);
      expect(ex('web/node_modules', true)).toBe(true);
      expect(ex('dist', true)).toBe(true);
      expect(ex('dist', false)).toBe(false);
      expect(makeExcluder(tree.root, { gitignore: false, defaults: false, patterns: [] })).toBeUndefined();
      expect(makeExcluder(tree.root, { gitignore: false, defaults: true, patterns: [] })!('a.tmp', false)).toBe(false);
    } finally {
      tree.remove();
    }
  });
});

describe('vigil scan (CLI): what a folder leaves out', () => {
  let tree: ReturnType<typeof tempTree>;
  beforeEach(() => {
    tree = tempTree({
      'repo/.gitignore': '*.log\n/secrets.env\nbuild-cache/\n!important.log\n',
      'repo/src/app.ts': 'NEEDLE\n',
      'repo/src/debug.log': 'NEEDLE\n',
      'repo/src/important.log': 'NEEDLE\n',
      'repo/secrets.env': 'NEEDLE\n',
      'repo/sub/secrets.env': 'NEEDLE\n',
      'repo/sub/.gitignore': 'generated.ts\n',
      'repo/sub/generated.ts': 'NEEDLE\n',
      'repo/build-cache/x.ts': 'NEEDLE\n',
      'repo/node_modules/lib/index.js': 'NEEDLE\n',
      'repo/web/dist/bundle.js': 'NEEDLE\n',
      'repo/fixtures/sample.ts': 'NEEDLE\n',
    });
  });
  afterEach(() => tree.remove());

  it('honours root and nested .gitignore files and skips dependency and build folders, as excluded coverage (still complete)', async () => {
    const r = await scanPaths(['repo'], tree.root);
    expect(r.paths).toEqual(['fixtures/sample.ts', 'src/app.ts', 'src/important.log', 'sub/secrets.env']);
    expect(r.coverage.complete).toBe(true);
    const excluded = r.coverage.skipped.find((s) => s.reason === 'excluded')!;
    expect(excluded.count).toBe(6);
    expect(excluded.examples).toEqual(expect.arrayContaining(['build-cache/', 'node_modules/', 'web/dist/', 'secrets.env', 'src/debug.log', 'sub/generated.ts']));
  });

  it('--exclude (repeatable) adds patterns; --no-gitignore and --no-default-excludes scan everything', async () => {
    expect((await scanPaths(['repo', '--exclude', 'fixtures/', '--exclude', '*.ts'], tree.root)).paths).toEqual(['src/important.log', 'sub/secrets.env']);
    const all = await scanPaths(['repo', '--no-gitignore', '--no-default-excludes'], tree.root);
    expect(all.paths).toHaveLength(10);
    expect(all.coverage.skipped).toEqual([]);
    expect((await scanPaths(['repo', '--no-gitignore'], tree.root)).paths).toHaveLength(8);
  });

  it('never follows a .gitignore that is a symbolic link', async () => {
    mkdirSync(path.join(tree.root, 'outside'));
    tree.write('outside/rules', '*\n');
    symlinkSync(path.join(tree.root, 'outside/rules'), path.join(tree.root, 'repo/fixtures/.gitignore'));
    expect((await scanPaths(['repo'], tree.root)).paths).toContain('fixtures/sample.ts');
  });
});
