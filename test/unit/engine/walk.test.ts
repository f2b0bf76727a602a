import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, symlinkSync } from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_LIMITS, isBinary, openWalkedFile, readOpenFile, readWalkedFile, walkTree } from '../../../service/engine/walk';
import type { WalkEntry } from '../../../service/engine/walk';
import type { ScanWarning, WalkLimits } from '../../../service/engine/types';
import { tempTree } from './helpers';

function collect(root: string, limits: Partial<WalkLimits> = {}) {
  const warnings: Omit<ScanWarning, 'scanner'>[] = [];
  const files: WalkEntry[] = [];
  let directories = 0;
  for (const step of walkTree(root, { ...DEFAULT_LIMITS, ...limits }, (w) => warnings.push(w))) {
    if (step === null) directories++;
    else files.push(step);
  }
  return { files, warnings, directories };
}

describe('walk', () => {
  let tree: ReturnType<typeof tempTree>;
  afterEach(() => tree?.remove());

  it('yields repo-relative POSIX paths in name order, skipping .git/, and a null per directory entered', () => {
    tree = tempTree({
      'b.txt': 'bb',
      'a/z.txt': 'z',
      'a/b/c.txt': 'ccc',
      '.git/config': '[core]',
      '.git/objects/ab/cdef': 'x',
      'sub/.git/HEAD': 'ref',
      '.gitignore': 'node_modules',
    });
    const { files, warnings, directories } = collect(tree.root);
    expect(files.map((f) => f.path)).toEqual(['.gitignore', 'b.txt', 'a/z.txt', 'a/b/c.txt']);
    expect(files[0].absPath).toBe(path.join(tree.root, '.gitignore'));
    expect(files[3].absPath).toBe(path.join(tree.root, 'a', 'b', 'c.txt'));
    expect(directories).toBe(4); // root, a, a/b, sub (whose .git/ is skipped)
    expect(warnings).toEqual([]);
  });

  it('never follows or hands out a symlink (file or directory), and warns', () => {
    tree = tempTree({ 'real.txt': 'hello' });
    symlinkSync('/etc/passwd', path.join(tree.root, 'passwd'));
    symlinkSync('/etc', path.join(tree.root, 'etc-link'));
    symlinkSync('real.txt', path.join(tree.root, 'inner-link'));
    const { files, warnings } = collect(tree.root);
    expect(files.map((f) => f.path)).toEqual(['real.txt']);
    expect(warnings.map((w) => [w.code, w.path])).toEqual([
      ['symlink', 'etc-link'],
      ['symlink', 'inner-link'],
      ['symlink', 'passwd'],
    ]);
  });

  it('skips a FIFO with a warning instead of hanging on it', () => {
    tree = tempTree({ 'a.txt': 'a' });
    execFileSync('mkfifo', [path.join(tree.root, 'pipe')]);
    const { files, warnings } = collect(tree.root);
    expect(files.map((f) => f.path)).toEqual(['a.txt']);
    expect(warnings).toEqual([expect.objectContaining({ code: 'special-file', path: 'pipe' })]);
    expect(warnings[0].message).toMatch(/FIFO/);
  });

  it('stops at maxFiles with a file-limit warning', () => {
    tree = tempTree({ '1.txt': '1', '2.txt': '2', '3.txt': '3', 'd/4.txt': '4', 'd/5.txt': '5' });
    const { files, warnings } = collect(tree.root, { maxFiles: 3 });
    expect(files.map((f) => f.path)).toEqual(['1.txt', '2.txt', '3.txt']);
    expect(warnings).toEqual([expect.objectContaining({ code: 'file-limit' })]);
    expect(warnings[0].message).toContain('3 files');
  });

  it('does not enter directories deeper than maxDepth', () => {
    tree = tempTree({ 'top.txt': 't', 'a/one.txt': '1', 'a/b/two.txt': '2', 'a/b/c/three.txt': '3' });
    const { files, warnings } = collect(tree.root, { maxDepth: 2 });
    expect(files.map((f) => f.path)).toEqual(['top.txt', 'a/one.txt', 'a/b/two.txt']);
    expect(warnings).toEqual([expect.objectContaining({ code: 'depth-limit', path: 'a/b/c' })]);
  });

  it('reports an unreadable directory and carries on', () => {
    tree = tempTree({ 'ok.txt': 'x' });
    mkdirSync(path.join(tree.root, 'locked'), { mode: 0o000 });
    const { files, warnings } = collect(tree.root);
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
    const out = readWalkedFile({ path: 'a.txt', absPath: path.join(tree.root, 'a.txt') }, 100);
    expect(out.ok && out.content.toString()).toBe('hello');
  });

  it('refuses a file swapped for a symlink after the walk (O_NOFOLLOW)', () => {
    tree = tempTree({});
    symlinkSync('/etc/passwd', path.join(tree.root, 'swapped'));
    const out = readWalkedFile({ path: 'swapped', absPath: path.join(tree.root, 'swapped') }, 1 << 20);
    expect(out).toEqual({ ok: false, warning: expect.objectContaining({ code: 'symlink', path: 'swapped' }) });
  });

  it('checks the size on the open file', () => {
    tree = tempTree({ 'grew.txt': 'x'.repeat(2000) });
    const out = readWalkedFile({ path: 'grew.txt', absPath: path.join(tree.root, 'grew.txt') }, 1000);
    expect(out).toEqual({ ok: false, warning: expect.objectContaining({ code: 'file-too-large', path: 'grew.txt' }) });
  });

  it('skips binary files (NUL in the first 8 KiB) with a warning', () => {
    tree = tempTree({ 'img.bin': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]) });
    const out = readWalkedFile({ path: 'img.bin', absPath: path.join(tree.root, 'img.bin') }, 1000);
    expect(out).toEqual({ ok: false, warning: expect.objectContaining({ code: 'binary', path: 'img.bin' }) });
  });
});

