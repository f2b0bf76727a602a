// One PackageEntry from a name as the file spells it: the name normalised the ecosystem's way and
// the purl built from it, so every extractor spells both alike.
import type { Ecosystem } from '../../../contract/vocabulary';
import { normalizePackageName, purlOf } from '../names';
import type { PackageEntry } from '../types';

export function packageEntry(
  ecosystem: Ecosystem,
  rawName: string,
  version: string,
  at: { path: string; line?: number; extractor: string },
  more: Omit<Partial<PackageEntry>, 'ecosystem' | 'name' | 'version' | 'purl' | 'path' | 'line' | 'extractor'> = {},
): PackageEntry {
  const name = normalizePackageName(ecosystem, rawName);
  const entry: PackageEntry = { ecosystem, name, version, purl: safePurl(ecosystem, name, version), path: at.path, extractor: at.extractor };
  if (at.line !== undefined) entry.line = at.line;
  for (const [k, v] of Object.entries(more)) if (v !== undefined) (entry as unknown as Record<string, unknown>)[k] = v;
  return entry;
}

/**
 * purlOf, for names and versions read from untrusted files: packageurl-js rejects some (a Go version
 * `v1` that is not semver, a Go path ending in '/') and, for Go, fails with a ReferenceError of its
 * own. One malformed entry must not cost the file its other packages: the purl then goes without the
 * version, and failing that is the generic type's.
 */
export function safePurl(ecosystem: Ecosystem, name: string, version: string): string {
  try {
    return purlOf(ecosystem, name, version);
  } catch {
    try {
      return purlOf(ecosystem, name, '');
    } catch {
      return `pkg:generic/${encodeURIComponent(name)}${version ? `@${encodeURIComponent(version)}` : ''}`;
    }
  }
}
