// Test helpers: an in-memory tree for the extractors' table tests, and a call that extracts one file
// of it with the warnings collected.
import type { TreeReader } from '../../../../inventory';
import type { ScanWarning } from '../../../../types';
import type { PackageEntry, PackageExtractor } from '../../../types';

export function memoryTree(files: Record<string, string>): TreeReader {
  return {
    files: Object.entries(files).map(([path, text]) => ({ path, size: Buffer.byteLength(text) })),
    has: (path) => path in files,
    readText: (path) => files[path],
    resolve: (fromDir, rel) => (fromDir === '' ? rel : `${fromDir}/${rel}`),
  };
}

export interface Extracted {
  packages: PackageEntry[];
  warnings: Omit<ScanWarning, 'scanner'>[];
}

/** Extracts `path` of the tree with `extractor`, as the engine would (it must want the file). */
export function extractFrom(extractor: PackageExtractor, files: Record<string, string>, path: string): Extracted {
  const text = files[path];
  if (text === undefined) throw new Error(`no ${path} in the test tree`);
  if (!extractor.wants(path, Buffer.byteLength(text))) throw new Error(`${extractor.name} does not want ${path}`);
  const warnings: Omit<ScanWarning, 'scanner'>[] = [];
  const packages = extractor.extract({ path, text }, (w) => warnings.push({ ...w, path: w.path ?? path }), memoryTree(files));
  return { packages, warnings };
}

/** `name@version` of each package, sorted: the short form tables compare. */
export const ids = (packages: readonly PackageEntry[]): string[] => packages.map((p) => `${p.name}@${p.version}`).sort();

/** The package named `name` (and `version` when given); fails the test when absent. */
export function pick(packages: readonly PackageEntry[], name: string, version?: string): PackageEntry {
  const found = packages.find((p) => p.name === name && (version === undefined || p.version === version));
  if (!found) throw new Error(`no ${name}${version ? `@${version}` : ''} among ${ids(packages).join(', ')}`);
  return found;
}
