// How a NuGet package entry is built, and what a written NuGet version means.
import { normalizePackageName, purlOf } from '../../names';
import type { PackageEntry } from '../../types';

type Extra = Omit<PackageEntry, 'ecosystem' | 'name' | 'version' | 'purl' | 'path' | 'extractor'>;

/** One NuGet package entry: the name lower-cased, the purl from it. */
export function nugetEntry(extractor: string, path: string, name: string, version: string, extra: Extra = {}): PackageEntry {
  const normal = normalizePackageName('NuGet', name);
  const entry: PackageEntry = { ecosystem: 'NuGet', name: normal, version, purl: purlOf('NuGet', normal, version), path, extractor };
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) (entry as unknown as Record<string, unknown>)[k] = v;
  return entry;
}

/** purl of a name and exact version (graph edges). */
export const nugetPurl = (name: string, version: string): string => purlOf('NuGet', normalizePackageName('NuGet', name), version);

// NuGet SemVer 2 with up to four numeric parts (1.2, 1.2.3, 1.2.3.4, 1.2.3-beta.1+build).
const EXACT = /^\d+(\.\d+){0,3}(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;

/**
 * A version as a project file writes it: a plain version (NuGet's minimum, which restore takes
 * when it exists) or `[1.2.3]` is a version; a floating version (`1.*`, `*-*`) or a range
 * (`[1.0,2.0)`, `(,2.0]`) is no version, only `declared`.
 */
export function nugetVersion(written: string): { version: string; declared?: string } {
  const v = written.trim();
  if (EXACT.test(v)) return { version: v };
  const pinned = /^\[\s*([^,\]\s]+)\s*\]$/.exec(v);
  if (pinned && EXACT.test(pinned[1])) return { version: pinned[1], declared: v };
  return { version: '', declared: v };
}
