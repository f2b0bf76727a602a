// Temp folders of scans, named after their owner so that a sweep can tell those of dead processes:
// `vigil-scan-<host>-<pid>-<boot>-XXXXXX` under VIGIL_TMP_DIR (or the OS temp dir). <boot> is drawn
// when a worker pool starts, so a restarted process that got the same pid (pid 1 in a container) still
// recognises the folders of its previous life. A folder is removed only when it is provably dead: same
// host, and its pid is not running, or it is this process's pid with a boot no pool of this process
// holds. Folders of other hosts (a shared VIGIL_TMP_DIR) and of live processes are never touched.
// withTempDir makes them, and always removes its folder.
import { randomBytes } from 'node:crypto';
import { lstat, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { isProcessAlive } from '../process-alive';

export const SCAN_TEMP_PREFIX = 'vigil-scan-';

export interface ScanTempOwner {
  host: string;
  pid: number;
  boot: string;
}

/** Boots of the worker pools alive in this process (tests run several services in one process). */
const liveBoots = new Set<string>();

/** The host as a folder-name part: letters, digits and dots only. */
export const hostTag = (): string => os.hostname().replace(/[^A-Za-z0-9.]/g, '.').slice(0, 40) || 'host';

/** A new owner identity for this process; `release` forgets it when its pool has stopped. */
export function claimOwner(): { owner: ScanTempOwner; release(): void } {
  const owner = { host: hostTag(), pid: process.pid, boot: randomBytes(4).toString('hex') };
  liveBoots.add(owner.boot);
  return { owner, release: () => liveBoots.delete(owner.boot) };
}

/**
 * Runs `fn` with a fresh private folder `<baseDir>/<prefix>XXXXXX` and removes it (recursively)
 * afterwards, whether `fn` returns or throws. A failure to remove is reported only when `fn` itself
 * succeeded. `baseDir`: the parent folder, created if missing; default os.tmpdir().
 */
export async function withTempDir<T>(prefix: string, fn: (dir: string) => Promise<T>, baseDir?: string): Promise<T> {
  if (/[\\/]/.test(prefix) || prefix.includes('..')) throw new Error('withTempDir: prefix must be a plain name');
  const base = baseDir || os.tmpdir();
  if (baseDir) await mkdir(base, { recursive: true });
  const dir = await mkdtemp(path.join(base, prefix));
  let result: T;
  try {
    result = await fn(dir);
  } catch (err) {
    // The first error is the one to report; a failed clean-up after it must not hide it.
    await rm(dir, { recursive: true, force: true, maxRetries: 3 }).catch(() => undefined);
    throw err;
  }
  await rm(dir, { recursive: true, force: true, maxRetries: 3 });
  return result;
}

/** withTempDir's prefix for this owner's scans. */
export const scanTempPrefix = (o: ScanTempOwner): string => `${SCAN_TEMP_PREFIX}${o.host}-${o.pid}-${o.boot}-`;

/** The owner a folder name says, or null for a name this module did not make. */
export function ownerOf(name: string): ScanTempOwner | null {
  const m = /^vigil-scan-([A-Za-z0-9.]+)-(\d+)-([0-9a-f]{8})-[A-Za-z0-9]{6}$/.exec(name);
  return m ? { host: m[1], pid: Number(m[2]), boot: m[3] } : null;
}

/** True only when the owner is certainly gone (see the top of this file). */
export function isDeadOwner(o: ScanTempOwner): boolean {
  if (o.host !== hostTag()) return false;
  if (o.pid === process.pid) return !liveBoots.has(o.boot);
  return !isProcessAlive(o.pid);
}

async function sizeOf(p: string): Promise<number> {
  const st = await lstat(p).catch(() => null);
  if (!st) return 0;
  if (!st.isDirectory()) return st.size;
  let total = 0;
  for (const name of await readdir(p).catch(() => [] as string[])) total += await sizeOf(path.join(p, name));
  return total;
}

export interface SweepResult {
  removed: string[];
  bytes: number;
}

/** Removes the scan temp folders of dead owners under `baseDir` (default: the OS temp dir). */
export async function sweepScanTemp(baseDir: string | undefined): Promise<SweepResult> {
  const base = baseDir || os.tmpdir();
  const result: SweepResult = { removed: [], bytes: 0 };
  let names: string[];
  try {
    names = await readdir(base);
  } catch {
    return result; // no folder yet: nothing to sweep
  }
  for (const name of names) {
    const owner = ownerOf(name);
    if (!owner || !isDeadOwner(owner)) continue;
    const dir = path.join(base, name);
    const bytes = await sizeOf(dir);
    try {
      await rm(dir, { recursive: true, force: true, maxRetries: 3 });
      result.removed.push(dir);
      result.bytes += bytes;
    } catch {
      /* another process's sweep got there first, or it is not ours to remove: left alone */
    }
  }
  return result;
}
