// A LoadContext over files in memory, for the loaders' tests (detection as the scanner does it).
import { posix } from 'node:path';
import type { ScanWarning } from '../../types';
import { platformByContent, platformByPath } from '../detect';
import type { DetectedFile, LoadContext } from '../types';

export function memoryContext(files: Record<string, string>): LoadContext & { warnings: Omit<ScanWarning, 'scanner'>[] } {
  const warnings: Omit<ScanWarning, 'scanner'>[] = [];
  const list = Object.entries(files).map(([path, text]) => ({ path, size: text.length }));
  const detected: DetectedFile[] = [];
  for (const f of list) {
    const byPath = platformByPath(f.path);
    if (byPath === undefined) continue;
    detected.push({ ...f, platform: byPath === 'content' ? platformByContent(f.path, files[f.path]) : byPath });
  }
  return {
    project: {
      files: list,
      has: (p) => Object.prototype.hasOwnProperty.call(files, p),
      readText: (p) => files[p],
      resolve: (from, rel) => {
        const p = posix.normalize(posix.join(from || '.', rel));
        return p === '.' || p.startsWith('..') ? undefined : p;
      },
    },
    files: detected,
    text: (p) => files[p],
    warn: (w) => warnings.push(w),
    warnings,
  };
}
