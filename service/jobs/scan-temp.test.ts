// The temp-folder sweep removes the folders of dead scan owners only: never a live process's, never
// another host's, never a folder it did not name.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { claimOwner, hostTag, ownerOf, scanTempPrefix, sweepScanTemp, withTempDir, type ScanTempOwner } from './scan-temp';

const exitedPid = () =>
  new Promise<number>((resolve) => {
    const child = spawn(process.execPath, ['-e', '']);
    child.once('exit', () => resolve(child.pid!));
  });

describe('scan temp folders', () => {
  let base: string;
  beforeEach(() => {
    base = mkdtempSync(path.join(os.tmpdir(), 'vigil-sweep-test-'));
  });
  afterEach(() => rmSync(base, { recursive: true, force: true }));

  const folder = (owner: ScanTempOwner, bytes = 0) => {
    const dir = mkdtempSync(path.join(base, scanTempPrefix(owner)));
    mkdirSync(path.join(dir, 'src'));
    writeFileSync(path.join(dir, 'src', 'file.txt'), Buffer.alloc(bytes, 'x'));
    return path.basename(dir);
  };

  test('the name says its owner', () => {
    const { owner, release } = claimOwner();
    try {
      const name = folder(owner);
      expect(ownerOf(name)).toEqual(owner);
      expect(name.startsWith(`vigil-scan-${hostTag()}-${process.pid}-`)).toBe(true);
      expect(ownerOf('vigil-scan-AbC123')).toBeNull(); // an older release's folder: not ours to judge
      expect(ownerOf('something-else')).toBeNull();
    } finally {
      release();
    }
  });

  test('removes the folders of dead processes and of this process past lives; keeps the rest', async () => {
    const live = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    const host = hostTag();
    const mine = claimOwner();
    try {
      const deadPid = await exitedPid();
      const dead = folder({ host, pid: deadPid, boot: '0badc0de' }, 1000);
      const pastLife = folder({ host, pid: process.pid, boot: 'deadbeef' }, 234);
      const keep = [
        folder(mine.owner), // a live pool of this process
        folder({ host, pid: live.pid!, boot: '12345678' }), // another live process
        folder({ host: `${host}x`, pid: deadPid, boot: '0badc0de' }), // another host (a shared folder)
      ];
      mkdirSync(path.join(base, 'vigil-scan-AbC123'));
      keep.push('vigil-scan-AbC123');
      const swept = await sweepScanTemp(base);
      expect(swept.removed.map((d) => path.basename(d)).sort()).toEqual([dead, pastLife].sort());
      expect(swept.bytes).toBe(1234);
      expect(readdirSync(base).sort()).toEqual(keep.sort());
    } finally {
      mine.release();
      live.kill('SIGKILL');
    }
  });

  test('a pool that stopped leaves nothing a sweep in the same process would keep', async () => {
    const pool = claimOwner();
    const name = folder(pool.owner);
    expect((await sweepScanTemp(base)).removed).toEqual([]);
    pool.release();
    expect((await sweepScanTemp(base)).removed).toEqual([path.join(base, name)]);
  });

  test('a missing base folder is nothing to sweep', async () => {
    expect(await sweepScanTemp(path.join(base, 'absent'))).toEqual({ removed: [], bytes: 0 });
  });
});

describe('withTempDir', () => {
  let base: string;
  beforeEach(() => {
    base = mkdtempSync(path.join(os.tmpdir(), 'vigil-withtemp-test-'));
  });
  afterEach(() => rmSync(base, { recursive: true, force: true }));

  it('removes the folder after success and returns the value', async () => {
    let seen = '';
    const value = await withTempDir('vigil-t-', async (dir) => {
      seen = dir;
      writeFileSync(path.join(dir, 'f.txt'), 'x');
      return 42;
    }, base);
    expect(value).toBe(42);
    expect(path.dirname(seen)).toBe(base);
    expect(existsSync(seen)).toBe(false);
  });

  it('removes the folder, with content, when fn throws, and rethrows', async () => {
    let seen = '';
    await expect(
      withTempDir(
        'vigil-t-',
        async (dir) => {
          seen = dir;
          mkdirSync(path.join(dir, 'a/b'), { recursive: true });
          writeFileSync(path.join(dir, 'a/b/c.txt'), 'x');
          throw new Error('boom');
        },
        base,
      ),
    ).rejects.toThrow('boom');
    expect(seen).not.toBe('');
    expect(existsSync(seen)).toBe(false);
  });

  it('creates a missing parent folder', async () => {
    const parent = path.join(base, 'not', 'yet');
    const dir = await withTempDir('vigil-t-', async (d) => d, parent);
    expect(path.dirname(dir)).toBe(parent);
    expect(readdirSync(parent)).toEqual([]);
  });

  it('uses os.tmpdir() by default and refuses a prefix with a path in it', async () => {
    const dir = await withTempDir('vigil-t-', async (d) => d);
    expect(path.dirname(dir)).toBe(os.tmpdir());
    await expect(withTempDir('../x', async () => 1)).rejects.toThrow(/plain name/);
  });
});
