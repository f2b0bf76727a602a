import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_LIMITS, isBinary, readWalkedFile, walk } from '../../../service/engine/walk';
import type { WalkedFile } from '../../../service/engine/walk';
import type { ScanWarning, WalkLimits } from '../../../service/engine/types';
import { tempTree } from './helpers';

async function collect(root: string, limits: Partial<WalkLimits> = {}) {
  const warnings: Omit<ScanWarning, 'scanner'>[] = [];
  const files: WalkedFile[] = [];
  for await (const f of walk(root, { ...DEFAULT_LIMITS, ...limits }, (w) => warnings.push(w))) files.push(f);
  return { files, warnings };
}

describe('walk', () => {
  let tree: ReturnType<typeof tempTree>;
  afterEach(() => tree?.remove());

  it('yields repo-relative POSIX paths with sizes, in name order, skipping .git/', async () => {
    tree = tempTree({
      'b.txt': 'bb',
      'a/z.txt': 'z',
      'a/b/c.txt': 'ccc',
      '.git/config': '[core]',
      '.git/objects/ab/cdef': 'x',
      'sub/.git/HEAD': 'ref',
      '.gitignore': 'node_modules',
    });
    const { files, warnings } = await collect(tree.root);
    expect(files.map((f) => [f.path, f.size])).toEqual([
      ['.gitignore', 12],
      ['b.txt', 2],
      ['a/z.txt', 1],
      ['a/b/c.txt', 3],
    ]);
    expect(files[0].absPath).toBe(path.join(tree.root, '.gitignore'));
    expect(warnings).toEqual([]);
  });

  it('never follows or hands out a symlink (file or directory), and warns', async () => {
    tree = tempTree({ 'real.txt': 'hello' });
    symlinkSync('/etc/passwd', path.join(tree.root, 'passwd'));
    symlinkSync('/etc', path.join(tree.root, 'etc-link'));
    symlinkSync('real.txt', path.join(tree.root, 'inner-link'));
    const { files, warnings } = await collect(tree.root);
    expect(files.map((f) => f.path)).toEqual(['real.txt']);
    expect(warnings.map((w) => [w.code, w.path])).toEqual([
      ['symlink', 'etc-link'],
      ['symlink', 'inner-link'],
      ['symlink', 'passwd'],
    ]);
  });

  it('skips a FIFO with a warning instead of hanging on it', async () => {
    tree = tempTree({ 'a.txt': 'a' });
    execFileSync('mkfifo', [path.join(tree.root, 'pipe')]);
    const { files, warnings } = await collect(tree.root);
    expect(files.map((f) => f.path)).toEqual(['a.txt']);
    expect(warnings).toEqual([expect.objectContaining({ code: 'special-file', path: 'pipe' })]);
    expect(warnings[0].message).toMatch(/FIFO/);
  });

  it('stops at maxFiles with a file-limit warning', async () => {
    tree = tempTree({ '1.txt': '1', '2.txt': '2', '3.txt': '3', 'd/4.txt': '4', 'd/5.txt': '5' });
    const { files, warnings } = await collect(tree.root, { maxFiles: 3 });
    expect(files.map((f) => f.path)).toEqual(['1.txt', '2.txt', '3.txt']);
    expect(warnings).toEqual([expect.objectContaining({ code: 'file-limit' })]);
    expect(warnings[0].message).toContain('3 files');
  });

  it('does not enter directories deeper than maxDepth', async () => {
    tree = tempTree({ 'top.txt': 't', 'a/one.txt': '1', 'a/b/two.txt': '2', 'a/b/c/three.txt': '3' });
    const { files, warnings } = await collect(tree.root, { maxDepth: 2 });
    expect(files.map((f) => f.path)).toEqual(['top.txt', 'a/one.txt', 'a/b/two.txt']);
    expect(warnings).toEqual([expect.objectContaining({ code: 'depth-limit', path: 'a/b/c' })]);
  });

  it('reports an unreadable directory and carries on', async () => {
    tree = tempTree({ 'ok.txt': 'x' });
    mkdirSync(path.join(tree.root, 'locked'), { mode: 0o000 });
    const { files, warnings } = await collect(tree.root);
    expect(files.map((f) => f.path)).toEqual(['ok.txt']);
    if (process.getuid?.() !== 0) {
      expect(warnings).toEqual([expect.objectContaining({ code: 'unreadable', path: 'locked' })]);
    }
  });
});

describe('readWalkedFile', () => {
  let tree: ReturnType<typeof tempTree>;
  afterEach(() => tree?.remove());

  it('reads a regular file into a Buffer', () => {
    tree = tempTree({ 'a.txt': 'hello' });
    const out = readWalkedFile({ path: 'a.txt', absPath: path.join(tree.root, 'a.txt'), size: 5 }, 100);
    expect(out.ok && out.content.toString()).toBe('hello');
  });

  it('refuses a file swapped for a symlink after the walk (O_NOFOLLOW)', () => {
    tree = tempTree({});
    symlinkSync('/etc/passwd', path.join(tree.root, 'swapped'));
    const out = readWalkedFile({ path: 'swapped', absPath: path.join(tree.root, 'swapped'), size: 10 }, 1 << 20);
    expect(out).toEqual({ ok: false, warning: expect.objectContaining({ code: 'symlink', path: 'swapped' }) });
  });

  it('re-checks the size on the open file', () => {
    tree = tempTree({ 'grew.txt': 'x'.repeat(2000) });
    const out = readWalkedFile({ path: 'grew.txt', absPath: path.join(tree.root, 'grew.txt'), size: 10 }, 1000);
    expect(out).toEqual({ ok: false, warning: expect.objectContaining({ code: 'file-too-large', path: 'grew.txt' }) });
  });

  it('skips binary files (NUL in the first 8 KiB) with a warning', () => {
    tree = tempTree({ 'img.bin': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]) });
    const out = readWalkedFile({ path: 'img.bin', absPath: path.join(tree.root, 'img.bin'), size: 6 }, 1000);
    expect(out).toEqual({ ok: false, warning: expect.objectContaining({ code: 'binary', path: 'img.bin' }) });
  });
});

describe('isBinary', () => {
  it('looks only at the first 8 KiB', () => {
    expect(isBinary(Buffer.from('plain text\n'))).toBe(false);
    expect(isBinary(Buffer.concat([Buffer.from('ab'), Buffer.alloc(1), Buffer.from('cd')]))).toBe(true);
    expect(isBinary(Buffer.concat([Buffer.alloc(8192, 0x61), Buffer.alloc(1)]))).toBe(false);
    expect(isBinary(Buffer.concat([Buffer.alloc(8191, 0x61), Buffer.alloc(1)]))).toBe(true);
  });
});
