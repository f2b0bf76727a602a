// A TreeReader over files in memory, for the extractors' table tests (the engine hands them a
// TreeView; this reads the same way: paths are tree paths, nothing leaves the tree).
import * as posix from 'node:path/posix';
import type { TreeReader } from '../../inventory';
import type { ScanWarning } from '../../types';
import type { PackageEntry, PackageExtractor } from '../types';

export function memoryTree(files: Record<string, string>): TreeReader {
  const inTree = (p: string): string | undefined => {
    if (p === '' || p.startsWith('/') || p.includes('\\')) return undefined;
    const n = posix.normalize(p);
    return n === '.' || n === '..' || n.startsWith('../') ? undefined : n;
  };
  return {
    files: Object.entries(files).map(([path, text]) => ({ path, size: Buffer.byteLength(text) })),
    has: (p) => {
      const n = inTree(p);
      return n !== undefined && n in files;
    },
    readText: (p) => {
      const n = inTree(p);
      return n !== undefined && n in files ? files[n] : undefined;
    },
    resolve: (fromDir, rel) => (rel.startsWith('/') ? undefined : inTree(posix.join(fromDir, rel))),
  };
}

/** One extractor on one file of `files` (the others readable through the tree), with its warnings. */
export function runExtractor(
  extractor: PackageExtractor,
  path: string,
  files: Record<string, string>,
): { packages: PackageEntry[]; warnings: Omit<ScanWarning, 'scanner'>[] } {
  const warnings: Omit<ScanWarning, 'scanner'>[] = [];
  const packages = extractor.extract({ path, text: files[path] }, (w) => warnings.push({ ...w, path: w.path ?? path }), memoryTree(files));
  return { packages, warnings };
}
