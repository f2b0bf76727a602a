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
  const entry: PackageEntry = { ecosystem, name, version, purl: purlOf(ecosystem, name, version), path: at.path, extractor: at.extractor };
  if (at.line !== undefined) entry.line = at.line;
  for (const [k, v] of Object.entries(more)) if (v !== undefined) (entry as unknown as Record<string, unknown>)[k] = v;
  return entry;
}
