// The package entries the package scanners judge: an entry repeated in one file (same package,
// version and declaration) counts once. Grouped by file first, so the keys stay short (a 200k-entry
// inventory is judged in one pass without a set of 200k path-long strings).
import type { PackageEntry } from '../types';

/**
 * `dropLockedRanges`: leave out a range-only entry (no version) of a package the same file also
 * gives a version for (licenses judge the locked version).
 */
export function uniquePackages(packages: readonly PackageEntry[], dropLockedRanges = false): PackageEntry[] {
  const byPath = new Map<string, { seen: Set<string>; locked?: Set<string> }>();
  if (dropLockedRanges) {
    for (const p of packages) {
      if (p.version === '') continue;
      let file = byPath.get(p.path);
      if (!file) byPath.set(p.path, (file = { seen: new Set() }));
      (file.locked ??= new Set()).add(`${p.ecosystem}:${p.name}`);
    }
  }
  const out: PackageEntry[] = [];
  for (const p of packages) {
    let file = byPath.get(p.path);
    if (!file) byPath.set(p.path, (file = { seen: new Set() }));
    const name = `${p.ecosystem}:${p.name}`;
    if (p.version === '' && file.locked?.has(name)) continue;
    const key = `${name}@${p.version}\u0000${p.declared ?? ''}`;
    if (file.seen.has(key)) continue;
    file.seen.add(key);
    out.push(p);
  }
  return out;
}