describe('openWalkedFile and readOpenFile', () => {
  let tree: ReturnType<typeof tempTree>;
  afterEach(() => tree?.remove());
  const entry = (rel: string): WalkEntry => ({ path: rel, absPath: path.join(tree.root, rel) });

  it('gives the size from the open descriptor and reads into a larger buffer as an exact view', () => {
    tree = tempTree({ 'a.txt': 'hello' });
    const opened = openWalkedFile(entry('a.txt'));
    if (!opened.ok) throw new Error(opened.warning.message);
    try {
      expect(opened.size).toBe(5);
      const pool = Buffer.alloc(64, 0x78);
      const read = readOpenFile(opened.fd, opened.size, 'a.txt', pool);
      expect(read.ok && read.content.toString()).toBe('hello');
      expect(read.ok && read.content.buffer).toBe(pool.buffer);
    } finally {
      closeSync(opened.fd);
    }
  });

  it('refuses a symlink with a symlink warning, and a FIFO without hanging', () => {
    tree = tempTree({ 'real.txt': 'x' });
    symlinkSync('real.txt', path.join(tree.root, 'link'));
    execFileSync('mkfifo', [path.join(tree.root, 'pipe')]);
    expect(openWalkedFile(entry('link'))).toEqual({ ok: false, warning: expect.objectContaining({ code: 'symlink', path: 'link' }) });
    expect(openWalkedFile(entry('pipe'))).toEqual({ ok: false, warning: expect.objectContaining({ code: 'special-file', path: 'pipe' }) });
  });

  it('reports a file that cannot be opened as unreadable, with its lstat size', () => {
    tree = tempTree({});
    tree.write('secret.txt', 'abc');
    execFileSync('chmod', ['000', path.join(tree.root, 'secret.txt')]);
    const missing = openWalkedFile(entry('gone.txt'));
    expect(missing).toEqual({ ok: false, warning: expect.objectContaining({ code: 'unreadable', path: 'gone.txt' }), size: undefined });
    if (process.getuid?.() === 0) return; // root opens anything
    expect(openWalkedFile(entry('secret.txt'))).toEqual({ ok: false, warning: expect.objectContaining({ code: 'unreadable', message: 'Cannot read file: EACCES' }), size: 3 });
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

describe('walk with a skipped callback', () => {
  let tree: ReturnType<typeof tempTree>;
  afterEach(() => tree?.remove());

  it('goes on listing past maxFiles and below maxDepth, handing out nothing there, so every file left out is named', () => {
    tree = tempTree({ '1.txt': '1', '2.txt': '2', 'a/3.txt': '3', 'a/b/c/4.txt': '4', 'a/b/c/d/5.txt': '5' });
    const skipped: [string, string][] = [];
    const warnings: string[] = [];
    const files: string[] = [];
    for (const step of walkTree(tree.root, { ...DEFAULT_LIMITS, maxFiles: 2, maxDepth: 2 }, (w) => warnings.push(`${w.code} ${w.path}`), (p, code) => skipped.push([p, code]))) {
      if (step) files.push(step.path);
    }
    expect(files).toEqual(['1.txt', '2.txt']);
    expect(skipped).toEqual([
      ['a/3.txt', 'file-limit'],
      ['a/b/c/4.txt', 'depth-limit'],
      ['a/b/c/d/5.txt', 'depth-limit'],
    ]);
    expect(warnings).toEqual(['file-limit a/3.txt', 'depth-limit a/b/c']);
  });
});
