// The AdvisoryIndex the service hands the scanners: the OSV mirror in the store, a whole repository's
// packages looked up in one query, counts from the sync state.
import type { Kysely } from 'kysely';
import type { Ecosystem } from '../contract/vocabulary';
import { normalizePackageName } from '../engine/deps/names';
import { packageKey, type AdvisoryIndex, type OsvRecord } from '../engine/deps/types';
import { advisoriesForPackages, advisoryCounts } from '../store/advisories';
import type { Database } from '../store/schema';

export function storeAdvisoryIndex(db: Kysely<Database>): AdvisoryIndex {
  return {
    async lookup(packages) {
      // Answers are keyed by the names asked (extractors normalise already; this guards other callers).
      const asked = new Map<string, string[]>();
      const wanted = packages.map(({ ecosystem, name }) => {
        const normal = { ecosystem, name: normalizePackageName(ecosystem, name) };
        const key = packageKey(ecosystem, normal.name);
        const given = packageKey(ecosystem, name);
        const list = asked.get(key);
        if (!list) asked.set(key, [given]);
        else if (!list.includes(given)) list.push(given);
        return normal;
      });
      const rows = await advisoriesForPackages(db, wanted);
      const found = new Map<string, OsvRecord[]>();
      for (const row of rows) {
        for (const key of asked.get(packageKey(row.ecosystem as Ecosystem, row.name)) ?? []) {
          let list = found.get(key);
          if (!list) found.set(key, (list = []));
          list.push(row.record as OsvRecord);
        }
      }
      return found;
    },
    async counts() {
      return (await advisoryCounts(db)) as Partial<Record<Ecosystem, number>>;
    },
  };
}
