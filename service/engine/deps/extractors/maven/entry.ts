// How a Maven package entry is built: the name is groupId:artifactId, as written.
import { normalizePackageName, purlOf } from '../../names';
import type { PackageEntry } from '../../types';

type Extra = Omit<PackageEntry, 'ecosystem' | 'name' | 'version' | 'purl' | 'path' | 'extractor'>;

export function mavenEntry(extractor: string, path: string, groupId: string, artifactId: string, version: string, extra: Extra = {}): PackageEntry {
  const name = normalizePackageName('Maven', `${groupId}:${artifactId}`);
  const entry: PackageEntry = { ecosystem: 'Maven', name, version, purl: purlOf('Maven', name, version), path, extractor };
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) (entry as unknown as Record<string, unknown>)[k] = v;
  return entry;
}
