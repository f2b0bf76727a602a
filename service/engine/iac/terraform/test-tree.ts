// Test helper: runs a loader over an in-memory tree, with detection as the scanner does it.
import { posix } from 'node:path';
import type { ScanWarning } from '../../../contract/model';
import { platformByContent, platformByPath } from '../detect';
import type { DetectedFile, IacResource, LoadResult, PlatformLoader } from '../types';

export interface Loaded extends LoadResult {
  warnings: Omit<ScanWarning, 'scanner'>[];
  resources: IacResource[];
  byAddress(address: string): IacResource;
}

export async function loadTree(loader: PlatformLoader, files: Record<string, string>): Promise<Loaded> {
  const paths = Object.keys(files);
  const text = (p: string) => files[p];
  const detected: DetectedFile[] = [];
  for (const path of paths) {
    const byPath = platformByPath(path);
    if (byPath === undefined) continue;
    detected.push({ path, size: files[path].length, platform: byPath === 'content' ? platformByContent(path, files[path]) : byPath });
  }
  const warnings: Loaded['warnings'] = [];
  const result = await loader.load({
    project: {
      files: paths.map((path) => ({ path, size: files[path].length })),
      has: (p) => p in files,
      readText: text,
      resolve: (from, rel) => posix.normalize(posix.join(from, rel)),
    },
    files: detected.filter((f) => f.platform !== undefined),
    text,
    warn: (w) => warnings.push(w),
  });
  const resources = result.groups.flatMap((g) => g.resources);
  return {
    ...result,
    warnings,
    resources,
    byAddress(address) {
      const r = resources.find((x) => x.address === address);
      if (!r) throw new Error(`no resource ${address}; have ${resources.map((x) => x.address).join(', ')}`);
      return r;
    },
  };
}
