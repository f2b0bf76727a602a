// A PackageMetadataIndex over metadata held in memory (the CLI's, tests' and rule examples'), keyed
// the index's way: `ecosystem:name@version` for one version, or `ecosystem:name` for what holds for
// every version of a package (its newest release, a whole-package deprecation).
import { normalizePackageName } from '../names';
import { packageKey, versionedKey, type PackageMetadata, type PackageMetadataIndex } from '../types';

export function memoryMetadataIndex(entries: Record<string, PackageMetadata> | Iterable<readonly [string, PackageMetadata]>): PackageMetadataIndex {
  const byKey = new Map<string, PackageMetadata>(Symbol.iterator in entries ? (entries as Iterable<readonly [string, PackageMetadata]>) : Object.entries(entries));
  return {
    lookup: async (packages) => {
      const found = new Map<string, PackageMetadata>();
      for (const { ecosystem, name, version } of packages) {
        const normal = normalizePackageName(ecosystem, name);
        const whole = byKey.get(packageKey(ecosystem, normal));
        const one = byKey.get(versionedKey(ecosystem, normal, version));
        if (whole || one) found.set(versionedKey(ecosystem, name, version), { ...whole, ...one });
      }
      return found;
    },
  };
}
