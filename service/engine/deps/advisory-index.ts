// The advisory index the CLI (and tests) build in memory from OSV records, and the mapping of OSV's
// ecosystem names to Vigil's, which the service's advisory store shares.
import { ECOSYSTEMS, type Ecosystem } from '../../contract/vocabulary';
import { normalizePackageName } from './names';
import { packageKey, type AdvisoryIndex, type OsvRecord } from './types';

const OSV_ECOSYSTEMS: ReadonlyMap<string, Ecosystem> = new Map(
  ECOSYSTEMS.filter((e) => e !== 'Other').map((e) => [e.toLowerCase(), e] as [string, Ecosystem]),
);

/**
 * Vigil's ecosystem for an OSV ecosystem string ('PyPI', 'npm', 'crates.io', 'Maven', ...), or
 * undefined for ecosystems Vigil does not extract (Debian:11, Alpine:v3.18, OSS-Fuzz, GIT ...). A
 * suffix after ':' (OSV's 'Maven:https://maven.google.com/' names another repository) is dropped;
 * case does not matter.
 */
export function ecosystemOfOsv(name: string): Ecosystem | undefined {
  if (typeof name !== 'string') return undefined;
  const colon = name.indexOf(':');
  const base = (colon === -1 ? name : name.slice(0, colon)).trim().toLowerCase();
  return OSV_ECOSYSTEMS.get(base);
}

/** The packageKeys an affected entry of a record names (normalised), skipping unknown ecosystems. */
export function affectedKeys(record: OsvRecord): Set<string> {
  const keys = new Set<string>();
  for (const affected of record.affected ?? []) {
    const pkg = affected?.package;
    if (!pkg || typeof pkg.name !== 'string') continue;
    const ecosystem = ecosystemOfOsv(pkg.ecosystem);
    if (ecosystem) keys.add(packageKey(ecosystem, normalizePackageName(ecosystem, pkg.name)));
  }
  return keys;
}

/** An AdvisoryIndex over records held in memory; withdrawn records are left out. */
export function memoryAdvisoryIndex(records: Iterable<OsvRecord>): AdvisoryIndex {
  const byPackage = new Map<string, OsvRecord[]>();
  const perEcosystem = new Map<Ecosystem, number>();
  for (const record of records) {
    if (!record || typeof record.id !== 'string' || record.withdrawn) continue;
    const keys = affectedKeys(record);
    const ecosystems = new Set<Ecosystem>();
    for (const key of keys) {
      const list = byPackage.get(key);
      if (list) list.push(record);
      else byPackage.set(key, [record]);
      ecosystems.add(key.slice(0, key.indexOf(':')) as Ecosystem);
    }
    for (const ecosystem of ecosystems) perEcosystem.set(ecosystem, (perEcosystem.get(ecosystem) ?? 0) + 1);
  }
  return {
    lookup: async (packages) => {
      const found = new Map<string, readonly OsvRecord[]>();
      for (const { ecosystem, name } of packages) {
        const normal = normalizePackageName(ecosystem, name);
        const key = packageKey(ecosystem, normal);
        const list = byPackage.get(key);
        if (list) found.set(normal === name ? key : packageKey(ecosystem, name), list);
      }
      return found;
    },
    counts: async () => Object.fromEntries(perEcosystem) as Partial<Record<Ecosystem, number>>,
  };
}
