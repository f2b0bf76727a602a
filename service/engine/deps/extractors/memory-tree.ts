// A TreeReader over files in memory, for the extractors' table tests (the engine hands them a
// TreeView; this reads the same way: paths are tree paths, nothing leaves the tree).
import * as posix from 'node:path/posix';
import type { TreeReader } from '../../inventory';

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
